"""Staff forms of the groups: planning and editing a meeting, cancelling it, inviting guests; a task's status."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Meeting, Person, Task
from planning.forms import TrackedForm, https_links

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(TrackedForm):
    """A meeting's details: when (a day, from and to), where (a place, a link, or both), the agenda one
    item per line, and for a workshop its topic, lecturer and hours."""

    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET, help_text=_("E.g. 12. 3. 2026."))
    starts_time = forms.TimeField(label=_("Start time"), widget=TIME_WIDGET, help_text=_("E.g. 15:00."))
    ends_time = forms.TimeField(label=_("End time"), widget=TIME_WIDGET)
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item per line, in the order of the meeting."),
    )

    # Fields that move the meeting: a held meeting keeps them.
    WHEN_AND_WHERE = ("date", "starts_time", "ends_time", "place", "online_url")
    MODEL_FIELDS = ("kind", "title", "place", "online_url", "is_public", "topic", "lecturer", "hours")

    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "starts_time", "ends_time", "place", "online_url", "is_public",
                  "topic", "lecturer", "hours", "agenda"]
        formfield_callback = https_links
        widgets = {"online_url": forms.URLInput(attrs={"placeholder": "https://"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        if meeting.pk:
            starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
            self.initial.update(date=starts.date(), starts_time=starts.time(), ends_time=ends.time(),
                                agenda="\n".join(item.title for item in meeting.agenda.all()))
            if meeting.has_ended():
                for name in self.WHEN_AND_WHERE:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("The meeting took place; its time and place stay.")
        self.fields["is_public"].label = _("Publish on the website")
        self.fields["topic"].help_text = _("Required for a workshop.")

    def clean(self):
        cleaned_data = super().clean()
        starts_time, ends_time = cleaned_data.get("starts_time"), cleaned_data.get("ends_time")
        if starts_time and ends_time and ends_time <= starts_time:
            self.add_error("ends_time", _("A meeting must end after it starts."))
        if not cleaned_data.get("place") and not cleaned_data.get("online_url") and "online_url" not in self.errors:
            self.add_error("place", _("Enter the place, the link of an online meeting, or both."))
        if cleaned_data.get("kind") == Meeting.Kind.WORKSHOP:
            for name, message in (("topic", _("A workshop needs its topic.")),
                                  ("hours", _("A workshop needs its length in hours, e.g. 6 or 4,5."))):
                if cleaned_data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        return cleaned_data

    def _post_clean(self):
        # The model's own checks see the new times only when all three are valid; clean() has
        # reported the rest next to their fields.
        data = self.cleaned_data
        if data.get("date") and data.get("starts_time") and data.get("ends_time"):
            self.instance.starts_at = _aware(data["date"], data["starts_time"])
            self.instance.ends_at = _aware(data["date"], data["ends_time"])
        super()._post_clean()

    def agenda_titles(self):
        return self.cleaned_data["agenda"].splitlines()

    def meeting_fields(self):
        """What the Meeting stores, for plan_meeting and update_meeting."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.MODEL_FIELDS}
        fields.update(starts_at=self.instance.starts_at, ends_at=self.instance.ends_at)
        return fields


def _aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


class PlanMeetingForm(MeetingForm):
    """Planning a new meeting: the details, and whom to invite."""

    invite_members = forms.BooleanField(
        label=_("Invite the group's current members"), required=False, initial=True,
    )
    guests = forms.ModelMultipleChoiceField(
        label=_("Guests on record"), required=False, queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("People the portal knows already. Hold Ctrl to choose more than one."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guests"].queryset = Person.objects.exclude(
            pk__in=group.memberships.current().values("person_id"))


class NewGuestForm(forms.Form):
    """A guest the portal does not know yet: many never sign in, a name is enough."""

    name = forms.CharField(label=_("Guest's name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("Where the invitation goes; without it, invite them yourself."))

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("name") and (cleaned_data.get("organisation") or cleaned_data.get("email")):
            self.add_error("name", _("Enter the guest's name."))
        return cleaned_data

    def person_fields(self):
        """The new Person's fields, or None for a row left empty."""
        if not self.cleaned_data.get("name"):
            return None
        return {name: self.cleaned_data.get(name, "") for name in ("name", "organisation", "email")}


NewGuestFormSet = forms.formset_factory(NewGuestForm, extra=2, max_num=20)


def new_guests_of(formset):
    return [fields for form in formset if (fields := form.person_fields())]


class InviteGuestForm(NewGuestForm):
    """Inviting one more person to a coming meeting: someone on record, or someone new."""

    person = forms.ModelChoiceField(label=_("Person on record"), required=False, queryset=Person.objects.none())
    field_order = ["person", "name", "organisation", "email"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.exclude(pk__in=meeting.invitations.values("person_id"))
        self.fields["name"].help_text = _("Or someone new: their name, organisation and e-mail.")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("person") and not cleaned_data.get("name") and not self.errors:
            self.add_error("person", _("Choose a person on record or enter a new guest's name."))
        return cleaned_data


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the meeting is cancelled"), max_length=300,
        help_text=_("The invited read it in the e-mail and the public on the meeting's page."),
    )


class TaskStatusForm(forms.Form):
    """A task's new status, with a note for its history; `revision` refuses a change made over
    someone else's."""

    status = forms.ChoiceField(label=_("New status"), choices=Task.Status.choices)
    note = forms.CharField(label=_("Note for the history"), required=False, max_length=500,
                           help_text=_("E.g. what was done, or why the task is cancelled."))
    revision = forms.IntegerField(widget=forms.HiddenInput)
