"""Background work of the catalogue: rendering the printed catalogue after each import."""

from catalogue.documents import CatalogueLayout, catalogue_document
from catalogue.models import ImportRun
from kpss.models import SiteSettings
from kpss.tasks import request_rendering


def render_catalogue_pdf(by=None):
    """Queue the printed catalogue for (re-)rendering by the worker; returns its PdfDocument."""
    return request_rendering(SiteSettings.get_solo(), CatalogueLayout.name, by=by)


def after_import(run):
    """What follows a registry import once it is committed: the printed catalogue is rendered again
    from the new data. Returns the queued PdfDocument, or None when nothing follows.

    A dry run or a failed run changed nothing, so nothing follows it. Neither does a run that
    found every service unchanged while the catalogue's PDF is there or on its way: the daily
    re-import of the same file writes nothing at all. Takes the ImportRun or its primary key.
    """
    if not isinstance(run, ImportRun):
        run = ImportRun.objects.get(pk=run)
    if run.dry_run or run.status != ImportRun.Status.DONE:
        return None
    if not (run.created or run.updated or run.withdrawn):
        document = catalogue_document()
        if document is not None and (document.is_available or document.in_progress):
            return None
    return render_catalogue_pdf()
