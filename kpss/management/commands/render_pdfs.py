"""Queue the archival PDFs that are missing, or all of them after a change of the PDF templates.

Versions and settlements are queued when they are published; this command is for the rest: PDFs
that a failed worker never finished, the demo (`--now` renders here instead of in the worker), and
re-rendering everything after a template change (`--all`). Superseded files are deleted.
"""

from django.core.management.base import BaseCommand

from kpss.models import PdfDocument
from kpss.pdf import render_document
from kpss.pdf_layouts import LAYOUTS
from kpss.tasks import request_rendering


class Command(BaseCommand):
    help = "Queue (or with --now render) the PDFs of plan versions and settlements that are missing."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Render every document again, not only missing ones.")
        parser.add_argument("--now", action="store_true", help="Render here and now instead of in the worker.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be queued, change nothing.")

    def handle(self, *args, all, now, dry_run, **options):
        queued = []
        for layout in LAYOUTS.values():
            sources = list(layout.sources())
            existing = PdfDocument.objects.for_sources(sources, layout.name)
            for source in sources:
                document = existing.get(source.pk)
                if not all and document and (document.is_available or document.in_progress):
                    continue
                self.stdout.write(f"{layout.name}: {layout.title(source)}")
                if not dry_run:
                    queued.append(request_rendering(source, layout.name))
        if now:
            for document in queued:
                status = render_document(document.pk, document.job)
                self.stdout.write(f"  {document.pk}: {status}")
        self.stdout.write(self.style.SUCCESS(f"{len(queued)} PDF documents {'rendered' if now else 'queued'}."))
