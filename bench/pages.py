"""Time and query count of the public pages at demo scale 1 and 10.

    .venv/bin/python bench/pages.py [--scales 1 10] [--repeat 30]

Runs against a throw-away test database (SQLite in memory, or PostgreSQL's test_<name> with
DATABASE_URL set), filled by `seed_demo --scale N`. Prints the median and 95th percentile time
per page, and its query count, which must not grow with the scale.
"""

import argparse
import io
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES = ["/", "/plany/", "/skupiny/", "/pripominky/", "/katalog/", "/dokumenty/",
         "/prohlaseni-o-pristupnosti/", "/prihlaseni/", "/healthz"]


def plan_pages():
    """The demo's current midterm plan: its page (whole and filtered), a measure, versions."""
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
    ]


def measure(client, url, repeat):
    client.get(url)  # warm up templates and lazily created rows
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    # As in production and in the tests: no query log growing in the background (it would also
    # be cleared at each request start and spoil the count), and plain static names, since the
    # hashed ones need collectstatic first.
    setup_test_environment(debug=False)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # whitenoise: no collectstatic here
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    old_name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor}; {args.repeat} requests per page after one warm-up")
    print(f"{'scale':>5}  {'page':48} {'median ms':>9} {'p95 ms':>8} {'queries':>7}")
    try:
        for scale in args.scales:
            connection.creation.create_test_db(verbosity=0, autoclobber=True)
            call_command("seed_demo", scale=scale, force=True, no_pdf=True, stdout=io.StringIO())
            client = Client()
            for url in PAGES + plan_pages():
                median, p95, queries = measure(client, url, args.repeat)
                print(f"{scale:>5}  {url:48} {median:9.2f} {p95:8.2f} {queries:7d}")
            connection.creation.destroy_test_db(old_name, verbosity=0)
    finally:
        connection.settings_dict["NAME"] = old_name


if __name__ == "__main__":
    main()
