"""At ten times the demo's volume the plan pages run the same number of queries: no N+1; and a
plan's page stays within its budget of queries."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning.models import CommentRound, Plan
from tests.helpers import page_text, query_counts


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


def test_plan_pages_run_as_many_queries_at_scale_10_as_at_scale_1(client, db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    at_scale_1 = query_counts(client, demo_plan_pages())
    measures_at_1 = Plan.objects.get(slug="sp-2025-2027").measures.count()

    CommentRound.objects.all().delete()  # a round protects the version it comments on
    Plan.objects.filter(kind=Plan.Kind.ACTION).delete()
    Plan.objects.all().delete()
    call_command("seed_demo", "--scale", "10", "--no-pdf", stdout=io.StringIO())
    assert Plan.objects.get(slug="sp-2025-2027").measures.count() >= 9 * measures_at_1
    assert query_counts(client, demo_plan_pages()) == at_scale_1


PLAN_PAGE_BUDGET = 15


def test_a_plans_page_runs_at_most_15_queries_filtered_or_not(client, db, settings):
    """The midterm plan in force, and an action plan open for comments, as the public reads them."""
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    midterm, action = Plan.objects.get(slug="sp-2025-2027"), Plan.objects.get(slug="ap-2026")
    assert (midterm.kind, action.kind) == (Plan.Kind.MIDTERM, Plan.Kind.ACTION)
    pages = {}
    for plan in (midterm, action):
        measure = plan.measures.filter(target_groups__isnull=False, funding_sources__isnull=False).first()
        every_filter = (f"group={measure.group_id}&target_group={measure.target_groups.first().pk}"
                        f"&funding_source={measure.funding_sources.first().pk}")
        for query in ("", f"group={measure.group_id}", every_filter, "group=999"):
            pages[f"{plan.get_absolute_url()}?{query}"] = measure.title if query != "group=999" else None
    counts = {}
    for url, shown in pages.items():
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if shown:
            assert shown in page_text(response), url  # the filters find the measure they were made from
        counts[url] = len(queries)
    assert max(counts.values()) <= PLAN_PAGE_BUDGET, counts
