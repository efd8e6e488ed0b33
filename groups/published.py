"""What other apps' public pages show of the groups: upcoming meetings (home page), the minutes'
PDFs (documents page), the meetings of the calendar feeds, and the resolutions and tasks that name
a plan measure (the chain minutes → resolution → task → measure)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from groups.access import current_groups, meetings_for, public_meetings, reads_all_groups
from groups.documents import MinutesLayout
from groups.models import Minutes, MinutesVersion, Resolution, Task

# How far back the calendar feeds reach; calendars keep what they once fetched.
FEED_HISTORY = timedelta(days=365)


def upcoming_public_meetings(limit=5):
    """The next public meetings of active groups, for the home page."""
    return public_meetings().upcoming().select_related("group")[:limit]


def feed_meetings(group=None):
    """What the public calendars hold: public meetings of active groups from a year back on,
    cancelled ones included (so calendars strike them out)."""
    meetings = public_meetings().filter(ends_at__gte=timezone.now() - FEED_HISTORY)
    if group is not None:
        meetings = meetings.filter(group=group)
    return meetings.select_related("group").prefetch_related("agenda").order_by("starts_at")


def published_minutes():
    """The newest version of each approved public minutes, with its PDF as `.pdf`, as
    [(group, [(year, [version, …]), …]), …] – a constant number of queries."""
    from planning.documents import with_pdfs

    versions = (
        MinutesVersion.objects.filter(
            minutes__status=Minutes.Status.APPROVED, minutes__meeting__in=public_meetings(),
        )
        .defer("snapshot").select_related("minutes__meeting__group")
        .order_by("minutes__meeting__group__order", "minutes__meeting__group__name", "-minutes__meeting__starts_at",
                  "minutes_id", "-number")
    )
    newest = with_pdfs(_newest_of_each(versions), MinutesLayout.name)
    groups = {}
    for version in newest:
        meeting = version.minutes.meeting
        years = groups.setdefault(meeting.group, {})
        years.setdefault(timezone.localtime(meeting.starts_at).year, []).append(version)
    return [(group, list(years.items())) for group, years in groups.items()]


def _published_or_readable(user):
    """Rows of a meeting whose minutes are approved, or of a group whose drafts `user` reads."""
    approved = Q(meeting__minutes__status=Minutes.Status.APPROVED)
    if reads_all_groups(user):
        return Q()
    groups = list(current_groups(user))
    return approved | Q(meeting__group__in=groups) if groups else approved


def resolutions_of_measure(user):
    """Resolutions that may be listed on a measure's page for `user`: approved ones of meetings they
    read (drafts too for those who read the group's drafts)."""
    return Resolution.objects.filter(
        _published_or_readable(user), meeting__in=meetings_for(user),
    ).select_related("group", "meeting__group").order_by("-year", "-number", "pk")


def tasks_of_measure(user):
    """Tasks that may be listed on a measure's page for `user`: from approved minutes of meetings
    they read (drafts too for those who read the group's drafts)."""
    return Task.objects.filter(
        _published_or_readable(user), meeting__in=meetings_for(user),
    ).select_related("group", "meeting__group", "resolution__group", "responsible").order_by("due_on", "pk")


def newest_minutes_pdfs(meetings):
    """{meeting pk: the PDF document of the newest version of its minutes} for `meetings` that have
    one (two queries)."""
    from planning.documents import with_pdfs

    versions = MinutesVersion.objects.filter(minutes__meeting__in=[meeting.pk for meeting in meetings]).defer(
        "snapshot").select_related("minutes").order_by("minutes_id", "-number")
    newest = with_pdfs(_newest_of_each(versions), MinutesLayout.name)
    return {version.minutes.meeting_id: version.pdf for version in newest if version.pdf is not None}


def _newest_of_each(versions):
    """The first version of each minutes in `versions`, which come newest first within each minutes."""
    newest, seen = [], set()
    for version in versions:
        if version.minutes_id not in seen:
            seen.add(version.minutes_id)
            newest.append(version)
    return newest
