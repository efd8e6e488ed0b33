"""Staff forms for the parts of a plan working groups write, and for lifecycle steps."""

from django import forms
from django.db.models import DateField
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from planning.models import Activity, Goal, Indicator, Measure, Plan, SwotItem


class TrackedForm(forms.ModelForm):
    """A form for a row with a revision: it carries the revision the user started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else None


class GoalForm(TrackedForm):
    class Meta:
        model = Goal
        fields = ["priority", "group", "title", "description"]

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["group"].queryset = groups.filter(kind="working")


class MeasureForm(TrackedForm):
    class Meta:
        model = Measure
        fields = [
            "goal", "group", "title", "description", "rationale", "swot_items", "target_groups",
            "service_type", "service_form", "capacity_change", "capacity_unit",
            "responsible", "implementer", "partners", "year_from", "year_to",
            "annual_cost", "funding_sources", "expected_outputs",
        ]
        widgets = {
            "swot_items": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "funding_sources": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "expected_outputs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.select_related("priority").order_by(
            "priority__position", "position",
        )
        self.fields["group"].queryset = groups.filter(kind="working")
        self.fields["group"].required = False
        self.fields["group"].help_text = _("Leave empty to take the goal's working group.")
        self.fields["swot_items"].queryset = plan.swot_items.select_related("group")
        self.fields["service_type"].queryset = self.fields["service_type"].queryset.order_by("section")

    def clean(self):
        cleaned_data = super().clean()
        goal, group = cleaned_data.get("goal"), cleaned_data.get("group")
        allowed = self.fields["group"].queryset
        if goal and not group:
            if not allowed.filter(pk=goal.group_id).exists():
                self.add_error("group", _("Choose one of your working groups."))
            else:
                cleaned_data["group"] = goal.group
        return cleaned_data


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]


IndicatorFormSet = inlineformset_factory(
    Measure, Indicator, form=IndicatorForm, extra=1, can_delete=True,
)


class ActivityForm(TrackedForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "responsible", "timeframe"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SwotItemForm(TrackedForm):
    class Meta:
        model = SwotItem
        fields = ["group", "kind", "text"]

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups.filter(kind="working")


def transition_form_class(transition):
    """A form asking for what a lifecycle step records (a resolution, dates), plus a note."""
    fields = {}
    for name in transition.fields:
        model_field = Plan._meta.get_field(name)
        if isinstance(model_field, DateField):
            fields[name] = forms.DateField(
                label=model_field.verbose_name, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        else:
            fields[name] = model_field.formfield(required=True)
    fields["note"] = forms.CharField(label=_("Note for the history"), required=False, max_length=500)
    return type("TransitionForm", (forms.Form,), fields)
