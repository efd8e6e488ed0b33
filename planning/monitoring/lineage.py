"""A measure's lineage across plans, for its public page: the midterm measure (the one it carries out,
or itself), the action plans' measures that carry it out with their activities, each one's yearly
evaluations, the measure of the previous plan it continues, and the measures of the next plan it
was carried forward to.

Five queries whatever the length of the chain or the size of the plans (the chain with the measure,
its activities, its evaluations with their indicator values, the links of carry-over); plans the reader may not
see (drafts, for the public) are left out, and so are the years not locked yet.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects
from django.http import Http404

from planning.access import is_planning_staff, plans_for
from planning.models import CarriedMeasure, IndicatorValue, Measure, MeasureEvaluation, Plan


@dataclass
class Lineage:
    measure: Measure  # the measure whose page it is
    root: Measure | None = None  # the midterm plan's measure, when the reader may see it
    action_measures: list = field(default_factory=list)  # the action plans' measures, by year
    continues: list = field(default_factory=list)  # [CarriedMeasure] from measures outside the chain
    continued_in: list = field(default_factory=list)  # [CarriedMeasure] to measures outside the chain

    @property
    def history(self):
        """The measure's own evaluations of locked years, oldest first, with their indicator values."""
        return [evaluation for evaluation in self.measure.shown_evaluations if evaluation.round.is_locked]

    def __bool__(self):
        """Whether there is more to show than the measure alone."""
        chain = [self.root, *self.action_measures] if self.root else self.action_measures
        return (len(chain) > 1 or bool(self.continues or self.continued_in)
                or any(measure.shown_evaluations for measure in chain))


def measure_with_lineage(measures, plan, pk, user):
    """(the measure `pk` of `plan`, its Lineage as `user` may read it), the measure taken from the
    queryset `measures` in the same query as the rest of its chain, and its activities and
    evaluations prefetched with theirs; 404 when `plan` has no such measure."""
    visible = plans_for(user)
    staff = is_planning_staff(user)
    if plan.kind == Plan.Kind.MIDTERM:
        chain_filter = Q(implements_id=pk)
    else:
        root = Subquery(Measure.objects.filter(plan=plan, pk=pk).values("implements_id"))
        chain_filter = Q(pk=root) | Q(implements_id=root)
    rows = list(measures.filter(Q(plan=plan, pk=pk) | Q(chain_filter, plan__in=visible)).select_related("plan"))
    measure = next((row for row in rows if row.pk == pk and row.plan_id == plan.pk), None)
    if measure is None:
        raise Http404
    root_pk = measure.pk if plan.kind == Plan.Kind.MIDTERM else measure.implements_id
    evaluations = MeasureEvaluation.objects.select_related("round", "moved_to__plan").prefetch_related(
        Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator").order_by(
            "indicator__position", "indicator__pk"))).order_by("round__year")
    if not staff:
        evaluations = evaluations.filter(round__locked_at__isnull=False)
    chain = sorted(rows, key=lambda item: (item.plan.year_from, item.plan.pk, item.position, item.pk))
    prefetch_related_objects(chain, "activities", Prefetch("evaluations", queryset=evaluations,
                                                           to_attr="shown_evaluations"))
    chain_pks = [item.pk for item in chain]
    links = CarriedMeasure.objects.filter(
        Q(source__in=chain_pks, target__plan__in=visible) | Q(target__in=chain_pks, source__plan__in=visible)
    ).select_related("source__plan", "target__plan").order_by("pk")
    lineage = Lineage(measure=measure)
    measure.is_current = True
    by_pk = {item.pk: item for item in chain}
    for item in chain:
        item.shown_carried_from, item.shown_carried_to = [], []
        for evaluation in item.shown_evaluations:
            moved_to = evaluation.moved_to
            evaluation.shown_moved_to = moved_to if moved_to and (staff or moved_to.plan.is_public()) else None
        if item.pk == root_pk and item.plan.kind == Plan.Kind.MIDTERM:
            lineage.root = item
        else:
            lineage.action_measures.append(item)
    for link in links:
        if link.target_id in by_pk:
            by_pk[link.target_id].shown_carried_from.append(link)
            if link.source_id not in by_pk:
                lineage.continues.append(link)
        if link.source_id in by_pk:
            by_pk[link.source_id].shown_carried_to.append(link)
            if link.target_id not in by_pk:
                lineage.continued_in.append(link)
    return measure, lineage
