"""Forms of the groups' staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Task


class TaskStatusForm(forms.Form):
    """A task's new status, with a note for its history; `revision` refuses a change made over
    someone else's."""

    status = forms.ChoiceField(label=_("New status"), choices=Task.Status.choices)
    note = forms.CharField(label=_("Note for the history"), required=False, max_length=500,
                           help_text=_("E.g. what was done, or why the task is cancelled."))
    revision = forms.IntegerField(widget=forms.HiddenInput)
