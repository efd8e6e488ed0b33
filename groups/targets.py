"""Counting the funder's meeting targets: which meetings of a group count towards a MeetingTarget.

A meeting counts when it took place (not cancelled, already over), is of one of the target's kinds
(none listed: any kind), started within the key activity's period (its days in Europe/Prague, both
ends included), lasted at least `min_hours` (the workshop's hours, or else the time from its start to
its end) and had at least `min_participants` (members and guests marked present, and the other
participants counted at the door).

All targets are counted from one query of meetings, however many targets and groups there are.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from groups.models import Invitation, Meeting


@dataclass
class TargetProgress:
    """How far a group has got with one target: the meetings that count and those still planned."""

    target: object
    counted: list = field(default_factory=list)
    upcoming: int = 0

    @property
    def held(self):
        return len(self.counted)

    @property
    def required(self):
        return self.target.required_count

    @property
    def percent(self):
        """Held of required in whole per cent, at most 100 (a target can be exceeded)."""
        if not self.required:
            return 100
        return min(100, round(100 * self.held / self.required))

    @property
    def is_met(self):
        return self.held >= self.required


def meeting_hours(meeting):
    """The meeting's hours for the targets: those recorded, or else its length from start to end."""
    if meeting.hours is not None:
        return Decimal(meeting.hours)
    # Not rounded: a meeting of 5 h 57 min is not a meeting of 6 hours.
    return Decimal((meeting.ends_at - meeting.starts_at).total_seconds()) / 3600


def meeting_participants(meeting):
    """Members and guests present, and the other participants; needs the `present` annotation."""
    return meeting.present + meeting.guests_count


def period_bounds(key_activity):
    """The key activity's period as aware datetimes [start, end) in the portal's time zone (Europe/Prague)."""
    start = timezone.make_aware(datetime.datetime.combine(key_activity.starts_on, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(key_activity.ends_on + datetime.timedelta(days=1),
                                                        datetime.time.min))
    return start, end


def meets_minimums(target, meeting):
    """Whether `meeting` (annotated with `present`) lasted long enough and had enough participants."""
    return ((target.min_hours is None or meeting_hours(meeting) >= target.min_hours)
            and (target.min_participants is None or meeting_participants(meeting) >= target.min_participants))


def candidate_meetings(targets):
    """The not-cancelled meetings of the targets' groups within their periods, with the count of
    those present: one query for all the targets."""
    targets = list(targets)
    if not targets:
        return []
    bounds = [period_bounds(target.key_activity) for target in targets]
    return list(
        Meeting.objects.filter(
            group__in={target.group_id for target in targets}, status=Meeting.Status.PLANNED,
            starts_at__gte=min(start for start, _end in bounds), starts_at__lt=max(end for _start, end in bounds),
        ).select_related("group").annotate(
            present=Count("invitations", filter=Q(invitations__attendance=Invitation.PRESENT)),
        ).order_by("starts_at", "pk")
    )


def progress_of(targets, now=None):
    """A TargetProgress for each of `targets` (with their key activity and group loaded), in order."""
    now = now or timezone.now()
    targets = list(targets)
    by_group = {}
    for meeting in candidate_meetings(targets):
        by_group.setdefault(meeting.group_id, []).append(meeting)
    progress = []
    for target in targets:
        start, end = period_bounds(target.key_activity)
        in_scope = [meeting for meeting in by_group.get(target.group_id, [])
                    if start <= meeting.starts_at < end and (not target.kinds or meeting.kind in target.kinds)]
        progress.append(TargetProgress(
            target=target,
            counted=[meeting for meeting in in_scope if meeting.ends_at < now and meets_minimums(target, meeting)],
            upcoming=sum(1 for meeting in in_scope if meeting.ends_at >= now),
        ))
    return progress
