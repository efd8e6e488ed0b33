from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KpssConfig(AppConfig):
    name = "kpss"
    verbose_name = _("Portal")

    def ready(self):
        from kpss.roles import sync_coordinator_permissions

        # After every migrate, so that permissions of models added later reach coordinators.
        # Sent for auth, which comes after our apps in INSTALLED_APPS: by then Django has
        # created the permissions of our apps' models.
        post_migrate.connect(sync_coordinator_permissions, sender=apps.get_app_config("auth"))
