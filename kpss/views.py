import sys

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.defaults import server_error as django_server_error

from groups.published import published_minutes, upcoming_public_meetings
from kpss.files import fingerprint, serve_file
from kpss.forms import LoginForm
from kpss.models import PdfDocument, SiteSettings
from kpss.permissions import coordinator_required, public
from kpss.tasks import recover_stalled_renderings, request_rendering
from planning.access import is_planning_staff
from planning.models import CommentRound, Plan


class SignInView(LoginView):
    """Sign-in that lands planning staff on what waits for them (/sprava/) and anyone else at home."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return resolve_url("planning:dashboard" if is_planning_staff(self.request.user) else "home")


# How many upcoming meetings of the groups the home page lists.
HOME_MEETINGS = 5


@public
def home(request):
    plans_in_force = list(Plan.objects.in_force_on(timezone.localdate()).order_by("kind", "-year_from"))
    open_rounds = CommentRound.objects.open_now().order_by("closes_at")
    return render(request, "kpss/home.html", {
        "plans_in_force": plans_in_force, "open_rounds": open_rounds,
        "upcoming_meetings": upcoming_public_meetings(HOME_MEETINGS),
        "no_midterm_in_force": not any(plan.kind == Plan.Kind.MIDTERM for plan in plans_in_force),
    })


@public
def accessibility_statement(request):
    return render(request, "kpss/accessibility_statement.html")


@public
def documents(request):
    from planning.documents import published_documents

    return render(request, "kpss/documents.html", {**published_documents(), "minutes": published_minutes()})


@public
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return health_unavailable()
    return HttpResponse("ok\n", content_type="text/plain")


def health_unavailable():
    return HttpResponse("database unavailable\n", status=503, content_type="text/plain")


# How long a client is asked to wait when the database is unreachable (the Retry-After header).
UNAVAILABLE_RETRY_AFTER_SECONDS = 60


@public
def server_error(request):
    """The error page for an uncaught exception (handler500): 503 when the database is unreachable.

    Django calls it while it handles the exception, so sys.exc_info() holds the error. Neither page
    touches the database: the 503 is rendered without the request's context processors (site
    settings, the user), as 500.html is.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, (OperationalError, InterfaceError)):
        return django_server_error(request)
    return unavailable_page(request)


def unavailable_page(request):
    """The 503 page for a database out of reach; it touches nothing that needs the database."""
    page = render_to_string("503.html", {"path": request.path})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


LOGO_MAX_AGE = 365 * 24 * 60 * 60


@public
def logo(request):
    """The town's logo for the header, kept by browsers for as long as the page asks for this file."""
    site = SiteSettings.get_solo()
    if not site.logo:
        raise Http404("No logo.")
    current = request.GET.get("v") == fingerprint(site.logo)
    return serve_file(request, site.logo, inline=True, public=True, max_age=LOGO_MAX_AGE if current else 0)


def pdf_download(request, document):
    """The stored PDF as a file download, revalidated by its SHA-256 (ETag)."""
    if document is None or not document.is_available:
        raise Http404("The PDF is not ready yet.")
    return serve_file(request, document.file, filename=document.download_filename(), etag=document.sha256,
                      public=True)


def _readable_document(request, pk):
    document = get_object_or_404(PdfDocument, pk=pk)
    source = document.source
    if source is None or not document.get_layout().may_read(request.user, source):
        raise Http404
    return document


@public
@never_cache
def pdf_status(request, pk):
    """Where the rendering of a document is, for the progress indicator that polls it.

    A page left open on a rendering whose worker died is often the first to notice: it re-queues it.
    """
    document = _readable_document(request, pk)
    if document.is_stalled:
        recover_stalled_renderings(document.pk)
        document.refresh_from_db()
    return JsonResponse({
        "status": document.status,
        "progress": document.progress,
        "in_progress": document.in_progress,
        "html": render_to_string("kpss/includes/pdf_download.html", {
            "document": document, "back_url": _same_site(request, request.headers.get("Referer", "")),
        }, request=request),
    })


@coordinator_required
@require_POST
def pdf_rerender(request, pk):
    """Render a document again, e.g. after its template changed: for the coordinator."""
    document = get_object_or_404(PdfDocument, pk=pk)
    if document.source is None:
        raise Http404
    request_rendering(document.source, document.layout, by=request.user)
    messages.success(request, _("The PDF was queued for rendering."))
    return redirect(_same_site(request, request.POST.get("next", "")) or "/")


def _same_site(request, url):
    same_site = url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())
    return url if same_site else ""
