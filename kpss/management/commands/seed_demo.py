"""Create the demo town of Lipovec, so a fresh checkout shows a portal that looks in use.

Each app contributes its part through its `demo.seed(scale, log)` (planning's also gets the people
made before it, to take its plans through their lifecycle as the coordinator); running the command
again updates the same rows instead of adding new ones, and leaves existing plans alone. `--scale N`
multiplies the volume of data for benchmarks. The PDFs of every version and settlement are
rendered at the end (in this process, so the demo is complete without a worker); `--no-pdf` skips
them. The demo accounts share a published password, so the command refuses to run with DEBUG
off unless told --force.

`--country sk` builds the Slovak demo instead (kpss.demo_slovak: a microregion of six obce and their
komunitný plán, entirely in Slovak); give it a database of its own.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue import demo as catalogue_demo
from groups import demo as groups_demo
from groups import demo_meetings as groups_demo_meetings
from kpss import demo as kpss_demo
from kpss import demo_slovak
from planning import demo as planning_demo
from planning import demo_comments as planning_demo_comments
from planning.monitoring import demo as monitoring_demo


class Command(BaseCommand):
    help = "Create or update the demo town (Lipovec) with users for each role."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the volume of demo data.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created, change nothing.")
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--no-pdf", action="store_true", help="Skip rendering the PDFs (for tests and benchmarks).")
        parser.add_argument("--country", choices=["cz", "sk"], default="cz",
                            help="cz: the Czech town of Lipovec; sk: a Slovak microregion, in Slovak.")

    def handle(self, *args, scale, dry_run, force, no_pdf, country, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; with DEBUG off it needs --force."
            )
        with transaction.atomic():
            people = demo_slovak.seed(self.stdout.write) if country == "sk" else self.seed_czech(scale)
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(self.style.WARNING("--dry-run: nothing was saved."))
                return
        if not no_pdf:
            self.stdout.write("Vykresluji PDF dokumenty…")
            call_command("render_pdfs", now=True, stdout=self.stdout)
        self.print_logins(people, country)

    def seed_czech(self, scale):
        people = kpss_demo.seed(scale, self.stdout.write)
        people |= groups_demo.seed(scale, self.stdout.write)
        catalogue_demo.seed(scale, self.stdout.write)
        planning_demo.seed(scale, self.stdout.write, people)
        planning_demo_comments.seed(self.stdout.write)
        groups_demo_meetings.seed(scale, self.stdout.write, people)
        monitoring_demo.seed(self.stdout.write, people)
        return people

    def print_logins(self, people, country="cz"):
        czech = country == "cz"
        heading = "Demo přihlášení (heslo pro všechny" if czech else "Demo prihlásenie (heslo pre všetkých"
        self.stdout.write(self.style.SUCCESS(f"\n{heading}: {kpss_demo.DEMO_PASSWORD}):"))
        for roles, key in [
            (("koordinátorka", "koordinátorka"), "coordinator"),
            (("člen pracovní skupiny", "člen pracovnej skupiny"), "member"),
            (("člen řídící skupiny", "člen riadiacej skupiny"), "steering_member"),
        ]:
            self.stdout.write(f"  {roles[0 if czech else 1]:22} {people[key].username}")
        sign_in, admin = ("Přihlášení", "Správa") if czech else ("Prihlásenie", "Správa")
        self.stdout.write(f"{sign_in}: http://127.0.0.1:8000/prihlaseni/  {admin}: http://127.0.0.1:8000/admin/")
