"""How the public reaches the catalogue's objects: only what the public catalogue lists.

A withdrawn service (no longer in the registry) and a provider without a public service answer
404, as if they did not exist.
"""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from catalogue.models import Provider, Service


def public_providers():
    return Provider.objects.filter(Exists(Service.objects.public().filter(provider=OuterRef("pk"))))


def get_public_service(pk):
    return get_object_or_404(Service.objects.public().select_related("provider", "service_type"), pk=pk)


def get_public_provider(pk):
    return get_object_or_404(public_providers(), pk=pk)
