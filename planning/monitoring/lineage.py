"""A measure's lineage across plans, for its public page: the midterm measure (the one it carries out,
or itself), the action plans' measures that carry it out with their activities, each one's yearly
evaluations, the measure of the previous plan it continues, and the measures of the next plan it
was carried forward to.

Six queries whatever the length of the chain or the size of the plans; plans the reader may not
see (drafts, for the public) are left out, and so are the years not locked yet.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from planning.access import is_planning_staff, plans_for
from planning.models import CarriedMeasure, IndicatorValue, Measure, MeasureEvaluation, Plan


@dataclass
class Lineage:
    measure: Measure  # the measure whose page it is
    root: Measure | None = None  # the midterm plan's measure, when the reader may see it
    action_measures: list = field(default_factory=list)  # the action plans' measures, by year
    continues: list = field(default_factory=list)  # [CarriedMeasure] from measures outside the chain
    continued_in: list = field(default_factory=list)  # [CarriedMeasure] to measures outside the chain
    current: Measure | None = None  # the measure itself, as the chain holds it

    @property
    def history(self):
        """The measure's own evaluations of locked years, oldest first, with their indicator values."""
        if self.current is None:
            return []
        return [evaluation for evaluation in self.current.shown_evaluations if evaluation.round.is_locked]

    def __bool__(self):
        """Whether there is more to show than the measure alone."""
        chain = [self.root, *self.action_measures] if self.root else self.action_measures
        return (len(chain) > 1 or bool(self.continues or self.continued_in)
                or any(measure.shown_evaluations for measure in chain))


def lineage_of(measure, user):
    """The Lineage of `measure` as `user` may read it."""
    visible = plans_for(user)
    staff = is_planning_staff(user)
    root_pk = measure.pk if measure.plan.kind == Plan.Kind.MIDTERM else measure.implements_id
    chain_filter = Q(pk=root_pk) | Q(implements_id=root_pk) if root_pk else Q(pk=measure.pk)
    evaluations = MeasureEvaluation.objects.select_related("round", "moved_to__plan").prefetch_related(
        Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator").order_by(
            "indicator__position", "indicator__pk"))).order_by("round__year")
    if not staff:
        evaluations = evaluations.filter(round__locked_at__isnull=False)
    chain = list(
        Measure.objects.filter(chain_filter, plan__in=visible).select_related("plan").prefetch_related(
            "activities",
            Prefetch("evaluations", queryset=evaluations, to_attr="shown_evaluations"),
            Prefetch("carried_from", queryset=CarriedMeasure.objects.filter(source__plan__in=visible)
                     .select_related("source__plan"), to_attr="shown_carried_from"),
            Prefetch("carried_to", queryset=CarriedMeasure.objects.filter(target__plan__in=visible)
                     .select_related("target__plan"), to_attr="shown_carried_to"),
        ).order_by("plan__year_from", "plan__pk", "position", "pk"))
    in_chain = {item.pk for item in chain}
    lineage = Lineage(measure=measure)
    for item in chain:
        item.is_current = item.pk == measure.pk
        if item.is_current:
            lineage.current = item
        for evaluation in item.shown_evaluations:
            moved_to = evaluation.moved_to
            evaluation.shown_moved_to = moved_to if moved_to and (staff or moved_to.plan.is_public()) else None
        if item.pk == root_pk and item.plan.kind == Plan.Kind.MIDTERM:
            lineage.root = item
        else:
            lineage.action_measures.append(item)
        lineage.continues += [link for link in item.shown_carried_from if link.source_id not in in_chain]
        lineage.continued_in += [link for link in item.shown_carried_to if link.target_id not in in_chain]
    return lineage
