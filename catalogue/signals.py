"""The catalogue's revision moves on with every saved or deleted row its filters' choices are built
from (see catalogue.models.CatalogueRevision), and with each change of the printed catalogue's state,
which the list's downloads box shows from the same cache. Imports write in bulk, without signals,
and move it on themselves (catalogue.services.on_import_finished)."""

from django.db.models.signals import post_delete, post_save

from catalogue.documents import CatalogueLayout
from catalogue.models import AgeGroup, CatalogueRevision, Facility, Service
from kpss.models import PdfDocument, ServiceType, SiteSettings, TargetGroup, Territory, pdf_document_changed

# The site settings name the country, whose service types the filters offer.
SOURCES_OF_CHOICES = [ServiceType, TargetGroup, AgeGroup, Territory, Service, Facility, SiteSettings]


def catalogue_changed(sender, **kwargs):
    CatalogueRevision.move_on()


def document_changed(sender, document=None, instance=None, **kwargs):
    """The printed catalogue's state is one of the facts kept under the revision (its downloads box)."""
    if (document or instance).layout == CatalogueLayout.name:  # `instance` when one is deleted
        CatalogueRevision.move_on()


def connect():
    for model in SOURCES_OF_CHOICES:
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-revision-save-{model.__name__}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-revision-delete-{model.__name__}")
    pdf_document_changed.connect(document_changed, sender=PdfDocument, dispatch_uid="catalogue-revision-pdf")
    post_delete.connect(document_changed, sender=PdfDocument, dispatch_uid="catalogue-revision-pdf-delete")
