"""Fulfilment rolled up from measures to goals, priorities, working groups and the whole plan.

As in Decidim's accountability: a parent's progress is the mean of its children's, weighted by
their weights. Here the children are always the measures under the parent, so a priority weighs
each of its measures, not each of its goals. The rules:
- a measure cancelled or moved in the year leaves the base (a moved one counts where it went);
- a measure of weight 0 leaves the base;
- a measure not evaluated yet, or in progress without a figure, stays in the base but adds no
  figure: the result says how many of the base have one ("3 of 5 evaluated");
- with no figure at all, a fulfilment is None ("not evaluated"), never 0 %.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import pgettext

from planning.models import EvaluationStatus, MeasureEvaluation
from planning.models.monitoring import OUTSIDE_THE_BASE


@dataclass
class Fulfilment:
    """A weighted mean of the fulfilment of measures, in % (None without any figure)."""

    weighted_sum: Decimal = Decimal(0)
    weights: Decimal = Decimal(0)
    evaluated: int = 0  # measures of the base with a figure
    base: int = 0  # measures that count: not cancelled, not moved, weight above 0

    def add(self, weight, percent):
        if weight <= 0:
            return
        self.base += 1
        if percent is not None:
            self.evaluated += 1
            self.weighted_sum += weight * percent
            self.weights += weight

    @property
    def percent(self):
        if not self.weights:
            return None
        return (self.weighted_sum / self.weights).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class RoundResults:
    """What a year's round shows: fulfilment by goal, priority, group and overall, the count of
    each status, and the actual cost against the plan's estimate by funding source."""

    overall: Fulfilment = field(default_factory=Fulfilment)
    by_goal: dict = field(default_factory=lambda: defaultdict(Fulfilment))
    by_priority: dict = field(default_factory=lambda: defaultdict(Fulfilment))
    by_group: dict = field(default_factory=lambda: defaultdict(Fulfilment))
    statuses: Counter = field(default_factory=Counter)
    not_evaluated: int = 0
    planned_cost: Decimal = Decimal(0)
    actual_cost: Decimal = Decimal(0)
    planned_by_source: dict = field(default_factory=lambda: defaultdict(Decimal))
    actual_by_source: dict = field(default_factory=lambda: defaultdict(Decimal))
    evaluations: dict = field(default_factory=dict)  # {measure id: MeasureEvaluation}


def measures_of_year(plan, year):
    """The measures of `plan` that run in `year` (a measure without years runs all the plan's years)."""
    return (plan.measures.exclude(year_from__gt=year).exclude(year_to__lt=year)
            .select_related("goal__priority", "group").prefetch_related("funding_sources")
            .order_by("goal__priority__position", "goal__position", "position", "pk"))


def round_results(evaluation_round, measures=None):
    """The results of `evaluation_round` in a constant number of queries (measures, their funding
    sources, the evaluations and their spending)."""
    if measures is None:
        measures = list(measures_of_year(evaluation_round.plan, evaluation_round.year))
    evaluations = {evaluation.measure_id: evaluation for evaluation in MeasureEvaluation.objects.filter(
        round=evaluation_round, measure__in=[measure.pk for measure in measures]).prefetch_related(
        "spending__source")}
    results = RoundResults(evaluations=evaluations)
    for measure in measures:
        _add_cost_plan(results, measure)
        evaluation = evaluations.get(measure.pk)
        if evaluation is None:
            results.not_evaluated += 1
        else:
            results.statuses[evaluation.status] += 1
            _add_spending(results, evaluation)
            if evaluation.status in OUTSIDE_THE_BASE:
                continue
        percent = evaluation.counted_fulfilment if evaluation else None
        for rollup in (results.overall, results.by_goal[measure.goal_id], results.by_priority[measure.goal.priority_id],
                       results.by_group[measure.group_id]):
            rollup.add(measure.weight, percent)
    return results


def _add_cost_plan(results, measure):
    """The measure's estimated yearly cost, divided equally among its funding sources (the plan
    does not say how much each gives)."""
    if measure.annual_cost is None:
        return
    results.planned_cost += measure.annual_cost
    sources = list(measure.funding_sources.all())
    for source in sources:
        results.planned_by_source[source] += (measure.annual_cost / len(sources)).quantize(Decimal(1))


def _add_spending(results, evaluation):
    if evaluation.actual_cost is not None:
        results.actual_cost += evaluation.actual_cost
    for spending in evaluation.spending.all():
        results.actual_by_source[spending.source] += spending.amount


def status_counts(results):
    """(status label, count) of every status, in the order of the statuses, the measures not
    evaluated yet last."""
    rows = [(label, results.statuses.get(value, 0)) for value, label in EvaluationStatus.choices]
    return [*rows, (pgettext("evaluation status", "not evaluated yet"), results.not_evaluated)]

