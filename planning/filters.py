import django_filters
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from kpss.models import TargetGroup
from planning.models import FundingSource, Measure


class MeasureFilter(django_filters.FilterSet):
    """The filters above a plan's measure table; choices list only what the plan uses."""

    group = django_filters.ModelChoiceFilter(label=_("Working group"), queryset=Group.objects.none(),
                                             empty_label=_("all"))
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"), field_name="target_groups", queryset=TargetGroup.objects.none(), empty_label=_("all"),
    )
    funding_source = django_filters.ModelChoiceFilter(
        label=_("Funding source"), field_name="funding_sources", queryset=FundingSource.objects.none(),
        empty_label=_("all"),
    )

    class Meta:
        model = Measure
        fields = []

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        used = Measure.objects.filter(plan=plan)
        self.filters["group"].queryset = Group.objects.filter(measures__in=used).distinct()
        self.filters["target_group"].queryset = TargetGroup.objects.filter(measures__in=used).distinct()
        self.filters["funding_source"].queryset = FundingSource.objects.filter(measures__in=used).distinct()
