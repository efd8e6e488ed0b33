"""At ten times the demo's volume the plan pages run the same number of queries: no N+1."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning.models import CommentRound, Plan


def demo_plan_pages():
    plan = Plan.objects.get(slug="sp-2025-2027")
    measure = plan.measures.order_by("pk").first()
    last = plan.versions.order_by("number").last().number
    return {
        "plan list": "/plany/",
        "plan": plan.get_absolute_url(),
        "plan filtered": f"{plan.get_absolute_url()}?group={measure.group_id}",
        "measure": measure.get_absolute_url(),
        "version": f"{plan.get_absolute_url()}verze/{last}/",
        "comparison": f"{plan.get_absolute_url()}porovnani-verzi/?od=1&do={last}",
    }


def query_counts(client):
    counts = {}
    for name, url in demo_plan_pages().items():
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_plan_pages_run_as_many_queries_at_scale_10_as_at_scale_1(client, db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    at_scale_1 = query_counts(client)
    measures_at_1 = Plan.objects.get(slug="sp-2025-2027").measures.count()

    CommentRound.objects.all().delete()  # a round protects the version it comments on
    Plan.objects.filter(kind=Plan.Kind.ACTION).delete()
    Plan.objects.all().delete()
    call_command("seed_demo", "--scale", "10", "--no-pdf", stdout=io.StringIO())
    assert Plan.objects.get(slug="sp-2025-2027").measures.count() >= 9 * measures_at_1
    assert query_counts(client) == at_scale_1
