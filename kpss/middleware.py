import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import DatabaseError
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from kpss import views
from kpss.country import language, serving
from kpss.models import SiteSettings

LAST_SEEN_KEY = "kpss_last_seen"
# Writing the session on every request would cost a database write per click; refreshing the
# timestamp once a minute keeps the idle timeout accurate to that minute.
REFRESH_EVERY_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    """Log out signed-in users who have been idle longer than STAFF_IDLE_TIMEOUT."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT.total_seconds():
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
            elif now - last_seen >= REFRESH_EVERY_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class LanguageMiddleware:
    """The language of the portal's country (Czech, or Slovak) unless the visitor chose another with
    the switcher (a cookie); the country serves the whole request (kpss.country).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the portal's
    content (plans, minutes) is in the country's language, and a page with English navigation
    around it helps nobody who did not ask for it. The site settings read here serve the page's
    context too (kpss.context_processors.site).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.site_settings = SiteSettings.get_solo()
        except DatabaseError:
            # The database is out of reach: answer at once (the view would wait for it again).
            if request.path == reverse("healthz"):
                return views.health_unavailable()
            with translation.override(settings.LANGUAGE_CODE):
                return views.unavailable_page(request)
        country = request.site_settings.country
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        request.LANGUAGE_CODE = chosen if chosen in dict(settings.LANGUAGES) else language(country)
        # The language and country serve this request only: the thread serves others after it.
        with serving(country), translation.override(request.LANGUAGE_CODE):
            response = self.get_response(request)
        if response.streaming:  # written as the client reads it, after this returns
            response.streaming_content = _served(response.streaming_content, country, request.LANGUAGE_CODE)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ["Cookie"])
        return response


def _served(chunks, country, language_code):
    with serving(country), translation.override(language_code):
        yield from chunks


class NotFoundPageMiddleware:
    """The portal's own Czech 404 page for a missing page even with DEBUG on (the demo runs so).

    With DEBUG, Django answers a missing page with its technical 404 in English, listing the URL
    patterns; a visitor of the demo should see what the town's visitors will. DEBUG_TECHNICAL_404=1
    brings Django's page back for whoever is working on the URLs. Without DEBUG, Django shows ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No view was found for the address: the resolver's 404, which never reaches process_exception.
        if response.status_code == 404 and self.applies() and getattr(request, "resolver_match", None) is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        """A view raised Http404 (an object that does not exist, or is not the user's to know)."""
        if isinstance(exception, Http404) and self.applies():
            return page_not_found(request, exception)
        return None

    @staticmethod
    def applies():
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_404
