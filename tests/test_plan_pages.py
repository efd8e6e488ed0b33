"""Public plan pages: the list, a plan with its measure table, a measure, versions and comparison."""

import re

import pytest
from django.urls import reverse

from planning.models import Plan
from tests.factories import (
    ChapterFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    SwotItemFactory,
)
from tests.helpers import assert_queries_do_not_grow, page_text
from tests.test_plan_lifecycle import STEERING, take_to_force


def plan_url(plan):
    return reverse("planning:plan_detail", args=[plan.slug])


@pytest.fixture
def in_force(plan, coordinator):
    take_to_force(plan, coordinator)
    return plan


def with_status(status, **kwargs):
    plan = PlanFactory(**kwargs)
    Plan.objects.filter(pk=plan.pk).update(status=status)
    return plan


class TestPlanList:
    def test_lists_plans_in_force_then_drafts_for_comments_then_the_archive(self, client, db):
        with_status(Plan.Status.ARCHIVED, title="Plán 2019–2021")
        with_status(Plan.Status.COMMENTS, title="Akční plán 2026")
        with_status(Plan.Status.IN_FORCE, title="Plán 2025–2027")
        text = page_text(client.get(reverse("planning:plan_list")))
        assert text.index("Platné plány") < text.index("Plán 2025–2027") < text.index("Návrhy k připomínkám")
        assert text.index("Návrhy k připomínkám") < text.index("Akční plán 2026") < text.index("Archiv")
        assert text.index("Archiv") < text.index("Plán 2019–2021")

    def test_the_public_does_not_see_drafts_but_planning_staff_do(self, client, client_as, plan, member_a):
        assert plan.title not in page_text(client.get(reverse("planning:plan_list")))
        assert client.get(plan_url(plan)).status_code == 404
        assert plan.title in page_text(client_as(member_a).get(reverse("planning:plan_list")))
        assert client_as(member_a).get(plan_url(plan)).status_code == 200

    def test_shows_the_approval_record_in_czech(self, client, in_force):
        text = page_text(client.get(reverse("planning:plan_list")))
        assert "Schváleno: Zastupitelstvo města Lipovec (usnesení č. ZM/12/154/2024 ze dne 9. 12. 2024)." in text

    def test_query_count_does_not_grow_with_plans(self, client, db):
        assert_queries_do_not_grow(
            lambda: client.get(reverse("planning:plan_list")),
            lambda n: [with_status(Plan.Status.IN_FORCE) for _ in range(n)],
        )


class TestPlanDetail:
    def test_has_contents_chapters_timeline_approval_and_the_measure_table(self, client, in_force):
        response = client.get(plan_url(in_force))
        text = page_text(response)
        chapter = in_force.chapters.get()
        # The table of contents links each chapter (the word "Obsah" alone is in the skip link too).
        assert re.search(rf'<h2 id="toc-heading"[^>]*>Obsah</h2>.*href="#chapter-{chapter.pk}">Úvod</a>', text, re.S)
        assert "<strong>předchozí</strong>" in text  # the chapter's Markdown
        assert "ŘS/4/2024 ze dne 20. 11. 2024" in text
        assert "platí od 1. 1. 2025 do 31. 12. 2027" in text
        assert "Opatření skupiny Pracovní skupina Senioři" in text
        assert "1 250 000 Kč" in text

    def test_chapter_markdown_cannot_inject_scripts(self, client, in_force):
        in_force.chapters.update(body="Ahoj <script>alert(1)</script> [odkaz](javascript:alert(1))")
        content = client.get(plan_url(in_force)).content.decode()
        assert "<script>alert" not in content
        assert "javascript:" not in content

    def test_measure_table_filters_by_working_group_target_group_and_funding_source(
        self, client, in_force, group_a, measure_a, measure_b,
    ):
        from kpss.models import TargetGroup
        from planning.models import FundingSource

        seniors = TargetGroup.objects.get(name="senioři")
        esf = FundingSource.objects.get(code="esf")
        measure_a.target_groups.add(seniors)
        measure_b.funding_sources.add(esf)
        by_group = page_text(client.get(plan_url(in_force), {"group": group_a.pk}))
        assert measure_a.title in by_group
        assert measure_b.title not in by_group
        by_target = page_text(client.get(plan_url(in_force), {"target_group": seniors.pk}))
        assert measure_a.title in by_target
        assert measure_b.title not in by_target
        by_source = page_text(client.get(plan_url(in_force), {"funding_source": esf.pk}))
        assert measure_b.title in by_source
        assert measure_a.title not in by_source

    def test_query_count_does_not_grow_with_measures(self, client, in_force, group_a):
        goal = in_force.goals.first()

        def add_measures(n):
            for _ in range(n):
                measure = MeasureFactory(goal=goal)
                IndicatorFactory(measure=measure)
                SwotItemFactory(plan=in_force, group=group_a)
            ChapterFactory(plan=in_force)
            GoalFactory(priority=PriorityFactory(plan=in_force), group=group_a)

        assert_queries_do_not_grow(lambda: client.get(plan_url(in_force)), add_measures)


class TestMeasureDetail:
    def test_shows_every_column_in_czech_format(self, client, in_force, measure_a):
        from kpss.models import ServiceType

        measure_a.service_type = ServiceType.objects.get(country="CZ", section="40")
        measure_a.service_form = "ter"
        measure_a.capacity_change = 2
        measure_a.capacity_unit = "workers"
        measure_a.responsible = "Odbor sociálních věcí"
        measure_a.save()
        response = client.get(measure_a.get_absolute_url())
        text = page_text(response)
        assert "§ 40 pečovatelská služba" in text
        assert "terénní" in text
        assert "+2 úvazků pracovníků" in text
        assert "1 250 000 Kč" in text
        # The indicator's row: name, unit, baseline 10 and target 25 ("25" alone is in "2025").
        assert re.search(r"Počet klientů</th><td>osob</td><td[^>]*>10</td><td[^>]*>25</td>", text)
        assert "Odbor sociálních věcí" in text

    def test_a_measure_of_another_plan_is_not_found(self, client, in_force, coordinator):
        other = MeasureFactory()
        assert client.get(reverse("planning:measure_detail", args=[in_force.slug, other.pk])).status_code == 404

    def test_query_count_does_not_grow_with_indicators_and_activities(self, client, in_force, measure_a):
        from tests.factories import ActivityFactory

        def add(n):
            for _ in range(n):
                IndicatorFactory(measure=measure_a)
                ActivityFactory(measure=measure_a)

        assert_queries_do_not_grow(lambda: client.get(measure_a.get_absolute_url()), add)


class TestVersions:
    def test_anyone_can_open_a_published_version(self, client, in_force):
        response = client.get(reverse("planning:version_detail", args=[in_force.slug, 3]))
        text = page_text(response)
        assert response.status_code == 200
        assert "Verze 3" in text
        assert "ZM/12/154/2024 ze dne 9. 12. 2024" in text
        assert "Opatření skupiny Pracovní skupina Senioři" in text

    def test_a_version_keeps_its_text_when_the_plan_changes_later(self, client, plan, coordinator, measure_a):
        plan.transition("open_for_comments", coordinator)
        plan.transition("close_comments", coordinator)
        measure_a.title = "Nový název opatření"
        measure_a.save()
        first = page_text(client.get(reverse("planning:version_detail", args=[plan.slug, 1])))
        assert "Opatření skupiny Pracovní skupina Senioři" in first
        assert "Nový název opatření" not in first

    def test_compare_shows_added_removed_and_changed_measures_with_highlighted_text(
        self, client, plan, coordinator, measure_a, measure_b,
    ):
        plan.transition("open_for_comments", coordinator)
        plan.transition("close_comments", coordinator)
        measure_a.description = "Rozšířit kapacitu terénní služby."
        measure_a.save()
        measure_b.delete()
        MeasureFactory(goal=measure_a.goal, title="Úplně nové opatření")
        plan.renumber()
        plan.transition("approve_by_steering", coordinator, **STEERING)
        response = client.get(reverse("planning:version_compare", args=[plan.slug]), {"od": 1, "do": 2})
        content = response.content.decode()
        text = page_text(response)
        assert "1 přidané opatření" in text
        assert "Úplně nové opatření" in text
        assert "1 odstraněné opatření" in text
        assert "Opatření skupiny Pracovní skupina Rodiny s dětmi" in text
        assert "1 změněné opatření" in text
        assert "<ins>" in content
        assert "terénní" in content

    def test_compare_needs_two_versions(self, client, plan, coordinator):
        plan.transition("open_for_comments", coordinator)
        assert client.get(reverse("planning:version_compare", args=[plan.slug])).status_code == 404

    def test_versions_of_a_draft_are_not_public(self, client, plan):
        assert client.get(reverse("planning:version_detail", args=[plan.slug, 1])).status_code == 404


def test_home_lists_the_plans_in_force(client, in_force):
    response = client.get(reverse("home"))
    assert in_force.get_absolute_url() in response.content.decode()


def test_highlighting_escapes_what_people_typed():
    from planning.versions import highlight_changes

    html = highlight_changes("Služba pro <b>seniory</b>", "Služba pro <b>rodiny</b>")
    assert "<b>" not in html
    assert "&lt;b&gt;seniory&lt;/b&gt;</del>" in html
    assert "&lt;b&gt;rodiny&lt;/b&gt;</ins>" in html


def test_a_changed_amount_is_marked_as_a_whole():
    from planning.versions import highlight_changes

    html = highlight_changes("1\u00a0800\u00a0000 Kč", "2\u00a0050\u00a0000 Kč")
    assert "1\u00a0800\u00a0000</del>" in html
    assert "2\u00a0050\u00a0000</ins>" in html


def test_comparing_a_version_with_itself_shows_no_changes(client, plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    plan.transition("approve_by_steering", coordinator, **STEERING)
    url = reverse("planning:version_compare", args=[plan.slug])
    text = page_text(client.get(url, {"od": 2, "do": 2}))
    assert "0 změněných opatření" in text
    assert client.get(url, {"od": "x", "do": 99}).status_code == 200  # falls back to the last two
