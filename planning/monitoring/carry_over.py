"""The next cycle: next year's action plan made from the midterm plan and the current action plan,
and the next midterm plan started from the previous one, each carrying the unfinished measures
(and their unfinished activities) forward with a link to where they came from.

What is unfinished is read from the source plan's latest evaluation round: a measure partly
fulfilled, in progress, not fulfilled or not evaluated at all goes forward; one fulfilled or
cancelled stays; one moved (or carried already) is elsewhere. An activity goes with its measure
unless its evaluation says it is fulfilled, cancelled or moved.

Every carried measure gets a CarriedMeasure row. Its evaluation of that year is set to "moved"
(moved_to the copy) only while the year is open: a locked year changes only by a correction with
its reason, which a machine cannot give, so it stays as it was and the row is the only link.

`preview_*` computes what would happen without writing; `create_next_action_plan` and
`start_next_midterm_plan` do it in one transaction, refuse (ValidationError) when the plan they
would create exists already, and log every change.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kpss.models import log_action
from kpss.numbers import display_number
from planning.models import (
    Activity,
    ActivityEvaluation,
    CarriedActivity,
    CarriedMeasure,
    Chapter,
    EvaluationRound,
    EvaluationStatus,
    Goal,
    Indicator,
    Measure,
    MeasureEvaluation,
    Plan,
    Priority,
)
from planning.monitoring.rollup import round_results

# Statuses that end a measure's or activity's way in its plan: not carried.
FINISHED = {EvaluationStatus.DONE, EvaluationStatus.CANCELLED, EvaluationStatus.MOVED}

# The fields a copy of a measure keeps (the M2M target groups and funding sources besides).
COPIED_FIELDS = ("title", "description", "rationale", "service_type_id", "service_form", "capacity_change",
                 "capacity_unit", "responsible", "implementer", "partners", "annual_cost", "expected_outputs",
                 "weight")


@dataclass
class Carried:
    """A measure going forward: how it stood (its evaluation, None when not evaluated) and the
    activities that go with it."""

    measure: Measure
    evaluation: MeasureEvaluation | None
    activities: list


@dataclass
class CarryOver:
    """What making the next plan would do: the plan it makes (kind, years), where the measures come
    from, which go forward and which stay, and what stops it (`problems`)."""

    kind: str
    year_from: int
    year_to: int
    midterm_plan: Plan | None = None  # the midterm plan a new action plan belongs to
    source_plan: Plan | None = None  # the plan whose unfinished measures go forward
    evaluation_round: EvaluationRound | None = None  # the round that says what is unfinished
    carried: list = field(default_factory=list)  # [Carried]
    from_midterm: list = field(default_factory=list)  # [Carried]: midterm measures of the year, new in it
    stay: Counter = field(default_factory=Counter)  # {status: count} of the measures that do not go
    problems: list = field(default_factory=list)

    @property
    def period(self):
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"

    @property
    def year_is_locked(self):
        return bool(self.evaluation_round and self.evaluation_round.is_locked)

    @property
    def marks_moved(self):
        """Whether the carried measures' evaluations are set to "moved" (an open round of the year)."""
        return bool(self.evaluation_round and not self.evaluation_round.is_locked)

    @property
    def activity_count(self):
        return sum(len(item.activities) for item in [*self.carried, *self.from_midterm])

    def staying(self):
        """(status label, count) of the measures that do not go forward."""
        return [(EvaluationStatus(status).label, count) for status, count in sorted(self.stay.items())]


# --- next year's action plan --------------------------------------------------------------------


def next_cycle(plan):
    """What the plan's workspace offers the coordinator: the year of the next action plan (None when
    it exists or the midterm plan has ended) and whether the next midterm plan can be started."""
    midterm, _source, year = _next_action_year(plan)
    action_year = None
    if midterm is not None and year <= midterm.year_to and not _action_plan_of(midterm, year):
        action_year = year
    starts_midterm = plan.kind == Plan.Kind.MIDTERM and not Plan.objects.filter(supersedes=plan).exists()
    return {"action_year": action_year, "next_midterm": starts_midterm}


def _next_action_year(plan):
    """(midterm plan, source plan, year) of the next action plan from `plan`: an action plan's next
    year; for a midterm plan, its latest action plan's next year, or without action plans its first
    year (the year after the last it evaluated itself)."""
    midterm = plan.midterm_plan if plan.kind == Plan.Kind.ACTION else plan
    if midterm is None:
        return None, None, None
    source = plan
    if plan.kind == Plan.Kind.MIDTERM:
        source = midterm.action_plans.order_by("-year_to", "-pk").first() or midterm
    if source.kind == Plan.Kind.ACTION:
        return midterm, source, source.year_to + 1
    last = source.evaluation_rounds.aggregate(models.Max("year"))["year__max"]
    return midterm, source, max(midterm.year_from, last + 1) if last else midterm.year_from


def _action_plan_of(midterm, year):
    return midterm.action_plans.filter(year_from__lte=year, year_to__gte=year).first()


def preview_next_action_plan(plan):
    """What `create_next_action_plan(plan)` would do. `plan` is the current action plan, or a midterm
    plan: then its latest action plan, or the midterm plan itself when it has none yet."""
    midterm, source, year = _next_action_year(plan)
    result = CarryOver(kind=Plan.Kind.ACTION, year_from=year, year_to=year, midterm_plan=midterm, source_plan=source)
    existing = _action_plan_of(midterm, year)
    if existing:
        result.problems.append(_("The action plan for %(year)s exists already: %(plan)s.") % {
            "year": year, "plan": existing.title})
    if year > midterm.year_to:
        result.problems.append(_("The midterm plan %(plan)s ends in %(last)s; %(year)s belongs to the next midterm "
                                 "plan.") % {"plan": midterm.title, "last": midterm.year_to, "year": year})
    if result.problems:
        return result
    carried_sources = set()
    if source.kind == Plan.Kind.ACTION:
        result.evaluation_round = _latest_round(source)
        result.carried, result.stay = _unfinished(source, result.evaluation_round)
        carried_sources = {item.measure.implements_id for item in result.carried}
    result.from_midterm = _midterm_measures_of(midterm, year, exclude=carried_sources)
    return result


def create_next_action_plan(plan, by):
    """Make next year's action plan as a draft (see `preview_next_action_plan`): the unfinished
    measures of the current action plan carried forward, and the midterm plan's measures of the
    year not carried already, each carrying out its midterm measure. Returns the new plan; raises
    ValidationError when it cannot be made (it exists already, the midterm plan has ended)."""
    with transaction.atomic():
        midterm = plan.midterm_plan if plan.kind == Plan.Kind.ACTION else plan
        Plan.objects.select_for_update().get(pk=midterm.pk)  # one next plan at a time
        result = preview_next_action_plan(plan)
        if result.problems:
            raise ValidationError(result.problems)
        source = result.source_plan
        new_plan = _new_plan(
            kind=Plan.Kind.ACTION, midterm_plan=midterm, year_from=result.year_from, year_to=result.year_to,
            title=_retitled(source.title, source.period, result.period) if source.kind == Plan.Kind.ACTION
            else _("Action plan %(year)s") % {"year": result.year_from},
            territories=midterm.territories.all(), left_out=midterm.excluded_territories.all(),
        )
        structure = _Structure(new_plan)
        copies = _carry(result, structure, by, implements=lambda measure: measure.implements)
        fresh = []
        for item in result.from_midterm:
            copy = _copy_measure(item.measure, structure.goal_for(item.measure), by, implements=item.measure)
            _copy_activities(item.activities, copy, link=False)
            fresh.append([item.measure.pk, copy.pk])
        new_plan.renumber()
        log_action(new_plan, "plan.create_next_action_plan", by, source=source.pk, midterm_plan=midterm.pk,
                   year=result.year_from, carried=copies, from_midterm=fresh,
                   evaluation_round=result.evaluation_round.pk if result.evaluation_round else None)
    return new_plan


# --- the next midterm plan ----------------------------------------------------------------------


def preview_next_midterm_plan(previous):
    """What `start_next_midterm_plan(previous)` would do: the years after it, as many as it had, and
    the unfinished measures of its last evaluated year (of its own round or an action plan's)."""
    length = previous.year_to - previous.year_from + 1
    result = CarryOver(kind=Plan.Kind.MIDTERM, year_from=previous.year_to + 1, year_to=previous.year_to + length)
    if previous.kind != Plan.Kind.MIDTERM:
        result.problems.append(_("Only a midterm plan is followed by a next midterm plan."))
        return result
    existing = Plan.objects.filter(supersedes=previous).first()
    if existing:
        result.problems.append(_("The plan following %(plan)s exists already: %(next)s.") % {
            "plan": previous.title, "next": existing.title})
        return result
    # In a year evaluated both in the midterm plan and in its action plan, the action plan says more.
    last_round = _rounds_of_cycle(previous).order_by("-year", "kind_order").first()
    if last_round is not None:
        result.evaluation_round = last_round
        result.source_plan = last_round.plan
        result.carried, result.stay = _unfinished(last_round.plan, last_round)
    return result


def start_next_midterm_plan(previous, by):
    """Start the midterm plan that follows `previous`, as a draft in its preparatory phase: its first
    chapter is the evaluation of the previous plan (each locked year's fulfilment, overall and by
    priority), and the unfinished measures of the previous plan's last evaluated year go forward.
    Returns the new plan; raises ValidationError when it exists already."""
    with transaction.atomic():
        Plan.objects.select_for_update().get(pk=previous.pk)
        result = preview_next_midterm_plan(previous)
        if result.problems:
            raise ValidationError(result.problems)
        new_plan = _new_plan(
            kind=Plan.Kind.MIDTERM, supersedes=previous, year_from=result.year_from, year_to=result.year_to,
            phase=Plan.Phase.PREPARATORY, title=_retitled(previous.title, previous.period, result.period),
            territories=previous.territories.all(), left_out=previous.excluded_territories.all(),
        )
        Chapter.objects.create(plan=new_plan, position=1, kind=Chapter.Kind.EVALUATION,
                               title=_("Evaluation of the previous plan"), body=final_evaluation(previous))
        copies = _carry(result, _Structure(new_plan), by, implements=lambda measure: None)
        new_plan.renumber()
        log_action(new_plan, "plan.start_next_midterm_plan", by, supersedes=previous.pk, carried=copies,
                   evaluation_round=result.evaluation_round.pk if result.evaluation_round else None)
    return new_plan


def final_evaluation(previous):
    """The previous plan's evaluation as the Markdown of a chapter: the fulfilment of each locked
    year (of the midterm plan itself and of its action plans), overall and by priority."""
    rounds = list(_rounds_of_cycle(previous).filter(locked_at__isnull=False).order_by("year", "kind_order"))
    lines = [_("The evaluation of the plan %(plan)s (%(period)s), from the locked yearly evaluations.") % {
        "plan": previous.title, "period": previous.period}, ""]
    if not rounds:
        lines.append(_("No year of the plan has a locked evaluation."))
        return "\n".join(lines) + "\n"
    priorities = {priority.pk: priority for priority in Priority.objects.filter(
        plan__in={evaluation_round.plan_id for evaluation_round in rounds}).order_by("position", "pk")}
    for evaluation_round in rounds:
        results = round_results(evaluation_round)
        lines += [f"## {evaluation_round.year}: {_cell(evaluation_round.plan.title)}", "",
                  _("Overall fulfilment: %(fulfilment)s (%(evaluated)s of %(base)s measures with a figure).") % {
                      "fulfilment": _percent(results.overall), "evaluated": results.overall.evaluated,
                      "base": results.overall.base}, ""]
        rows = [(priority, results.by_priority[priority.pk]) for priority in priorities.values()
                if priority.plan_id == evaluation_round.plan_id and priority.pk in results.by_priority]
        if rows:
            header = [_("Priority"), _("Fulfilment"), _("Measures with a figure")]
            lines += ["| " + " | ".join(header) + " |", "|---|---:|---:|"]
            lines += [f"| {_cell(str(priority))} | {_percent(fulfilment)} | {fulfilment.evaluated}/{fulfilment.base} |"
                      for priority, fulfilment in rows]
            lines.append("")
    return "\n".join(lines)


def _percent(fulfilment):
    return _("not evaluated") if fulfilment.percent is None else f"{display_number(fulfilment.percent)} %"


def _cell(text):
    """Text safe inside a Markdown table cell or heading."""
    return " ".join(text.replace("|", "\\|").split())


def _rounds_of_cycle(midterm):
    """The evaluation rounds of a midterm plan and of its action plans, with `kind_order` 0 for an
    action plan's round (it goes first where both evaluated a year)."""
    return EvaluationRound.objects.filter(models.Q(plan=midterm) | models.Q(plan__midterm_plan=midterm)).annotate(
        kind_order=models.Case(models.When(plan__kind=Plan.Kind.ACTION, then=0), default=1),
    ).select_related("plan")


# --- what goes forward --------------------------------------------------------------------------


def _latest_round(plan):
    return plan.evaluation_rounds.order_by("-year").first()


def _unfinished(plan, evaluation_round):
    """([Carried], Counter of the statuses that stay) for `plan`'s measures by `evaluation_round`:
    the measures of its year (all of them without a round), those carried already staying as moved."""
    measures = plan.measures.all()
    if evaluation_round is not None:
        measures = measures.exclude(year_from__gt=evaluation_round.year).exclude(year_to__lt=evaluation_round.year)
    measures = _for_copying(measures).prefetch_related(models.Prefetch("carried_to", to_attr="carried_already"))
    evaluations = {}
    if evaluation_round is not None:
        evaluations = {evaluation.measure_id: evaluation for evaluation in evaluation_round.evaluations.filter(
            measure__plan=plan).prefetch_related("activity_evaluations")}
    carried, stay = [], Counter()
    for measure in measures:
        evaluation = evaluations.get(measure.pk)
        status = evaluation.status if evaluation else ""
        if measure.carried_already:
            status = EvaluationStatus.MOVED
        if status in FINISHED:
            stay[status] += 1
            continue
        activity_evaluations = evaluation.activity_evaluations.all() if evaluation else []
        finished = {each.activity_id for each in activity_evaluations if each.status in FINISHED}
        carried.append(Carried(measure, evaluation, [a for a in measure.activities.all() if a.pk not in finished]))
    return carried, stay


def _midterm_measures_of(midterm, year, exclude):
    """The midterm plan's measures that run in `year` and have not ended (cancelled or moved in its
    own latest evaluation), except those in `exclude` (carried out by a measure carried already)."""
    measures = _for_copying(midterm.measures.exclude(year_from__gt=year).exclude(year_to__lt=year).exclude(
        pk__in=[pk for pk in exclude if pk]))
    last_round = midterm.evaluation_rounds.filter(year__lt=year).order_by("-year").first()
    ended = set()
    if last_round is not None:
        ended = set(last_round.evaluations.filter(status__in=[EvaluationStatus.CANCELLED, EvaluationStatus.MOVED])
                    .values_list("measure_id", flat=True))
    return [Carried(measure, None, list(measure.activities.all())) for measure in measures if measure.pk not in ended]


def _for_copying(measures):
    return measures.select_related("goal__priority", "group").prefetch_related(
        "indicators", "activities", "target_groups", "funding_sources",
    ).order_by("goal__priority__position", "goal__position", "position", "pk")


# --- making the copies --------------------------------------------------------------------------


def _new_plan(*, title, territories, left_out, **fields):
    """A plan covering the same area as the one it comes from."""
    plan = Plan.objects.create(title=title, slug=_free_slug(title), **fields)
    plan.set_area(territories, left_out)
    return plan


def _free_slug(title):
    base = slugify(title)[:100] or "plan"
    taken = set(Plan.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _retitled(title, old_period, new_period):
    """The previous plan's title with its years replaced ("… 2025–2027" → "… 2028–2030"); when it
    does not name them, the new years added."""
    for old in {old_period, old_period.replace("–", "-")}:
        if old in title:
            return title.replace(old, new_period)
    return f"{title} {new_period}"


class _Structure:
    """The priorities and goals of the new plan, made as the copied measures need them: one for each
    priority (by title) and goal (by title and working group) of the measures' old plans."""

    def __init__(self, plan):
        self.plan = plan
        self.priorities, self.goals = {}, {}

    def goal_for(self, measure):
        old_goal, old_priority = measure.goal, measure.goal.priority
        priority_key = old_priority.title.strip().casefold()
        priority = self.priorities.get(priority_key)
        if priority is None:
            priority = self.priorities[priority_key] = Priority.objects.create(
                plan=self.plan, title=old_priority.title, description=old_priority.description,
                position=len(self.priorities) + 1)
        goal_key = (priority_key, old_goal.title.strip().casefold(), old_goal.group_id)
        goal = self.goals.get(goal_key)
        if goal is None:
            goal = self.goals[goal_key] = Goal.objects.create(
                priority=priority, group_id=old_goal.group_id, title=old_goal.title,
                description=old_goal.description, position=len(self.goals) + 1)
        return goal


def _carry(result, structure, by, implements):
    """Copy the carried measures into the structure's plan, link each copy to its source, and set the
    sources' evaluations of the year to "moved" while the year is open. Returns [[source, copy]]."""
    copies = []
    for item in result.carried:
        copy = _copy_measure(item.measure, structure.goal_for(item.measure), by, implements=implements(item.measure))
        activities = _copy_activities(item.activities, copy, link=True)
        CarriedMeasure.objects.create(
            source=item.measure, target=copy, year=result.evaluation_round.year if result.evaluation_round
            else result.source_plan.year_to, source_status=item.evaluation.status if item.evaluation else "",
            evaluation_moved=result.marks_moved, created_by=by if by and by.is_authenticated else None)
        log_action(copy, "measure.carry_over", by, source=item.measure.pk, source_plan=item.measure.plan_id,
                   activities=[[old.pk, new.pk] for old, new in activities], evaluation_moved=result.marks_moved)
        if result.marks_moved:
            _mark_moved(result.evaluation_round, item, copy, activities, by)
        copies.append([item.measure.pk, copy.pk])
    return copies


def _copy_measure(source, goal, by, implements):
    copy = Measure(goal=goal, group_id=source.group_id, position=source.position, implements=implements,
                   updated_by=by if by and by.is_authenticated else None,
                   **{name: getattr(source, name) for name in COPIED_FIELDS})
    copy.save()
    copy.target_groups.set(source.target_groups.all())
    copy.funding_sources.set(source.funding_sources.all())
    Indicator.objects.bulk_create([
        Indicator(measure=copy, position=indicator.position, name=indicator.name, unit=indicator.unit,
                  baseline=indicator.baseline, target=indicator.target) for indicator in source.indicators.all()])
    return copy


def _copy_activities(activities, measure, link):
    """Copy `activities` to `measure` (their timeframe left for the new plan to say); returns [(old, new)]."""
    pairs = []
    for activity in activities:
        copy = Activity.objects.create(measure=measure, position=activity.position, title=activity.title,
                                       description=activity.description, responsible=activity.responsible)
        if link:
            CarriedActivity.objects.create(source=activity, target=copy)
        pairs.append((activity, copy))
    return pairs


def _mark_moved(evaluation_round, item, copy, activities, by):
    """Set the source's evaluation of the open year to "moved" to `copy` (made when it had none), and
    its carried activities' too; logged as a change with the status it had."""
    evaluation = item.evaluation
    if evaluation is None:
        evaluation = MeasureEvaluation.objects.create(
            round=evaluation_round, measure=item.measure, status=EvaluationStatus.MOVED, moved_to=copy,
            updated_by=by if by and by.is_authenticated else None)
        previous_status = ""
    else:
        evaluation = MeasureEvaluation.locked(evaluation.pk)
        previous_status = evaluation.status
        evaluation.status, evaluation.moved_to = EvaluationStatus.MOVED, copy
        evaluation.save_change(by, update_fields=["status", "moved_to"])
    for old, _new in activities:
        ActivityEvaluation.objects.update_or_create(evaluation=evaluation, activity=old,
                                                    defaults={"status": EvaluationStatus.MOVED})
    log_action(evaluation, "measureevaluation.carry_over", by, revision=evaluation.revision,
               from_status=previous_status, moved_to=copy.pk, activities=[old.pk for old, _new in activities])
