"""The funder's meeting targets: progress per key activity and group, and the CSV for the monitoring report."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from groups.access import group_staff_required, groups_for_staff
from groups.models import KeyActivity, MeetingTarget
from groups.targets import meeting_hours, meeting_participants, progress_of
from kpss.exports import csv_response
from kpss.permissions import coordinator_required


@group_staff_required
def targets_overview(request):
    """Required vs held meetings per key activity and group: every group for the coordinator and
    the steering group, their own groups for members; `?skupina=<slug>` narrows it to one group."""
    groups = groups_for_staff(request.user)
    group = None
    if slug := request.GET.get("skupina"):
        group = get_object_or_404(groups, slug=slug)
        groups = groups.filter(pk=group.pk)
    targets = MeetingTarget.objects.filter(group__in=groups).select_related("key_activity", "group").order_by(
        "key_activity__starts_on", "key_activity__code", "group__order", "group__name",
    )
    activities = {}
    for progress in progress_of(targets):
        activities.setdefault(progress.target.key_activity, []).append(progress)
    return render(request, "groups/tracker/targets_overview.html", {
        "activities": activities.items(), "group": group,
        "groups": groups_for_staff(request.user).order_by("order", "name"),
    })


@coordinator_required
def targets_csv(request, pk):
    """One row per meeting that counts towards the key activity's targets, for the funder's report."""
    key_activity = get_object_or_404(KeyActivity, pk=pk)
    targets = key_activity.targets.select_related("key_activity", "group").order_by("group__order", "group__name")
    if not targets:
        raise Http404("The key activity has no targets.")
    return csv_response(_csv_rows(progress_of(targets)), f"cile-jednani-{key_activity.pk}")


def _csv_rows(progresses):
    yield [_("Key activity"), _("Group"), _("Meeting"), _("Date"), _("Starts"), _("Ends"), _("Kind"), _("Hours"),
           _("Participants")]
    for progress in progresses:
        key_activity = progress.target.key_activity
        for meeting in progress.counted:
            starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
            yield [str(key_activity), meeting.group.name, str(meeting), starts.strftime("%d.%m.%Y"),
                   starts.strftime("%H:%M"), ends.strftime("%H:%M"), meeting.get_kind_display(),
                   number_format(meeting_hours(meeting), 1), meeting_participants(meeting)]
