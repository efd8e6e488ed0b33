"""A year's evaluation as readers get it: the charts (kpss.charts: SVG with the same numbers as a
table) and the rows of the CSV. Shared by the public results page and the report."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kpss.charts import bar_chart, paired_bar_chart
from kpss.numbers import display_number
from planning.models import FundingSource, Indicator, IndicatorValue
from planning.monitoring.rollup import measures_of_year, round_results, status_counts


@dataclass
class YearResults:
    """One locked year of a plan: the roll-up, its charts, and the indicators target against actual."""

    round: object
    results: object
    measures: list
    priorities: list
    groups: list
    indicators: list = field(default_factory=list)  # (indicator, measure, actual)
    charts: dict = field(default_factory=dict)

    @property
    def measure_rows(self):
        """(measure, its evaluation or None), in the plan's order."""
        return [(measure, self.results.evaluations.get(measure.pk)) for measure in self.measures]


def year_results(evaluation_round):
    """The results of a locked year, in a number of queries that does not grow with its measures."""
    measures = list(measures_of_year(evaluation_round.plan, evaluation_round.year))
    results = round_results(evaluation_round, measures)
    priorities = list({measure.goal.priority_id: measure.goal.priority for measure in measures}.values())
    groups = sorted({measure.group_id: measure.group for measure in measures}.values(), key=lambda group: group.name)
    actual = dict(IndicatorValue.objects.filter(evaluation__round=evaluation_round).values_list(
        "indicator_id", "actual"))
    by_measure = {measure.pk: measure for measure in measures}
    indicators = [(indicator, by_measure[indicator.measure_id], actual.get(indicator.pk)) for indicator in
                  Indicator.objects.filter(measure__in=measures).order_by("measure__goal__priority__position",
                                                                          "measure__goal__position",
                                                                          "measure__position", "position", "pk")]
    year = YearResults(evaluation_round, results, measures, priorities, groups, indicators)
    year.charts = _charts(year)
    return year


def _percent(fulfilment):
    return fulfilment.percent


def _charts(year):
    results = year.results
    number = year.round.year
    charts = {
        "priorities": bar_chart(
            _("Fulfilment by priority in %(year)s") % {"year": number},
            [(f"{priority.code} {priority.title}".strip(), _percent(results.by_priority[priority.pk]),
              _evaluated_note(results.by_priority[priority.pk])) for priority in year.priorities],
            unit="%", maximum=100, value_heading=_("Fulfilment"), notes_heading=_("Measures with a figure")),
        "groups": bar_chart(
            _("Fulfilment by working group in %(year)s") % {"year": number},
            [(group.name, _percent(results.by_group[group.pk]), _evaluated_note(results.by_group[group.pk]))
             for group in year.groups],
            unit="%", maximum=100, value_heading=_("Fulfilment"), notes_heading=_("Measures with a figure")),
        "statuses": bar_chart(
            _("Measures by status in %(year)s") % {"year": number}, status_counts(results),
            value_heading=_("Measures")),
        "indicators": [bar_chart(
            _("Indicators of priority %(priority)s: share of the target reached in %(year)s") % {
                "priority": priority.code or priority.title, "year": number},
            [(f"{measure.code} {indicator.name}", _share_of_target(indicator, actual),
              _("%(actual)s of %(target)s %(unit)s") % {"actual": _number(actual), "target": _number(indicator.target),
                                                       "unit": indicator.unit})
             for indicator, measure, actual in year.indicators if measure.goal.priority_id == priority.pk],
            unit="%", value_heading=_("Share of the target"), notes_heading=_("Actual and target value"))
            for priority in year.priorities],  # a chart a priority: one chart of them all would not fit a page
        "spending": paired_bar_chart(
            _("Cost by funding source in %(year)s: planned and actual") % {"year": number},
            [(source.name, results.planned_by_source.get(source), results.actual_by_source.get(source))
             for source in sorted({*results.planned_by_source, *results.actual_by_source},
                                  key=lambda source: (source.order, source.name))],
            series=(_("planned"), _("actual")), unit="Kč"),
    }
    return charts


def _evaluated_note(fulfilment):
    return _("%(evaluated)s of %(base)s") % {"evaluated": fulfilment.evaluated, "base": fulfilment.base}


def _share_of_target(indicator, actual):
    """How much of the way from the baseline to the target the actual value went, in %."""
    if actual is None or indicator.target is None:
        return None
    start = indicator.baseline or 0
    if indicator.target == start:
        return 100 if actual == indicator.target else 0
    return round((actual - start) / (indicator.target - start) * 100, 1)


def _number(value):
    return display_number(value) if value is not None else "–"


def overall_by_year(rounds):
    """A chart of the plan's overall fulfilment in each of its locked years."""
    rows = [(str(evaluation_round.year), round_results(evaluation_round).overall.percent)
            for evaluation_round in rounds]
    return bar_chart(_("Fulfilment of the plan by year"), rows, unit="%", maximum=100,
                     value_heading=_("Fulfilment"))


def csv_rows(year):
    """The year's evaluation, one row per measure, for a spreadsheet."""
    sources = list(FundingSource.objects.order_by("order", "name"))
    yield [_("Code"), _("Measure"), _("Priority"), _("Goal"), _("Working group"), _("Weight"), _("Status"),
           _("Fulfilment (%)"), _("Planned cost (CZK)"), _("Actual cost (CZK)"),
           *[_("Of that from: %(source)s") % {"source": source.name} for source in sources], _("Indicators"),
           pgettext("evaluation", "Comment"), _("Evidence")]
    indicators = {}
    for indicator, measure, actual in year.indicators:
        indicators.setdefault(measure.pk, []).append(
            f"{indicator.name}: {_number(indicator.baseline)} → {_number(indicator.target)}, "
            f"{_number(actual)} {indicator.unit}")
    for measure in year.measures:
        evaluation = year.results.evaluations.get(measure.pk)
        spending = {spending.source_id: spending.amount for spending in evaluation.spending.all()} if evaluation else {}
        yield [
            measure.code, measure.title, measure.goal.priority.title, measure.goal.title, measure.group.name,
            _number(measure.weight), evaluation.get_status_display() if evaluation else _("not evaluated yet"),
            _number(evaluation.counted_fulfilment) if evaluation else "", _number(measure.annual_cost),
            _number(evaluation.actual_cost) if evaluation else "",
            *[_number(spending.get(source.pk)) for source in sources],
            "; ".join(indicators.get(measure.pk, [])), evaluation.comment if evaluation else "",
            evaluation.evidence_url if evaluation else "",
        ]
