"""manage.py import_rpss PATH [--okres CODE ...] [--obec CODE ...] [--all] [--dry-run]

Imports the registry's file from the server's disk (a cron job with the daily open data, or a file
too large to upload), by the same path as the coordinator's upload in admin (catalogue.services).
"""

from django.core.management.base import BaseCommand, CommandError

from catalogue.importer import RegistryFileError
from catalogue.services import import_file


class Command(BaseCommand):
    help = ("Import the registry of social service providers (RPSS open data, JSON). Without a filter it "
            "imports the services with a facility in the municipalities of the area of the portal's plans that are "
            "not archived (or of all its territories while no plan has any).")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--okres", action="append", default=[], help="District code, e.g. 3402 (repeatable).")
        parser.add_argument("--obec", action="append", default=[], help="Municipality code (repeatable).")
        parser.add_argument("--all", action="store_true", help="The whole country.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")

    def handle(self, path, okres, obec, all, dry_run, **options):  # noqa: A002  the option's name
        try:
            with open(path, "rb") as file:
                run = import_file(file, source=path, districts=okres, municipalities=obec, everything=all,
                                  dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        except RegistryFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{run.scope}: nové {run.created}, změněné {run.updated}, beze změny {run.unchanged}, "
            f"přeskočené {run.skipped}, stažené {run.withdrawn}, odmítnuté {len(run.rejected)}"
            + (" (zkouška, nic neuloženo)" if dry_run else ""))
        for rejected in run.rejected:
            self.stdout.write(f"  odmítnuto {rejected['id'] or rejected['portal_id']}: {rejected['reason']}")
        for unknown in run.unknown_codes:
            self.stdout.write(f"  neznámý kód {unknown['code']}: {unknown['services']} služeb")
