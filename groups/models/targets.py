"""The funder's targets for meetings (klíčové aktivity): how many meetings of which kind each group
holds in a period, and which count (long enough, with enough people)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models.groups import Group
from groups.models.meetings import Meeting
from kpss.numbers import DecimalField
from kpss.tracking import TrackedChanges


class KeyActivity(TrackedChanges):
    """A key activity of the project that funds the planning, e.g. "KA 01 Činnost pracovních skupin"."""

    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. KA 01."))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("key activity")
        verbose_name_plural = _("key activities")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})


class MeetingTarget(TrackedChanges):
    """How many meetings of `kinds` a group is to hold in its key activity's period; a meeting counts
    when it took place (not cancelled, over) and meets the minimums set here."""

    key_activity = models.ForeignKey(KeyActivity, verbose_name=_("key activity"), on_delete=models.CASCADE,
                                     related_name="targets")
    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="targets")
    kinds = models.JSONField(_("kinds of meetings that count"), default=list,
                             help_text=_("Empty: every kind counts."))
    required_count = models.PositiveIntegerField(_("number of meetings"))
    min_hours = DecimalField(_("at least hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    min_participants = models.PositiveIntegerField(_("at least participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting target")
        verbose_name_plural = _("meeting targets")
        ordering = ["key_activity", "group"]

    def __str__(self):
        return f"{self.key_activity.code}: {self.group} – {self.required_count}"

    @property
    def kind_labels(self):
        """The names of the kinds that count, in the order of Meeting.Kind."""
        return [label for value, label in Meeting.Kind.choices if value in (self.kinds or [])]

    def clean(self):
        unknown = set(self.kinds or []) - set(Meeting.Kind.values)
        if unknown:
            raise ValidationError({"kinds": _("Unknown kinds of meetings: %(kinds)s.") % {
                "kinds": ", ".join(sorted(unknown)),
            }})
