"""Queue the archival PDFs that are missing, or all of them after a change of the PDF templates.

Versions and settlements are queued when they are published; this command is for the rest: PDFs
that a failed worker never finished (renderings that stalled because their worker died are
queued again), the demo (`--now` renders here instead of in the worker), and re-rendering
everything after a template change (`--all`). Superseded files are deleted.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kpss.models import PdfDocument
from kpss.pdf import render_document
from kpss.pdf_layouts import LAYOUTS
from kpss.tasks import recover_stalled_renderings, request_rendering


class Command(BaseCommand):
    help = "Queue (or with --now render) the PDFs of plan versions and settlements that are missing or stalled."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Render every document again, not only missing ones.")
        parser.add_argument("--now", action="store_true", help="Render here and now instead of in the worker.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be queued, change nothing.")

    def handle(self, *args, all, now, dry_run, **options):
        queued = {}
        stalled = list(PdfDocument.objects.stalled()) if dry_run else recover_stalled_renderings()
        for document in stalled:
            state = self._stalled_since(document) if dry_run else "stalled, queued again"
            self.stdout.write(f"{document.layout}: {self._title(document)} ({state})")
            if not dry_run:
                queued[document.pk] = document
        listed = {document.pk for document in stalled}  # queued again above: --all does not queue them twice
        for layout in LAYOUTS.values():
            sources = list(layout.sources())
            existing = PdfDocument.objects.for_sources(sources, layout.name)
            for source in sources:
                document = existing.get(source.pk)
                if document and document.pk in listed:
                    continue
                if document and not all and (document.is_available or document.in_progress):
                    continue
                self.stdout.write(f"{layout.name}: {layout.title(source)}")
                if not dry_run:
                    document = request_rendering(source, layout.name)
                    queued[document.pk] = document
        if now:
            for document in queued.values():
                status = render_document(document.pk, document.job)
                self.stdout.write(f"  {document.pk}: {status}")
        self.stdout.write(self.style.SUCCESS(f"{len(queued)} PDF documents {'rendered' if now else 'queued'}."))

    @staticmethod
    def _stalled_since(document):
        since = document.last_sign_of_life
        return f"stalled since {timezone.localtime(since):%Y-%m-%d %H:%M}" if since else "stalled"

    @staticmethod
    def _title(document):
        source = document.source
        return document.get_layout().title(source) if source is not None else f"{document.object_id} (deleted)"
