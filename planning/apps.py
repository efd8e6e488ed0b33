from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        from kpss.history import register_labels
        from planning import documents  # noqa: F401  registers the PDF layouts with kpss.pdf_layouts
        from planning.models import Plan
        from planning.monitoring import documents as monitoring_documents  # noqa: F401  and the report's

        register_labels(
            actions={f"plan.{name}": transition.label for name, transition in Plan.TRANSITIONS.items()},
            states=dict(Plan.Status.choices),
        )
