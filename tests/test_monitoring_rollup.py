"""The roll-up of fulfilment from measures to goals, priorities, groups and the plan: weighted,
cancelled and moved measures out of the base, weight 0 out of the base, a year without
evaluations says "not evaluated" rather than 0 %."""

from decimal import Decimal

import pytest

from planning.models import EvaluationRound, EvaluationStatus, FundingSource, MeasureEvaluation
from planning.monitoring.rollup import round_results, status_counts
from tests.factories import GoalFactory, MeasureFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db

S = EvaluationStatus


@pytest.fixture
def plan():
    return PlanFactory(status="in_force")


@pytest.fixture
def year(plan):
    return EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")


def evaluate(evaluation_round, measure, status, fulfilment=None, **values):
    return MeasureEvaluation.objects.create(round=evaluation_round, measure=measure, status=status,
                                            fulfilment=fulfilment, **values)


def measure_of(goal, **values):
    return MeasureFactory(goal=goal, **values)


def test_a_goals_fulfilment_is_the_weighted_mean_of_its_measures(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    evaluate(year, measure_of(goal, weight=3), S.DONE)  # 100 %
    evaluate(year, measure_of(goal, weight=1), S.PARTLY, 20)
    results = round_results(year)
    assert results.by_goal[goal.pk].percent == Decimal("80.0")  # (3 × 100 + 1 × 20) / 4
    assert results.overall.percent == Decimal("80.0")


def test_cancelled_and_moved_measures_leave_the_base(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    evaluate(year, measure_of(goal), S.DONE)
    evaluate(year, measure_of(goal), S.CANCELLED, 0)
    successor = measure_of(goal)
    evaluate(year, measure_of(goal), S.MOVED, moved_to=successor)
    evaluate(year, successor, S.NOT_DONE)
    results = round_results(year)
    assert results.by_goal[goal.pk].percent == Decimal("50.0")  # the done one and where the moved one went
    assert (results.by_goal[goal.pk].evaluated, results.by_goal[goal.pk].base) == (2, 2)


def test_a_measure_moved_to_another_goal_counts_there(plan, year):
    priority = PriorityFactory(plan=plan)
    first, second = GoalFactory(priority=priority), GoalFactory(priority=priority)
    evaluate(year, measure_of(first), S.DONE)
    moved_here = measure_of(second)
    evaluate(year, measure_of(first), S.MOVED, moved_to=moved_here)
    evaluate(year, moved_here, S.PARTLY, 40)
    results = round_results(year)
    assert results.by_goal[first.pk].percent == Decimal("100.0")
    assert results.by_goal[second.pk].percent == Decimal("40.0")
    assert results.by_priority[priority.pk].percent == Decimal("70.0")


def test_a_measure_without_indicators_or_figure_counts_by_its_status(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    evaluate(year, measure_of(goal), S.DONE)  # no indicators, no figure: fulfilled counts 100 %
    evaluate(year, measure_of(goal), S.NOT_DONE)  # 0 %
    in_progress = evaluate(year, measure_of(goal), S.IN_PROGRESS)  # no figure: in the base, no value
    results = round_results(year)
    assert results.by_goal[goal.pk].percent == Decimal("50.0")
    assert (results.by_goal[goal.pk].evaluated, results.by_goal[goal.pk].base) == (2, 3)
    in_progress.fulfilment = 70
    in_progress.save()
    assert round_results(year).by_goal[goal.pk].percent == Decimal("56.7")


def test_a_weight_of_zero_leaves_the_base_and_all_zero_is_no_figure(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    evaluate(year, measure_of(goal, weight=0), S.NOT_DONE)
    assert round_results(year).by_goal[goal.pk].percent is None
    evaluate(year, measure_of(goal, weight=Decimal("0.5")), S.PARTLY, 60)
    results = round_results(year)
    assert results.by_goal[goal.pk].percent == Decimal("60.0")
    assert results.by_goal[goal.pk].base == 1


def test_a_year_with_no_evaluations_is_not_evaluated_rather_than_zero(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    measure_of(goal)
    measure_of(goal)
    results = round_results(year)
    assert results.overall.percent is None
    assert results.by_goal[goal.pk].percent is None
    assert (results.overall.evaluated, results.overall.base, results.not_evaluated) == (0, 2, 2)
    assert status_counts(results)[-1][1] == 2


def test_a_plan_without_measures_has_no_figure(plan, year):
    results = round_results(year)
    assert results.overall.percent is None
    assert results.overall.base == 0


def test_measures_outside_the_year_are_not_evaluated_in_it(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    evaluate(year, measure_of(goal), S.DONE)
    measure_of(goal, year_from=2026, year_to=2027)
    assert round_results(year).overall.base == 1


def test_groups_and_costs(plan, year):
    goal = GoalFactory(priority=PriorityFactory(plan=plan))
    other_group_goal = GoalFactory(priority=goal.priority)
    town, grant = FundingSource.objects.get_or_create(code="obec", defaults={"name": "obec"})[0], \
        FundingSource.objects.get_or_create(code="mpsv", defaults={"name": "MPSV"})[0]
    first = measure_of(goal, annual_cost=1000)
    first.funding_sources.set([town, grant])
    evaluation = evaluate(year, first, S.DONE, actual_cost=900)
    evaluation.spending.create(source=town, amount=300)
    evaluation.spending.create(source=grant, amount=600)
    evaluate(year, measure_of(other_group_goal, annual_cost=None), S.PARTLY, 50)
    results = round_results(year)
    assert results.by_group[goal.group_id].percent == Decimal("100.0")
    assert results.by_group[other_group_goal.group_id].percent == Decimal("50.0")
    assert (results.planned_cost, results.actual_cost) == (1000, 900)
    assert results.planned_by_source == {town: 500, grant: 500}
    assert results.actual_by_source == {town: 300, grant: 600}
    assert {str(label): count for label, count in status_counts(results)}[str(S.DONE.label)] == 1
