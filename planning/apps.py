from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        from planning import documents  # noqa: F401  registers the PDF layouts with kpss.pdf_layouts
