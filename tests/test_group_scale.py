"""At ten times the demo's volume the groups' public pages run the same number of queries (no N+1),
each within the public pages' budget."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups.models import Group, Meeting
from planning.models import CommentRound, Plan

PUBLIC_PAGE_BUDGET = 15


def demo_group_pages():
    group = Group.objects.get(slug="seniori")
    meeting = group.meetings.filter(minutes__status="approved").order_by("number").first()
    return {
        "groups": "/skupiny/",
        "group": f"/skupiny/{group.slug}/",
        "meeting with minutes": meeting.get_absolute_url(),
        "register": f"/skupiny/{group.slug}/usneseni/",
        "feed of all": "/skupiny/kalendar.ics",
        "feed of the group": f"/skupiny/{group.slug}/kalendar.ics",
        "home": "/",
        "documents": "/dokumenty/",
    }


def query_counts(client):
    counts = {}
    for name, url in demo_group_pages().items():
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_group_pages_run_as_many_queries_at_scale_10_as_at_scale_1(client, db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    at_scale_1 = query_counts(client)
    meetings_at_1 = Meeting.objects.count()
    assert max(at_scale_1.values()) <= PUBLIC_PAGE_BUDGET, at_scale_1

    CommentRound.objects.all().delete()  # a round protects the version it comments on
    Plan.objects.filter(kind=Plan.Kind.ACTION).delete()
    Plan.objects.all().delete()
    call_command("seed_demo", "--scale", "10", "--no-pdf", stdout=io.StringIO())
    assert Meeting.objects.count() >= 8 * meetings_at_1
    assert query_counts(client) == at_scale_1
