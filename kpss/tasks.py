"""Background tasks (django-tasks) and their queueing: run by `manage.py db_worker`, given primary
keys, not objects.

`request_rendering` lives next to the task it enqueues, so rendering (`kpss.pdf`) never needs to
import the queue.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kpss import pdf
from kpss.models import PdfDocument
from kpss.pdf_layouts import get_layout


@task()
def render_pdf(document_id, job):
    """Render a queued PDF document; `job` tells a superseded request from the current one."""
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
        document.job += 1
        document.status = PdfDocument.Status.QUEUED
        document.progress = 0
        document.error = ""
        document.requested_at = timezone.now()
        document.requested_by = by if by and by.is_authenticated else None
        document.started_at = document.finished_at = None
        document.save()
        result = render_pdf.enqueue(document.pk, document.job)
        PdfDocument.objects.filter(pk=document.pk, job=document.job).update(task_id=str(result.id))
    document.refresh_from_db()
    return document
