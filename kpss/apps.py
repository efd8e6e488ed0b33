from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KpssConfig(AppConfig):
    name = "kpss"
    default = True  # the app's config, though this module holds axes' too
    verbose_name = _("Portal")

    def ready(self):
        from kpss.roles import sync_coordinator_permissions

        # post_migrate is sent once per app; our receiver runs after Django's, which creates
        # that app's permissions, so syncing on every signal leaves no permission out.
        post_migrate.connect(sync_coordinator_permissions, dispatch_uid="sync_coordinator_permissions")


class AxesConfig(AxesAppConfig):
    """django-axes, with a Czech name for its section of the admin (it ships no Czech; its other
    strings are translated in locale_vendor/)."""

    verbose_name = _("Sign-ins")
