"""Time and query count of the public pages (plans, groups, calendar feeds) at demo scale 1 and 10.

    .venv/bin/python bench/pages.py [--scales 1 10] [--repeat 30]

Runs against a throw-away test database (SQLite in memory, or PostgreSQL's test_<name> with
DATABASE_URL set), filled by `seed_demo --scale N`. Prints the median and 95th percentile time
per page, and its query count, which must not grow with the scale.
"""

import argparse

from common import connection, demo_database, prepare, timed
from django.test import Client

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    prepare()
    print(f"database: {connection.vendor}; {args.repeat} requests per page after one warm-up")
    print(f"{'scale':>5}  {'page':48} {'median ms':>9} {'p95 ms':>8} {'queries':>7}")
    for scale in args.scales:
        with demo_database(scale):
            client = Client()
            for url in PAGES + plan_pages() + group_pages():
                median, p95, queries = timed(get(client, url), args.repeat)
                print(f"{scale:>5}  {url:48} {median:9.2f} {p95:8.2f} {queries:7d}")


if __name__ == "__main__":
    main()
