"""Forms of the minutes workspace: attendance, the minutes' text per agenda item, resolutions and
tasks edited together (`MinutesEditor`, saved in one transaction), attachments and suggestions."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms import DATE_WIDGET
from groups.models import AgendaItem, Invitation, Meeting, Minutes, MinutesAttachment, Person, Resolution, Task
from groups.services import correct_minutes
from kpss.files import FileTypeValidator
from kpss.submissions import SubmitterType
from kpss.tracking import StaleEdit, TrackedChanges, delete_tracked
from planning.forms import TrackedForm
from planning.models import Measure, Plan, Suggestion


class MinutesForm(TrackedForm):
    """The minutes' own text and the count of participants not on the list."""

    other_participants = forms.IntegerField(
        label=_("Other participants"), min_value=0, initial=0,
        help_text=_("People who came but are not on the list of invited."),
    )

    class Meta:
        model = Minutes
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_participants"].initial = meeting.guests_count


class CorrectionForm(MinutesForm):
    note = forms.CharField(
        label=_("Reason for the correction"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the new version and shown with the list of versions."),
    )

    class Meta(MinutesForm.Meta):
        pass


class AttendanceForm(forms.ModelForm):
    attendance = forms.ChoiceField(
        choices=[(Invitation.PRESENT, _("present")), (Invitation.EXCUSED, _("excused")),
                 (Invitation.ABSENT, _("absent"))],
        widget=forms.RadioSelect, required=False,
    )

    class Meta:
        model = Invitation
        fields = ["attendance"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].label = str(self.instance.person)

    def clean_attendance(self):
        # Nothing chosen: not recorded yet.
        return self.cleaned_data["attendance"] or Invitation.INVITED


AttendanceFormSet = inlineformset_factory(Meeting, Invitation, form=AttendanceForm, extra=0, can_delete=False)


class RevisionField(forms.IntegerField):
    """The revision a row's form was opened at: carried along, never a change of its own."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class TrackedRowForm(forms.ModelForm):
    """A form of a resolution or a task: it carries the revision the user opened it at, since the
    tracker changes tasks (their status) outside the minutes too."""

    revision = RevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else None


class MeetingRowsFormSet(BaseInlineFormSet):
    """Rows of a meeting edited with its minutes: new ones go to the end of their list (a `position`
    field) and belong to the meeting's group; a tracked row (resolution, task) is saved only from
    the revision it was opened at (else StaleEdit), and its changes are logged.

    `editor` is the user saving, set by MinutesEditor."""

    def save_new(self, form, commit=True):
        obj = form.save(commit=False)
        if hasattr(obj, "position"):
            highest = type(obj).objects.filter(meeting=self.instance).aggregate(highest=Max("position"))["highest"]
            obj.position = (highest or 0) + 1
        if hasattr(obj, "group_id"):
            obj.group_id = self.instance.group_id
        if isinstance(obj, TrackedChanges):
            obj.updated_by = self.editor
        obj.save()
        if isinstance(obj, TrackedChanges):
            obj.log_change(self.editor, f"{obj._meta.model_name}.create", title=str(obj))
        return obj

    def save_existing(self, form, obj, commit=True):
        if not isinstance(obj, TrackedChanges):
            return super().save_existing(form, obj, commit)
        current = type(obj).locked(obj.pk, form.cleaned_data.get("revision"))
        names = [name for name in form.changed_data if name in form._meta.fields]
        before = current.tracked_values(names)
        obj = form.save(commit=False)
        obj.revision = current.revision
        obj.save_change(self.editor)
        obj.log_change(self.editor, f"{obj._meta.model_name}.change", before=before, names=names)
        return obj

    def delete_existing(self, obj, commit=True):
        if isinstance(obj, TrackedChanges):
            delete_tracked(obj, self.editor)
        else:
            super().delete_existing(obj, commit)

    def current_revisions(self):
        """{form prefix: the row's revision now}, for the editor shown again after a conflict."""
        model = self.model
        revisions = dict(model.objects.filter(meeting=self.instance).values_list("pk", "revision"))
        return {form.add_prefix("revision"): revisions[form.instance.pk] for form in self.initial_forms
                if form.instance.pk in revisions}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "record"]
        widgets = {"record": forms.Textarea(attrs={"rows": 5})}


AgendaFormSet = inlineformset_factory(Meeting, AgendaItem, form=AgendaItemForm, formset=MeetingRowsFormSet,
                                      extra=1, can_delete=True)


def current_measures(group, also=()):
    """Choices of plan measures a resolution or task may concern: those of plans not archived, the
    group's own first, then the others by plan; plus the measures in `also` (chosen earlier)."""
    today = timezone.localdate()
    plans = Plan.objects.exclude(status=Plan.Status.ARCHIVED).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    measures = list(Measure.objects.filter(Q(plan__in=plans) | Q(pk__in=list(also))).select_related("plan").order_by(
        "plan__year_from", "plan_id", "goal__priority__position", "goal__position", "position"))
    own = [(m.pk, f"{m} ({m.plan})") for m in measures if m.group_id == group.pk]
    choices = [("", "---------")]
    if own:
        choices.append((_("Measures of the group"), own))
    by_plan = {}
    for measure in measures:
        if measure.group_id != group.pk:
            by_plan.setdefault(str(measure.plan), []).append((measure.pk, str(measure)))
    choices.extend(by_plan.items())
    return choices


def responsible_people(meeting):
    """Who may be made responsible for a task: those invited to the meeting and the group's current
    members, and whoever is responsible for one of its tasks already."""
    return Person.objects.filter(
        Q(invitations__meeting=meeting) | Q(memberships__in=meeting.group.memberships.current())
        | Q(tasks__meeting=meeting),
    ).distinct().order_by("name", "pk")


class MeasureChoiceMixin:
    """The measure is chosen from the list offered (`current_measures`), not any measure by its key."""

    def clean_measure(self):
        measure = self.cleaned_data.get("measure")
        offered = {str(pk) for _label, group in self.fields["measure"].choices if isinstance(group, list)
                   for pk, _name in group}
        if measure and str(measure.pk) not in offered:
            raise ValidationError(_("Choose one of the measures offered."))
        return measure


class ResolutionForm(MeasureChoiceMixin, TrackedRowForm):
    class Meta:
        model = Resolution
        fields = ["text", "votes_for", "votes_against", "votes_abstained", "measure"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures
        self.fields["measure"].required = False


class ResolutionFormSet(MeetingRowsFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.number is not None:
                raise ValidationError(_("Resolution %(reference)s is numbered and stays on record; change its "
                                        "text instead.") % {"reference": form.instance.reference})


ResolutionFormSetClass = inlineformset_factory(Meeting, Resolution, form=ResolutionForm, formset=ResolutionFormSet,
                                               extra=1, can_delete=True)


class TaskForm(MeasureChoiceMixin, TrackedRowForm):
    class Meta:
        model = Task
        fields = ["title", "description", "responsible", "due_on", "status", "measure", "resolution"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_on": DATE_WIDGET,
        }

    def __init__(self, *args, measures, people, resolutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures
        # The querysets validate what is chosen; the lists, read once for all the tasks, are shown.
        self.fields["responsible"].queryset, self.fields["responsible"].choices = people
        self.fields["resolution"].queryset, self.fields["resolution"].choices = resolutions


def _choices(queryset, label=str):
    """A queryset and its choices read once, for the forms of a formset to share."""
    return queryset, [("", "---------"), *((obj.pk, label(obj)) for obj in queryset)]


def _resolution_label(resolution):
    return resolution.reference or _("draft resolution: %(text)s") % {"text": resolution.text[:60]}


TaskFormSet = inlineformset_factory(Meeting, Task, form=TaskForm, formset=MeetingRowsFormSet, fk_name="meeting",
                                    extra=1, can_delete=True)


class MinutesEditor:
    """Everything the minutes workspace edits, as one form: the minutes (`form`) and the formsets of
    attendance, agenda items, resolutions and tasks. Saved in one transaction, refused as a whole
    when the minutes moved on since the editor was opened (their revision)."""

    def __init__(self, minutes, by, data=None, correction=False):
        self.minutes, self.meeting, self.by, self.correction = minutes, minutes.meeting, by, correction
        meeting = self.meeting
        form_class = CorrectionForm if correction else MinutesForm
        self.form = form_class(data, instance=minutes, meeting=meeting)
        also = [pk for pk in [*meeting.resolutions.values_list("measure", flat=True),
                              *meeting.tasks.values_list("measure", flat=True)] if pk]
        measures = current_measures(meeting.group, also)
        self.attendance = AttendanceFormSet(data, instance=meeting, prefix="attendance",
                                            queryset=meeting.invitations.select_related("person"))
        self.agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
        self.resolutions = ResolutionFormSetClass(data, instance=meeting, prefix="resolutions",
                                                  queryset=meeting.resolutions.select_related("group").order_by(
                                                      "position", "pk"),
                                                  form_kwargs={"measures": measures})
        self.tasks = TaskFormSet(data, instance=meeting, prefix="tasks",
                                 queryset=meeting.tasks.order_by("pk"),
                                 form_kwargs={
                                     "measures": measures, "people": _choices(responsible_people(meeting)),
                                     "resolutions": _choices(meeting.resolutions.select_related("group").order_by(
                                         "position", "pk"), _resolution_label)})
        for formset in self.formsets:
            formset.editor = by

    @property
    def formsets(self):
        return [self.attendance, self.agenda, self.resolutions, self.tasks]

    def is_valid(self):
        return all([self.form.is_valid(), *(formset.is_valid() for formset in self.formsets)])

    def save(self):
        """Save it all; returns the Conflict when someone saved the minutes (or one of their
        resolutions or tasks) since the editor was opened, else None.
        A correction also freezes the new version (and queues its PDF) in the same transaction.

        Raises ValidationError when the minutes' status no longer allows this kind of save."""
        try:
            with transaction.atomic():
                self._save()
        except StaleEdit as stale:
            return stale.conflict
        return None

    def _save(self):
        current = Minutes.locked(self.minutes.pk, self.form.cleaned_data.get("revision"))
        if current.is_approved and not self.correction:
            raise ValidationError(_("The minutes are approved; they change only by a correction with its reason."))
        if self.correction and not current.is_approved:
            raise ValidationError(_("The minutes are still a draft; edit them directly."))
        before = current.tracked_values(["introduction"])
        minutes = self.form.save(commit=False)
        minutes.status, minutes.revision = current.status, current.revision
        minutes.save_change(self.by, update_fields=["introduction"])
        for formset in self.formsets:
            formset.save()
        guests = self.form.cleaned_data["other_participants"]
        meeting = Meeting.objects.select_for_update().get(pk=self.meeting.pk)
        if meeting.guests_count != guests:
            meeting_before = meeting.tracked_values(["guests_count"])
            meeting.guests_count = guests
            meeting.save_change(self.by, update_fields=["guests_count"])
            meeting.log_change(self.by, "meeting.change", before=meeting_before)
        minutes.log_change(self.by, "minutes.change", before=before)
        if self.correction:
            correct_minutes(minutes, self.by, self.form.cleaned_data["note"])

    def after_conflict(self, conflict):
        """The editor again with everything typed, now carrying the current revisions of the minutes
        and their rows: after reading what changed, saving again is a knowing overwrite."""
        data = self.form.data.copy()
        data["revision"] = Minutes.objects.values_list("revision", flat=True).get(pk=self.minutes.pk)
        for formset in (self.resolutions, self.tasks):
            data.update(formset.current_revisions())
        editor = MinutesEditor(self.minutes, self.by, data, correction=self.correction)
        editor.is_valid()
        return editor


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = MinutesAttachment
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = FileTypeValidator("documents").accept()
        self.fields["file"].help_text = _("PDF, DOCX, ODT, XLSX or ODS; checked by its content.")


class MeetingSuggestionForm(forms.ModelForm):
    """A suggestion raised at the meeting, entered straight into the agenda podnětů."""

    class Meta:
        model = Suggestion
        fields = ["text", "name", "organisation", "commenter_type"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Raised by"), "commenter_type": _("Raised as")}
        help_texts = {"name": _("Who raised it at the meeting; the name is not published.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commenter_type"].initial = SubmitterType.WORKING_GROUP

    def submit(self, meeting, by):
        return Suggestion.submit(by=by, meeting=meeting, group=meeting.group, **self.cleaned_data)
