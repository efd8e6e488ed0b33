"""Workflows of the catalogue that span several models or run in the background.

- `import_file`: the one path of an import, for the command (`import_rpss`) and the admin's upload
  alike: the import itself (catalogue.importer), then `on_import_finished`.
- `queue_upload` / `import_uploaded_file`: the coordinator's upload in admin is stored privately
  under an unguessable name, imported by a background task (django-tasks) and deleted after.
- Progress: an import is one transaction, so what it writes is invisible to others until it
  commits. The task writes its progress (services read, share of the file read) through a second
  database connection of its own, which commits at once and which the run's admin page reads. On
  SQLite, where a second writer would wait for the import's lock, the page shows how long the run
  has been going and how large the file is instead.
- `after_import`: the printed catalogue is rendered again after an import that changed something.
- `link_services_to_type`: naming a registry code in admin (a ServiceType) links the services
  imported under it at once.
"""

import contextlib
import logging
import posixpath
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from catalogue.codes import after_slash
from catalogue.documents import CatalogueLayout, catalogue_document
from catalogue.importer import RegistryFileError, import_registry
from catalogue.models import CatalogueRevision, ImportRun, Service
from kpss import country
from kpss.actionlog import log_action
from kpss.files import unguessable_name
from kpss.models import SiteSettings
from kpss.tasks import request_rendering

logger = logging.getLogger(__name__)

UPLOAD_PREFIX = "registry-imports"
# The search's and the filters' indexes on PostgreSQL (migrations 0002 and 0007).
TRIGRAM_INDEXES = ["catalogue_service_search_trgm", "catalogue_service_filter_key_trgm"]


def import_file(file, *, by=None, run=None, on_progress=None, **options):
    """Import the registry's open file (see catalogue.importer.import_registry for `options`) and
    finish the run; returns the run. Raises RegistryFileError for a broken file."""
    run = import_registry(file, run=run, on_progress=on_progress, **options)
    on_import_finished(run, by=by)
    return run


def on_import_finished(run, by=None):
    """What follows a finished import: the single place for it. A run that changed something is
    logged in the history; once the data are committed the printed catalogue is rendered again
    (`after_import`). A dry run changed nothing and is followed by nothing."""
    if run.status != ImportRun.Status.DONE or run.dry_run:
        return
    if run.created or run.updated or run.withdrawn:  # the daily unchanged re-import writes nothing at all
        log_action(run, "importrun.finished", by, source=run.source, scope=run.scope, created=run.created,
                   updated=run.updated, unchanged=run.unchanged, skipped=run.skipped, withdrawn=run.withdrawn,
                   rejected=len(run.rejected), unknown_codes=len(run.unknown_codes))
    transaction.on_commit(lambda: after_import(run.pk))
    if run.created or run.updated or run.withdrawn:
        CatalogueRevision.move_on()
        transaction.on_commit(refresh_statistics)


def refresh_statistics():
    """After a bulk load PostgreSQL's planner needs fresh statistics of the catalogue's tables (until
    autovacuum gets to them it may sort the whole catalogue for the first page of the list: 19 ms
    instead of 0.2 ms at national size), and the trigram indexes their pending entries merged: a
    GIN index takes new rows into a list that every search reads through until a vacuum merges it
    (after the national file, 500 pages of the filters' index, which the planner then avoids)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for index in TRIGRAM_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE catalogue_service, catalogue_facility, catalogue_provider")


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


def queue_upload(upload, *, whole_country, dry_run, by):
    """Store an uploaded registry file privately and queue its import; returns the queued ImportRun.

    The file goes to the default storage, which no web server serves (kpss.files), under an
    unguessable name. The run and its task are stored in one transaction, so with the database
    task backend either both exist or neither does.
    """
    stop_stalled_imports()
    stored = default_storage.save(unguessable_name(UPLOAD_PREFIX, upload.name), upload)
    try:
        with transaction.atomic():
            run = ImportRun.objects.create(
                source=upload.name, status=ImportRun.Status.QUEUED, whole_country=whole_country, dry_run=dry_run,
                requested_by=by if by and by.is_authenticated else None, stored_file=stored, file_size=upload.size,
            )
            import_uploaded_file.enqueue(run.pk)
    except Exception:
        default_storage.delete(stored)  # no run will ever read it
        raise
    return run


@task()
def import_uploaded_file(run_id):
    """Import a queued upload into its run, then delete the file, whatever the outcome."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return run.status  # run already, by a worker that was thought dead
    with translation.override(country.language()):  # the report is stored for the coordinator
        return _import_upload(run)


def _import_upload(run):
    progress = ProgressWriter(run.pk)
    try:
        with default_storage.open(run.stored_file, "rb") as file:
            import_file(file, by=run.requested_by, run=run, source=run.source, everything=run.whole_country,
                        dry_run=run.dry_run, on_progress=progress)
    except FileNotFoundError:
        _stopped(run, _("The uploaded file is missing; upload it again."))
    except RegistryFileError:
        pass  # the run holds the reason
    except Exception as error:
        # Not the file's fault (the database went away): the run must not look as if still running.
        _stopped(run, _("The import stopped on an error: %(error)s") % {"error": error})
        raise
    finally:
        progress.close()
        _delete_upload(run)
    return run.status


def stop_stalled_imports(now=None):
    """Mark as failed the runs still "running" long after any import would have ended (their worker
    died: killed, or the machine restarted), and delete their uploaded files; returns how many.
    Called where the coordinator looks at imports, and before a new upload is queued."""
    limit = (now or timezone.now()) - timedelta(minutes=settings.REGISTRY_IMPORT_STALL_MINUTES)
    stalled = list(ImportRun.objects.filter(status=ImportRun.Status.RUNNING, started_at__lt=limit))
    with translation.override(country.language()):  # stored for the coordinator, in the site's language
        message = _("The import stopped without finishing (its background worker ended); nothing of it "
                          "was saved. Run it again.")
    for run in stalled:
        _stopped(run, message)
        _delete_upload(run)
    return len(stalled)


def _stopped(run, message):
    run.status, run.error, run.finished_at = ImportRun.Status.FAILED, message, timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(status=run.status, error=run.error, finished_at=run.finished_at)


def _delete_upload(run):
    if run.stored_file:
        default_storage.delete(run.stored_file)
        folder = posixpath.dirname(run.stored_file)  # the random token's, made for this file alone
        if folder.startswith(f"{UPLOAD_PREFIX}/"):
            with contextlib.suppress(OSError, NotImplementedError):
                default_storage.delete(folder)
        ImportRun.objects.filter(pk=run.pk).update(stored_file="")
        run.stored_file = ""


class ProgressWriter:
    """Writes a running import's progress where the admin page sees it at once (see the module's
    docstring): on PostgreSQL through a connection of its own, committing each write.

    Progress is for people to watch: a write that fails, or would wait for a lock (the run's row
    still uncommitted in an outer transaction), is given up rather than stall the import.
    """

    def __init__(self, run_id):
        self.run_id = run_id
        self.connection = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.connection = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, processed, percent):
        if self.connection is None:
            return
        try:
            with self.connection.cursor() as cursor:
                # The timeout for this write alone: the connection goes back to the pool afterwards.
                cursor.execute("BEGIN")
                cursor.execute("SET LOCAL lock_timeout = '1s'")
                cursor.execute(f"UPDATE {ImportRun._meta.db_table} SET processed = %s, progress = %s WHERE id = %s",
                               [processed, percent, self.run_id])
                cursor.execute("COMMIT")
        except Exception:  # noqa: BLE001  progress is for watching: it must never fail the import
            logger.warning("Progress of registry import %s not written", self.run_id, exc_info=True)
            with contextlib.suppress(Exception):
                self.connection.cursor().execute("ROLLBACK")
            self.close()

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def link_services_to_type(service_type):
    """Link the services imported under `service_type`'s registry code that have no type yet, and
    refresh the search text of the type's services (it holds the type's name). Returns how many
    services were linked."""
    code = after_slash(service_type.registry_code)  # "DruhSocialniSluzby/13" or "13"
    linked = 0
    if code:
        linked = Service.objects.filter(type_code=code, service_type=None).update(service_type=service_type)
    services = list(Service.objects.filter(service_type=service_type).select_related(
        "provider", "service_type").prefetch_related("facilities"))
    for service in services:
        service.refresh_search()
    Service.objects.bulk_update(services, Service.DERIVED_FIELDS, batch_size=500)
    return linked
