"""Archival PDFs: a Django template rendered by WeasyPrint as tagged PDF/A-3a, off the request path.

Each kind of document is a `PdfLayout` (`kpss.pdf_layouts`; planning registers the plan and
settlement layouts). The flow is: `kpss.tasks.request_rendering(source, layout)` marks the document
queued and enqueues `kpss.tasks.render_pdf`; a `db_worker` runs `render_document` (here), which
renders, stores the file under a new name, and only then points the document at it. The public
downloads that stored file. The layers import one way: registry <- model <- rendering <- queueing.
"""

import contextlib
import hashlib
import json
import logging
import mimetypes
import re
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kpss import country
from kpss.models import PdfDocument, pdf_document_changed
from kpss.typography import czech_typography

logger = logging.getLogger(__name__)

# Relative URLs in PDF templates resolve against this origin; the fetcher serves only its /static/.
BASE_URL = "https://kpss.invalid/"


class StaticFilesOnly:
    """URL fetcher for WeasyPrint: the portal's own static files, nothing from the network or disk.

    A chapter could contain <img src="http://…"> or "file:///etc/passwd"; WeasyPrint logs the
    refusal and renders on without it.
    """

    # WeasyPrint's own fetchers carry this flag (kept as a plain class so importing this module
    # does not load WeasyPrint and its system libraries): False turns a refusal into a warning.
    _fail_on_errors = False

    def __call__(self, url, headers=None):
        return self.fetch(url, headers)

    def fetch(self, url, headers=None):
        from weasyprint.urls import URLFetcherResponse

        path = self.static_path(url)
        if path is None:
            raise ValueError(f"Only the portal's static files may be used in a PDF, not {url}")
        with open(path, "rb") as file:
            body = file.read()
        return URLFetcherResponse(url, body, headers={"Content-Type": _content_type(path)})

    @staticmethod
    def static_path(url):
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/"))
        if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc) or not parts.path.startswith(prefix.path):
            return None
        relative = unquote(parts.path[len(prefix.path):])
        try:
            # After collectstatic, templates link hashed names ("css/pdf.3f2a….css") that exist
            # only in STATIC_ROOT; without it (development, tests) the finders know the sources.
            if settings.STATIC_ROOT and staticfiles_storage.exists(relative):
                return staticfiles_storage.path(relative)
            return finders.find(relative)
        except SuspiciousFileOperation:
            return None


def _content_type(path):
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


@dataclass
class RenderedPdf:
    content: bytes
    pages: int

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


def html_for(layout, source, language=None):
    """The document's HTML, with Czech non-breaking spaces, in the site's language."""
    site_country = country.current()
    with country.serving(site_country), translation.override(language or country.language(site_country)):
        context = {
            "layout": layout, "title": layout.title(source), "document_date": layout.document_date(source),
            "country": site_country,
            **layout.context(source),
        }
        return czech_typography(render_to_string(layout.template(source), context))


def attachment_data(data):
    return json.dumps(data, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)


def render_html(html, attachments=(), on_progress=None, attached_on=None):
    """Render HTML to PDF/A with WeasyPrint: the one place that calls it.

    `attached_on` dates the attachments (WeasyPrint would stamp the current time), so the same
    HTML and data give the same bytes.
    """
    from weasyprint import HTML, Attachment

    with _progress_reported_to(on_progress):
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).render()
        content = document.write_pdf(
            pdf_variant=settings.PDF_VARIANT,
            attachments=[
                Attachment(string=data, name=name, description=description, relationship="Data",
                           url_fetcher=StaticFilesOnly(), created=attached_on, modified=attached_on)
                for name, description, data in attachments
            ],
        )
    return RenderedPdf(content=content, pages=len(document.pages))


def render_source(layout, source, on_progress=None):
    attachments = [(name, description, attachment_data(data)) for name, description, data in layout.attachments(source)]
    return render_html(
        html_for(layout, source), attachments, on_progress=on_progress, attached_on=layout.document_date(source),
    )


STEP = re.compile(r"Step (\d)")
# WeasyPrint's own steps, as a rough share of the work (layout and drawing take the most).
STEP_PROGRESS = {1: 5, 2: 10, 3: 15, 4: 25, 5: 30, 6: 75, 7: 90}


class _ProgressHandler(logging.Handler):
    def __init__(self, on_progress):
        super().__init__(logging.INFO)
        self.on_progress = on_progress
        self.layout_pages = 0

    def emit(self, record):
        match = STEP.match(record.getMessage())
        if not match:
            return
        step = int(match.group(1))
        percent = STEP_PROGRESS.get(step, 0)
        if step == 5:
            # Page count is unknown until layout ends: approach the next step without reaching it.
            self.layout_pages += 1
            percent += int(40 * self.layout_pages / (self.layout_pages + 20))
        self.on_progress(percent)


@contextlib.contextmanager
def _progress_reported_to(on_progress):
    """Feed WeasyPrint's progress log to `on_progress` while a document renders."""
    if on_progress is None:
        yield
        return
    progress_logger = logging.getLogger("weasyprint.progress")
    handler, previous_level = _ProgressHandler(on_progress), progress_logger.level
    progress_logger.addHandler(handler)
    progress_logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        progress_logger.removeHandler(handler)
        progress_logger.setLevel(previous_level)


class _ProgressWriter:
    """Stores the progress with a sign of life, so the page's indicator moves cheaply and a dead
    worker can be told from a slow one.

    A rising percentage is written at most every half second. Long stretches repeat the same
    percentage (the layout of a long plan, repagination), so WeasyPrint's steps still write a
    sign of life every few seconds: PDF_STALL_MINUTES must not pass while the worker is alive.
    """

    PROGRESS_SECONDS = 0.5
    HEARTBEAT_SECONDS = 5

    def __init__(self, document_id, job, clock=time.monotonic):
        self.document_id, self.job, self.clock = document_id, job, clock
        self.last_written = 0.0
        self.last_percent = 0

    def __call__(self, percent):
        now = self.clock()
        since = now - self.last_written
        rising = percent > self.last_percent and since >= self.PROGRESS_SECONDS
        if not rising and since < self.HEARTBEAT_SECONDS:
            return
        changes = {"heartbeat_at": timezone.now()}
        if rising:
            self.last_percent = changes["progress"] = percent
        self.last_written = now
        # Filtered by job: a superseded job, e.g. one taken for dead, writes nothing over the new one.
        PdfDocument.objects.filter(pk=self.document_id, job=self.job).update(**changes)


def render_document(document_id, job):
    """Render a queued document and store it; what the background task runs.

    Returns the document's status afterwards. A failure is recorded with its reason for the
    coordinator and leaves any earlier file as it was.
    """
    document = PdfDocument.objects.filter(pk=document_id).first()
    if document is None or document.job != job:
        return "superseded"
    # Only a queued job starts: a task delivered twice, or a job seed_demo already rendered, is done.
    now = timezone.now()
    started = PdfDocument.objects.filter(pk=document_id, job=job, status=PdfDocument.Status.QUEUED).update(
        status=PdfDocument.Status.RENDERING, started_at=now, heartbeat_at=now, progress=2,
    )
    if not started:
        return "not queued"
    pdf_document_changed.send(sender=PdfDocument, document=document)
    layout = document.get_layout()
    try:
        source = document.source
        if source is None:
            raise LookupError(f"The {document.content_type} {document.object_id} no longer exists.")
        rendered = render_source(layout, source, on_progress=_ProgressWriter(document_id, job))
    except Exception as error:
        logger.exception("Rendering PDF document %s failed", document_id)
        PdfDocument.objects.filter(pk=document_id, job=job).update(
            status=PdfDocument.Status.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now(),
        )
        pdf_document_changed.send(sender=PdfDocument, document=document)
        return PdfDocument.Status.FAILED
    _store(document, rendered, job)
    return PdfDocument.objects.values_list("status", flat=True).get(pk=document_id)


def _store(document, rendered, job):
    sha256 = rendered.sha256
    storage = document.file.storage
    # Rendering is reproducible: the same version and templates give the same bytes, which stay
    # where they are. Different bytes are written completely under a new name before the row
    # points at them.
    if sha256 == document.sha256 and document.file and storage.exists(document.file.name):
        name = document.file.name
    else:
        name = f"pdf/{document.layout}/{document.object_id}-{sha256[:16]}.pdf"
        name = storage.save(name, ContentFile(rendered.content))
    with transaction.atomic():
        current = PdfDocument.objects.select_for_update().get(pk=document.pk)
        old_name = current.file.name
        current.file.name = name
        current.size, current.pages, current.sha256 = len(rendered.content), rendered.pages, sha256
        current.rendered_at = current.finished_at = timezone.now()
        if current.job == job:  # else a newer request is waiting and keeps its status
            current.status, current.progress, current.error = PdfDocument.Status.READY, 100, ""
        current.save()
        pdf_document_changed.send(sender=PdfDocument, document=current)
        if old_name and old_name != name:
            transaction.on_commit(lambda: storage.delete(old_name))
