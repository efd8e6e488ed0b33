"""Meetings of the groups and what comes of them: the agenda, who was invited and who came, the
minutes (a draft, then frozen versions), resolutions numbered per group and year, and tasks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models.groups import Group, Person
from kpss.actionlog import log_action
from kpss.files import FileTypeValidator, UnguessablePath
from kpss.numbering import next_number
from kpss.numbers import DecimalField
from kpss.tracking import TrackedChanges


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now(), status=Meeting.Status.PLANNED).order_by("starts_at")

    def held(self, now=None):
        """Meetings that took place: planned (not cancelled) and over."""
        return self.filter(ends_at__lt=now or timezone.now(), status=Meeting.Status.PLANNED)


class Meeting(TrackedChanges):
    """A meeting of a group (jednání), a workshop, a seminar, a public meeting or a meeting of mayors."""

    class Kind(models.TextChoices):
        GROUP_MEETING = "meeting", _("group meeting")
        WORKSHOP = "workshop", _("workshop")
        SEMINAR = "seminar", _("seminar")
        PUBLIC_MEETING = "public", _("public meeting")
        MAYORS = "mayors", _("meeting of mayors")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("number"), editable=False, help_text=_("The group's meetings in order."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GROUP_MEETING)
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Leave empty for “3. jednání Pracovní skupiny …”."),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED,
                              editable=False)
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=300, blank=True, editable=False)
    # RFC 5545: calendars replace an event they hold when its SEQUENCE is higher.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_public = models.BooleanField(
        _("public"), default=True,
        help_text=_("Listed on the public pages and calendars; its approved minutes are published."),
    )
    # Workshops and seminars
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    lecturer = models.CharField(_("lecturer"), max_length=200, blank=True)
    hours = DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True,
                         help_text=_("Length of the programme, for the funder's targets; e.g. 6,5."))
    guests_count = models.PositiveIntegerField(_("other participants"), default=0,
                                               help_text=_("People who came but are not on the list."))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="unique_meeting_number")]

    def __str__(self):
        return self.title or _("%(number)s. meeting of %(group)s") % {"number": self.number, "group": self.group}

    def get_absolute_url(self):
        return reverse("groups:meeting_detail", args=[self.group.slug, self.pk])

    def log_contexts(self):
        return [(Group, self.group_id)]

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None):
        return self.ends_at < (now or timezone.now())

    def reschedule(self, by, starts_at, ends_at, place=None, online_url=None):
        """Move the meeting (locked): calendars learn of it by the raised SEQUENCE. Returns whether
        anything changed."""
        with transaction.atomic():
            meeting = Meeting.objects.select_for_update().get(pk=self.pk)
            if meeting.is_cancelled:
                raise ValidationError(_("A cancelled meeting cannot be moved."))
            if ends_at <= starts_at:
                raise ValidationError({"ends_at": _("A meeting must end after it starts.")})
            before = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place,
                      "online_url": meeting.online_url}
            meeting.starts_at, meeting.ends_at = starts_at, ends_at
            if place is not None:
                meeting.place = place
            if online_url is not None:
                meeting.online_url = online_url
            after = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place,
                     "online_url": meeting.online_url}
            if before == after:
                return False
            meeting.sequence += 1
            meeting.save(update_fields=["starts_at", "ends_at", "place", "online_url", "sequence", "updated_at"])
            log_action(meeting, "meeting.moved", by, **{
                key: [str(before[key]), str(after[key])] for key in before if before[key] != after[key]})
        self.refresh_from_db()
        return True

    def cancel(self, by, reason):
        """Cancel the meeting (locked): it stays listed as cancelled, and calendars strike it out."""
        with transaction.atomic():
            meeting = Meeting.objects.select_for_update().get(pk=self.pk)
            if meeting.is_cancelled:
                raise ValidationError(_("The meeting is already cancelled."))
            if meeting.has_ended():
                raise ValidationError(_("A meeting that took place cannot be cancelled."))
            meeting.status = Meeting.Status.CANCELLED
            meeting.cancel_reason = reason
            meeting.sequence += 1
            meeting.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
            log_action(meeting, "meeting.cancelled", by, reason=reason)
        self.refresh_from_db()

    @property
    def participants(self):
        """How many took part: members and invited guests present, and the other participants."""
        present = sum(1 for invitation in self.invitations.all() if invitation.attendance == Invitation.PRESENT)
        return present + self.guests_count


class AgendaItem(models.Model):
    """One point of a meeting's agenda, and what the minutes record of it (Markdown)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("agenda item"), max_length=300)
    record = models.TextField(
        _("minutes of this item"), blank=True,
        help_text=_("What was discussed and agreed. Markdown: a blank line starts a paragraph, - a list item."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """Who is invited to a meeting (the group's members by default, and guests) and whether they came."""

    INVITED, PRESENT, EXCUSED, ABSENT = "invited", "present", "excused", "absent"
    ATTENDANCE = [
        (INVITED, _("invited")), (PRESENT, _("present")), (EXCUSED, _("excused")), (ABSENT, _("absent")),
    ]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="invitations")
    is_guest = models.BooleanField(_("guest"), default=False)
    attendance = models.CharField(_("attendance"), max_length=10, choices=ATTENDANCE, default=INVITED)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["is_guest", "person__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_invitation")]

    def __str__(self):
        return f"{self.person} – {self.meeting}"


class Minutes(TrackedChanges):
    """The minutes (zápis) of a meeting: a draft the chair or secretary writes, then approved by the
    chair and frozen in a version; a later correction is a new version with its reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
                              editable=False)
    introduction = models.TextField(_("introduction"), blank=True,
                                    help_text=_("E.g. who chaired and who wrote the minutes. Markdown."))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                                    related_name="+")

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return _("Minutes of %(meeting)s") % {"meeting": self.meeting}

    def log_contexts(self):
        return [(Meeting, self.meeting_id), (Group, self.meeting.group_id)]

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def approve(self, by):
        """Approve the draft (locked): resolutions get their numbers per group and year, and the minutes
        are frozen in version 1. Returns that version. Raises ValidationError when not possible."""
        with transaction.atomic():
            minutes = Minutes.objects.select_for_update().select_related("meeting__group").get(pk=self.pk)
            if minutes.is_approved:
                raise ValidationError(_("The minutes are already approved."))
            meeting = minutes.meeting
            if meeting.is_cancelled:
                raise ValidationError(_("A cancelled meeting has no minutes to approve."))
            if not meeting.has_ended():
                raise ValidationError(_("Minutes can be approved only after the meeting."))
            minutes.number_resolutions()
            minutes.status = Minutes.Status.APPROVED
            minutes.approved_at = timezone.now()
            minutes.approved_by = by
            minutes.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
            version = MinutesVersion.freeze(minutes, MinutesVersion.Reason.APPROVAL, by)
            log_action(minutes, "minutes.approved", by, version=version.number)
        self.refresh_from_db()
        return version

    def number_resolutions(self):
        """Give the meeting's unnumbered resolutions the next numbers of the group's year; call with
        the minutes locked, in the transaction that approves or corrects them."""
        meeting = self.meeting
        # The group row is the lock of its numbering: two approvals in one group take turns here.
        group = Group.objects.select_for_update().get(pk=meeting.group_id)
        year = timezone.localtime(meeting.starts_at).year
        numbered = Resolution.objects.filter(group=group, year=year)
        for resolution in meeting.resolutions.filter(number__isnull=True).order_by("position", "pk"):
            resolution.year, resolution.number = year, next_number(numbered)
            resolution.save(update_fields=["year", "number", "updated_at"])

    def correct(self, by, note):
        """After approval the minutes change only by a correction: the current state (edited by the
        recorders since) is frozen as a new version, with its reason, and logged."""
        if not note.strip():
            raise ValidationError({"note": _("Say why the minutes are corrected.")})
        with transaction.atomic():
            minutes = Minutes.objects.select_for_update().get(pk=self.pk)
            if not minutes.is_approved:
                raise ValidationError(_("Only approved minutes are corrected; a draft is simply edited."))
            # A resolution the first version missed gets its number now, after those already given.
            minutes.number_resolutions()
            version = MinutesVersion.freeze(minutes, MinutesVersion.Reason.CORRECTION, by, note=note)
            log_action(minutes, "minutes.corrected", by, version=version.number, note=note)
        self.refresh_from_db()
        return version


class MinutesVersion(models.Model):
    """The minutes frozen when approved, and at each correction: what the public page and the PDF show.

    Never changed after it is made, like a plan's version.
    """

    class Reason(models.TextChoices):
        APPROVAL = "approval", _("approved")
        CORRECTION = "correction", _("corrected")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("reason for the correction"), blank=True)
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                   on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("version of minutes")
        verbose_name_plural = _("versions of minutes")
        ordering = ["minutes", "number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="unique_minutes_version")]

    def __str__(self):
        return f"{self.minutes} – {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.minutes.meeting.get_absolute_url()

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published version cannot be deleted."))

    @classmethod
    def freeze(cls, minutes, reason, by, note=""):
        """The next version of `minutes` as they are now; call with the minutes locked."""
        from groups.versions import minutes_snapshot

        return cls.objects.create(
            minutes=minutes, number=next_number(cls.objects.filter(minutes=minutes)), reason=reason, note=note,
            snapshot=minutes_snapshot(minutes), created_by=by if by and by.is_authenticated else None,
        )


class MinutesAttachment(models.Model):
    """A document attached to the minutes (presentation, attendance sheet): checked by its content."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=UnguessablePath("minutes"), max_length=255,
                            validators=[FileTypeValidator("documents")])
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_download_url(self):
        meeting = self.minutes.meeting
        return reverse("groups:attachment_download", args=[meeting.group.slug, meeting.pk, self.pk])


class Resolution(TrackedChanges):
    """An usnesení of a group, passed at a meeting: numbered per group and year when the minutes are
    approved ("PS SEN 3/2026"), with the vote if it was counted."""

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="resolutions")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="resolutions")
    position = models.PositiveIntegerField(_("order"), default=0)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    text = models.TextField(_("text of the resolution"))
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("abstained"), null=True, blank=True)
    measure = models.ForeignKey("planning.Measure", verbose_name=_("concerns measure"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="resolutions")

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["group", "-year", "-number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "year", "number"], condition=Q(number__isnull=False),
                                    name="unique_resolution_number"),
        ]

    def __str__(self):
        return self.reference or str(_("draft resolution"))

    @property
    def reference(self):
        """The number people quote, e.g. "PS SEN 3/2026"; empty until the minutes are approved."""
        if self.number is None:
            return ""
        return f"{self.group.short_name} {self.number}/{self.year}"

    def log_contexts(self):
        return [(Group, self.group_id), (Meeting, self.meeting_id)]


class Task(TrackedChanges):
    """An úkol handed out at a meeting (or by a resolution): who does it, by when, and where it stands."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="tasks")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="tasks")
    resolution = models.ForeignKey(Resolution, verbose_name=_("resolution"), on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="tasks")
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(Person, verbose_name=_("responsible"), on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="tasks")
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    measure = models.ForeignKey("planning.Measure", verbose_name=_("concerns measure"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="tasks")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def log_contexts(self):
        return [(Group, self.group_id), (Meeting, self.meeting_id)]

    def is_overdue(self, day=None):
        return bool(self.due_on and self.status in self.OPEN_STATUSES and self.due_on < (day or timezone.localdate()))

    def change_status(self, by, status, note="", expected_revision=None):
        """Move the task to `status` (locked) and log it with the old and new status and a note.

        StaleEdit when the task changed since the form carrying `expected_revision` was opened;
        ValidationError for an unknown status or the status it already has.
        """
        if status not in self.Status.values:
            raise ValidationError({"status": _("Unknown status.")})
        with transaction.atomic():
            task = Task.locked(self.pk, expected_revision)
            if task.status == status:
                raise ValidationError({"status": _("The task already has this status.")})
            before = task.tracked_values(["status"])
            previous = task.status
            task.status = status
            task.save_change(by, update_fields=["status"])
            task.log_change(by, "task.status", before=before, from_status=previous, to_status=status, note=note)
        self.refresh_from_db()
