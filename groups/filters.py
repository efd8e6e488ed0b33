"""The filters above the groups' staff lists."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Task

INVALID_CHOICE = forms.ModelChoiceField.default_error_messages["invalid_choice"]


class TaskFilter(forms.Form):
    """The task tracker's filters: a group of those the user reads, and the status; without a
    status chosen the tracker lists the open tasks (open and in progress)."""

    OPEN, ALL = "otevrene", "vse"

    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None,
                                   error_messages={"invalid_choice": INVALID_CHOICE})
    status = forms.ChoiceField(label=_("Status"), required=False, error_messages={"invalid_choice": INVALID_CHOICE})

    def __init__(self, data, *, groups):
        super().__init__(data)
        self.fields["group"].choices = [("", _("all my groups")), *((group.pk, group.name) for group in groups)]
        self.fields["status"].choices = [
            (self.OPEN, _("open and in progress")), (self.ALL, _("all, done and cancelled too")),
            *Task.Status.choices,
        ]

    def filter(self, tasks):
        """`tasks` narrowed to the chosen group and status; an invalid choice is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("group"):
            tasks = tasks.filter(group=data["group"])
        status = data.get("status") or self.OPEN
        if status == self.OPEN:
            tasks = tasks.filter(status__in=Task.OPEN_STATUSES)
        elif status != self.ALL:
            tasks = tasks.filter(status=status)
        return tasks

