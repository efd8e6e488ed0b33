"""Background tasks (django-tasks) and their queueing: run by `manage.py db_worker`, given primary
keys, not objects.

`request_rendering` lives next to the task it enqueues, so rendering (`kpss.pdf`) never needs to
import the queue. `recover_stalled_renderings` re-queues renderings whose worker died mid-render.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from kpss import country, pdf
from kpss.models import PdfDocument, log_action, pdf_document_changed
from kpss.pdf_layouts import get_layout

logger = logging.getLogger(__name__)

STALLED_REASON = gettext_lazy(
    "The rendering stopped without finishing (for example, the worker was stopped); it was queued again."
)


@task()
def render_pdf(document_id, job):
    """Render a queued PDF document; `job` tells a superseded request from the current one.

    A worker first re-queues the renderings of workers that died: it is alive, so it is the one
    that can notice, and the query is cheap.
    """
    recover_stalled_renderings()
    return pdf.render_document(document_id, job)


def request_rendering(source, layout, by=None):
    """Queue (re-)rendering of `source` in `layout`; returns the PdfDocument.

    The task is enqueued in the same transaction as the status change: with the database backend
    either both are stored or neither is. A document already waiting in the queue is not queued twice.
    """
    get_layout(layout)  # an unknown layout fails here, in the caller, not later in the worker
    content_type = ContentType.objects.get_for_model(source)
    with transaction.atomic():
        document, _created = PdfDocument.objects.select_for_update().get_or_create(
            content_type=content_type, object_id=source.pk, layout=layout,
        )
        if document.status == PdfDocument.Status.QUEUED and document.task_id:
            return document
        _queue(document, by=by)
    document.refresh_from_db()
    return document


def recover_stalled_renderings(document_id=None):
    """Fail the stalled renderings (or document `document_id`, if it is stalled) and queue them again.

    A worker killed mid-render (out of memory, a restart) leaves its document "rendering" for good.
    Each is re-queued as a new job, so the dead one, should it finish after all, is superseded.
    The reason stays on the document for the coordinator until a rendering succeeds, and the
    failure is logged and kept in the history. Returns the documents recovered.
    """
    stalled = PdfDocument.objects.stalled()
    if document_id is not None:
        stalled = stalled.filter(pk=document_id)
    recovered = [_recover(pk) for pk in stalled.values_list("pk", flat=True)]
    return [document for document in recovered if document is not None]


def _recover(document_id):
    with transaction.atomic():
        # Checked again under the lock: the worker may have shown a sign of life or finished since
        # the list was read, or another process may have recovered the document first.
        document = PdfDocument.objects.select_for_update().stalled().filter(pk=document_id).first()
        if document is None:
            return None
        last_sign_of_life = document.last_sign_of_life
        logger.warning(
            "Rendering PDF document %s (job %s) stalled, no sign of life since %s; failed and queued again",
            document.pk, document.job, last_sign_of_life,
        )
        log_action(document, "pdf.stalled", job=document.job,
                   last_sign_of_life=last_sign_of_life.isoformat() if last_sign_of_life else None)
        with translation.override(country.language()):  # stored for the coordinator, in the site's language
            reason = str(STALLED_REASON)
        _queue(document, by=document.requested_by, error=reason)
    document.refresh_from_db()
    return document


def _queue(document, by=None, error=""):
    """Give the locked `document` a new job and enqueue it; a task holding an older job is superseded."""
    document.job += 1
    document.status = PdfDocument.Status.QUEUED
    document.progress = 0
    document.error = error
    document.requested_at = timezone.now()
    document.requested_by = by if by and by.is_authenticated else None
    document.started_at = document.finished_at = document.heartbeat_at = None
    document.save(update_fields=[
        "job", "status", "progress", "error", "requested_at", "requested_by",
        "started_at", "finished_at", "heartbeat_at",
    ])
    result = render_pdf.enqueue(document.pk, document.job)
    PdfDocument.objects.filter(pk=document.pk, job=document.job).update(task_id=str(result.id))
    pdf_document_changed.send(sender=PdfDocument, document=document)
