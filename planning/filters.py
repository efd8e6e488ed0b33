from django import forms
from django.utils.translation import gettext_lazy as _

# ModelChoiceField's wording, which the filters had when they read their choices from the database.
INVALID_CHOICE = forms.ModelChoiceField.default_error_messages["invalid_choice"]


class MeasureFilter(forms.Form):
    """The filters above a plan's measure table; choices list only what the plan uses.

    The page loads all the plan's measures for the table anyway, with their group, target groups
    and funding sources (planning.models.plans.with_labels): the choices are read from them and the
    table is filtered in memory, so the filters cost no query of their own.
    """

    group = forms.TypedChoiceField(label=_("Working group"), required=False, coerce=int, empty_value=None,
                                   error_messages={"invalid_choice": INVALID_CHOICE})
    target_group = forms.TypedChoiceField(label=_("Target group"), required=False, coerce=int, empty_value=None,
                                          error_messages={"invalid_choice": INVALID_CHOICE})
    funding_source = forms.TypedChoiceField(label=_("Funding source"), required=False, coerce=int,
                                            empty_value=None, error_messages={"invalid_choice": INVALID_CHOICE})

    def __init__(self, data, *, measures):
        super().__init__(data)
        self.measures = measures
        used = {
            "group": [measure.group for measure in measures],
            "target_group": [target for measure in measures for target in measure.target_group_list],
            "funding_source": [source for measure in measures for source in measure.funding_source_list],
        }
        for name, objects in used.items():
            distinct = {obj.pk: obj for obj in objects}.values()
            in_order = sorted(distinct, key=lambda obj: (obj.order, obj.name))  # as their models order them
            self.fields[name].choices = [("", _("all")), *((obj.pk, str(obj)) for obj in in_order)]

    def filtered(self):
        """The measures that match the chosen filters; a filter with an invalid choice is left out."""
        if not self.is_bound:
            return self.measures
        self.is_valid()
        chosen = {name: self.cleaned_data.get(name) for name in self.fields}
        return [
            measure for measure in self.measures
            if chosen["group"] in (None, measure.group_id)
            and chosen["target_group"] in (None, *(target.pk for target in measure.target_group_list))
            and chosen["funding_source"] in (None, *(source.pk for source in measure.funding_source_list))
        ]
