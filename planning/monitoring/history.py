"""What the public reads of a measure's evaluations: the years whose evaluation is locked."""

from django.db.models import Prefetch

from planning.models import IndicatorValue, MeasureEvaluation


def public_evaluations(measures):
    """MeasureEvaluation rows of locked years for `measures`, oldest year first, with their indicator
    values and where a moved measure went; two queries whatever the number of years."""
    return (MeasureEvaluation.objects.filter(measure__in=measures, round__locked_at__isnull=False)
            .select_related("round", "moved_to__plan")
            .prefetch_related(Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related(
                "indicator").order_by("indicator__position", "indicator__pk")))
            .order_by("round__year"))


def history_of(measure):
    """The measure's evaluations year by year, for its public page."""
    return list(public_evaluations([measure]))
