from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self):
        from groups import documents  # noqa: F401  registers the minutes' PDF layout with kpss.pdf_layouts
