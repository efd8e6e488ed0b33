"""At ten times the demo's volume the groups' public pages run the same number of queries (no N+1),
each within the public pages' budget."""

import io

from django.core.management import call_command

from groups.models import Group, Meeting
from planning.models import CommentRound, Plan
from tests.helpers import query_counts

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


def test_group_pages_run_as_many_queries_at_scale_10_as_at_scale_1(client, db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    at_scale_1 = query_counts(client, demo_group_pages())
    meetings_at_1 = Meeting.objects.count()
    assert max(at_scale_1.values()) <= PUBLIC_PAGE_BUDGET, at_scale_1

    CommentRound.objects.all().delete()  # a round protects the version it comments on
    Plan.objects.filter(kind=Plan.Kind.ACTION).delete()
    Plan.objects.all().delete()
    call_command("seed_demo", "--scale", "10", "--no-pdf", stdout=io.StringIO())
    assert Meeting.objects.count() >= 8 * meetings_at_1
    assert query_counts(client, demo_group_pages()) == at_scale_1
