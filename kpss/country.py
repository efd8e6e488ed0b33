"""The country whose law the portal follows (SiteSettings.country): Czechia or Slovakia.

It chooses the default language, the legal references, the words for the plans, the territory
kinds and the service-type code list. A request knows it from kpss.middleware.LanguageMiddleware,
which reads the site settings once; work outside a request (tasks, commands) reads them itself and
runs in the site's language (`site_language`).
"""

import contextlib
import functools
from contextvars import ContextVar

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    CZ = "CZ", _("Czechia")
    SK = "SK", _("Slovakia")


LANGUAGES = {Country.CZ: "cs", Country.SK: "sk"}
_serving = ContextVar("kpss_country", default=None)


def current():
    country = _serving.get()
    if country is None:
        from kpss.models import SiteSettings

        country = SiteSettings.get_solo().country
    return country


def language(country=None):
    """The language of the country's people: the portal's default."""
    return LANGUAGES[country or current()]


@contextlib.contextmanager
def serving(country):
    token = _serving.set(country)
    try:
        yield
    finally:
        _serving.reset(token)


@contextlib.contextmanager
def site_language():
    """The site's country and its language, for work done outside a request."""
    country = current()
    with serving(country), translation.override(LANGUAGES[country]):
        yield


def in_site_language(function):
    """Run `function` (a task) in the site's country and language."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with site_language():
            return function(*args, **kwargs)

    return wrapper
