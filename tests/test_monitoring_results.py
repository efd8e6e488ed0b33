"""The public results of a plan's evaluation: only locked years, fulfilment by priority and group,
statuses, indicators and spending as SVG charts with the same numbers in tables, the CSV of a
year, the measure's history; query counts that do not grow with measures."""

import csv
import io

import pytest
from django.urls import reverse

from planning.models import EvaluationRound, FundingSource, IndicatorValue, MeasureEvaluation
from tests.factories import GoalFactory, IndicatorFactory, MeasureFactory
from tests.helpers import assert_queries_do_not_grow, page_text

pytestmark = pytest.mark.django_db
S = "\u00a0"


@pytest.fixture
def year(plan_in_force, measure_a, measure_b, coordinator):
    evaluation_round = EvaluationRound.objects.create(plan=plan_in_force, year=2025, deadline="2026-01-31")
    evaluation = MeasureEvaluation.objects.create(round=evaluation_round, measure=measure_a, status="partly",
                                                  fulfilment=40, actual_cost=900000, comment="Rozšířeno o víkendy")
    evaluation.spending.create(source=FundingSource.objects.get(code="obec"), amount=900000)
    IndicatorValue.objects.create(evaluation=evaluation, indicator=measure_a.indicators.get(), actual=30)
    MeasureEvaluation.objects.create(round=evaluation_round, measure=measure_b, status="done")
    return evaluation_round


def results_url(plan, query=""):
    return reverse("planning:plan_results", args=[plan.slug]) + (f"?{query}" if query else "")


def test_an_open_year_is_not_public_and_a_locked_one_is(client, coordinator, year, plan_in_force):
    assert client.get(results_url(plan_in_force)).context["year"] is None
    assert results_url(plan_in_force) not in page_text(client.get(plan_in_force.get_absolute_url()))
    year.lock(coordinator)
    response = client.get(results_url(plan_in_force))
    assert response.context["year"].round == year
    html = page_text(response)
    assert html.count('role="img"') == 5
    assert "70 %" in html  # the plan: (40 + 100) / 2
    assert results_url(plan_in_force) in page_text(client.get(plan_in_force.get_absolute_url()))


def test_the_charts_have_their_numbers_in_tables(client, coordinator, year, plan_in_force, group_a, group_b):
    year.lock(coordinator)
    response = client.get(results_url(plan_in_force))
    charts = response.context["year"].charts
    assert {label: values for label, values, _note in charts["groups"].table_rows()} == {
        group_b.name: [f"100{S}%"], group_a.name: [f"40{S}%"]}
    spending = {label: values for label, values, _note in charts["spending"].table_rows()}
    assert spending[FundingSource.objects.get(code="obec").name][1].replace(S, " ") == "900 000 Kč"
    html = page_text(response)
    assert "<caption>" in html
    assert "<title" in html


def test_a_year_not_evaluated_answers_404(client, coordinator, year, plan_in_force):
    year.lock(coordinator)
    assert client.get(results_url(plan_in_force, "rok=2026")).status_code == 404


def test_the_csv_of_a_year_has_a_row_per_measure(client, coordinator, year, plan_in_force, measure_a):
    year.lock(coordinator)
    MeasureEvaluation.objects.filter(measure=measure_a).update(comment='=HYPERLINK("x")')
    response = client.get(reverse("planning:plan_results_csv", args=[plan_in_force.slug, 2025]))
    rows = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    assert rows[1][0] == measure_a.code
    assert rows[1][-2] == "'=HYPERLINK(\"x\")"  # the comment, defused


def test_the_measure_page_shows_its_history_once_locked(client, coordinator, year, plan_in_force, measure_a):
    assert "Rozšířeno o víkendy" not in page_text(client.get(measure_a.get_absolute_url()))
    year.lock(coordinator)
    html = page_text(client.get(measure_a.get_absolute_url()))
    assert "Rozšířeno o víkendy" in html
    assert "40 %" in html


def test_queries_do_not_grow_with_measures(client, coordinator, year, plan_in_force, measure_a):
    year.lock(coordinator)

    def add_measures(count):
        for _number in range(count):
            measure = MeasureFactory(goal=GoalFactory(priority=measure_a.goal.priority))
            IndicatorFactory(measure=measure)
            MeasureEvaluation.objects.create(round=year, measure=measure, status="done")

    count = assert_queries_do_not_grow(lambda: client.get(results_url(plan_in_force)), add_measures)
    assert count <= 15
    assert_queries_do_not_grow(lambda: client.get(measure_a.get_absolute_url()), add_measures)
