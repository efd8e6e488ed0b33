"""Background tasks (django-tasks): run by `manage.py db_worker`, given primary keys, not objects."""

from django_tasks import task

from kpss import pdf


@task()
def render_pdf(document_id, job):
    """Render a queued PDF document; `job` tells a superseded request from the current one."""
    return pdf.render_document(document_id, job)
