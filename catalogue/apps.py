from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue of providers")

    def ready(self):
        # Importing documents registers the printed catalogue's layout with kpss.pdf_layouts.
        from catalogue import documents, signals  # noqa: F401

        signals.connect()
