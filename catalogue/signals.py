"""The catalogue's revision moves on with every saved or deleted row its filters' choices are built
from (see catalogue.models.CatalogueRevision). Imports write in bulk, without signals, and move it
on themselves (catalogue.services.on_import_finished)."""

from django.db.models.signals import post_delete, post_save

from catalogue.models import AgeGroup, CatalogueRevision, Facility, Service
from kpss.models import ServiceType, SiteSettings, TargetGroup, Territory

# The site settings name the country, whose service types the filters offer.
SOURCES_OF_CHOICES = [ServiceType, TargetGroup, AgeGroup, Territory, Service, Facility, SiteSettings]


def catalogue_changed(sender, **kwargs):
    CatalogueRevision.move_on()


def connect():
    for model in SOURCES_OF_CHOICES:
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-revision-save-{model.__name__}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-revision-delete-{model.__name__}")
