"""Public pages of the groups: the list, a group with its meetings and minutes, a meeting."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.access import get_meeting_for_reader, may_read_drafts, meetings_for
from groups.models import Group, Membership, Minutes
from kpss.history import history_page
from kpss.permissions import coordinator_required, public


@public
def group_list(request):
    today = timezone.localdate()
    current = Q(memberships__in=Membership.objects.current(today))
    groups = Group.objects.active(today).annotate(member_count=Count("memberships", filter=current, distinct=True))
    return render(request, "groups/group_list.html", {"groups": groups})


@public
def group_detail(request, slug):
    """A group: what it does, its public members, upcoming meetings and the archive of its minutes."""
    group = get_object_or_404(Group.objects.active(), slug=slug)
    meetings = meetings_for(request.user).filter(group=group).select_related("minutes")
    now = timezone.now()
    return render(request, "groups/group_detail.html", {
        "group": group,
        "members": group.memberships.current().filter(publish_name=True).select_related("person"),
        "upcoming": meetings.upcoming(now),
        "held": meetings.filter(ends_at__lt=now).order_by("-starts_at"),
        "reads_drafts": may_read_drafts(request.user, group),
    })


@public
def meeting_detail(request, slug, pk):
    """A meeting: when and where, and its minutes once approved (drafts for those who read them)."""
    meeting = get_meeting_for_reader(request.user, slug, pk)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("versions").first()
    version = minutes.versions.last() if minutes else None
    return render(request, "groups/meeting_detail.html", {
        "meeting": meeting, "group": meeting.group, "minutes": minutes, "version": version,
        "snapshot": version.snapshot if version else None,
        "reads_drafts": may_read_drafts(request.user, meeting.group),
        "agenda": meeting.agenda.all(),
    })


@coordinator_required
def group_history(request, pk):
    """Everything the group's members wrote and settled, and what was done to the group, newest first."""
    group = get_object_or_404(Group, pk=pk)
    return history_page(request, group, _("History of the group %(group)s") % {"group": group.name},
                        back_url=reverse("admin:groups_group_change", args=[group.pk]), back_label=group.name)
