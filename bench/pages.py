"""Time and query count of the public pages (plans, groups, calendar feeds) at demo scale 1 and 10,
and of the catalogue's search at national size.

    .venv/bin/python bench/pages.py [--scales 1 10] [--repeat 30] [--catalogue-only]
                                    [--services 6700] [--facilities 18900]

Runs against a throw-away test database (SQLite in memory, or PostgreSQL's test_<name> with
DATABASE_URL set), filled by `seed_demo --scale N`. Prints the median and 95th percentile time
per page, and its query count, which must not grow with the scale.

Then, in another throw-away database, the whole of a generated registry file of national size
(bench/import.py's, imported as `import_rpss --all` does): the catalogue searched with two
filters against the accessibility statement page, measured in alternation (goal: at most 3× its time).
"""

import argparse
import importlib
import tempfile
import time

from common import connection, demo_database, prepare, timed, timed_side_by_side
from django.test import Client

PAGES = ["/", "/plany/", "/skupiny/", "/pripominky/", "/katalog/", "/dokumenty/",
         "/prohlaseni-o-pristupnosti/", "/prihlaseni/", "/healthz"]


def plan_pages():
    """The demo's current midterm plan: its page (whole and filtered), a measure, versions, the
    results of its evaluation and the year's report."""
    from planning.models import Plan

    plan = Plan.objects.get(slug="sp-2025-2027")
    measure = plan.measures.order_by("pk").first()
    last = plan.versions.order_by("number").last().number
    return [
        plan.get_absolute_url(),
        f"{plan.get_absolute_url()}?group={measure.group_id}",
        measure.get_absolute_url(),
        f"{plan.get_absolute_url()}verze/{last}/",
        f"{plan.get_absolute_url()}porovnani-verzi/?od=1&do={last}",
        f"{plan.get_absolute_url()}vyhodnoceni/",  # the evaluation's results: 2025
        f"{plan.get_absolute_url()}vyhodnoceni/2025/zprava/",
        f"{plan.get_absolute_url()}vyhodnoceni/2025.csv",
    ]


def group_pages():
    """The demo's group of seniors: its page, a meeting with approved minutes, its register of
    resolutions, and the calendar feeds (all groups', and the group's)."""
    from groups.models import Group

    group = Group.objects.get(slug="seniori")
    meeting = group.meetings.filter(minutes__status="approved").order_by("number").first()
    return [
        f"/skupiny/{group.slug}/",
        meeting.get_absolute_url(),
        f"/skupiny/{group.slug}/usneseni/",
        "/skupiny/kalendar.ics",
        f"/skupiny/{group.slug}/kalendar.ics",
    ]


def get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return call


def catalogue_at_national_size(services, facilities, repeat):
    """The catalogue's search with two filters against the accessibility statement, on the whole
    of a generated registry file of `services` services and `facilities` facilities."""
    from catalogue.models import Facility
    from catalogue.services import import_file
    from kpss.models import ServiceType, Territory

    generated_file = importlib.import_module("import").generated_file  # bench/import.py
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.NamedTemporaryFile(suffix=".json") as file:
            generated_file(file.name, services, facilities)
            start = time.perf_counter()
            with open(file.name, "rb") as stream:
                report = import_file(stream, everything=True)
            took = time.perf_counter() - start
        print(f"catalogue: {report.created} services imported (--all) in {took:.1f} s")
        # The portal's own territory, as every portal has one: an ORP of 40 municipalities that have
        # facilities; the filter of municipalities served offers these.
        orp = Territory.objects.create(kind=Territory.Kind.ORP, code="3402", name="ORP Lipovec")
        codes = Facility.objects.order_by("municipality_code").values_list("municipality_code", flat=True)
        for code in codes.distinct()[:40]:
            Territory.objects.create(kind=Territory.Kind.MUNICIPALITY, code=code, name=f"Obec {code}", parent=orp)
        homes = ServiceType.objects.get(country="CZ", section="49").pk
        pages = [
            ("accessibility statement", "/prohlaseni-o-pristupnosti/"),
            ("catalogue, no search", "/katalog/"),
            ("catalogue, search + 2 filters", f"/katalog/?q=domov&druh={homes}&cilova_skupina=24"),
            ("catalogue, search + 2 filters, page 3", f"/katalog/?q=domov&druh={homes}&cilova_skupina=24&strana=3"),
            ("catalogue, 2 filters", "/katalog/?forma=amb&nonstop=on"),
        ]
        client = Client()
        for name, url in pages[1:]:  # a search that finds nothing would flatter the figures
            found = client.get(url).context["page"]
            assert len(found.object_list) == 20, (name, found.paginator.count)
        results = timed_side_by_side({name: get(client, url) for name, url in pages}, repeat)
        base = results["accessibility statement"][0]
        print(f"{'page':40} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'× statement':>11}")
        for name, (median, p95, queries) in results.items():
            print(f"{name:40} {median:9.2f} {p95:8.2f} {queries:7d} {median / base:11.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        connection.settings_dict["NAME"] = old_name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--catalogue-only", action="store_true", help="only the catalogue at national size")
    parser.add_argument("--services", type=int, default=6700)
    parser.add_argument("--facilities", type=int, default=18900)
    args = parser.parse_args()

    prepare()
    print(f"database: {connection.vendor}; {args.repeat} requests per page after one warm-up")
    if not args.catalogue_only:
        print(f"{'scale':>5}  {'page':48} {'median ms':>9} {'p95 ms':>8} {'queries':>7}")
        for scale in args.scales:
            with demo_database(scale):
                client = Client()
                for url in PAGES + plan_pages() + group_pages():
                    median, p95, queries = timed(get(client, url), args.repeat)
                    print(f"{scale:>5}  {url:48} {median:9.2f} {p95:8.2f} {queries:7d}")
    catalogue_at_national_size(args.services, args.facilities, args.repeat)


if __name__ == "__main__":
    main()
