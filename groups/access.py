"""Who may reach which group and meeting: rights come from current memberships of active groups.

A deactivated group's members keep their seats on record, but no rights: every check of group
roles goes through `current_groups`, read once per request.

- the public reads public meetings of active groups and the approved minutes of those;
- a member reads everything of their own groups, drafts included; the steering group reads every
  group's, since it approves what the groups propose; the coordinator reads and does everything;
- a group's chair, deputy chair or secretary plans its meetings, records attendance, writes and
  approves the minutes, resolutions and tasks; so does the coordinator.

Outsiders get 404 for another group's meetings (a 403 would tell them the meeting exists); a
member who may read a meeting but not record it gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.models import Group, Meeting, Membership, Task
from kpss.permissions import role_required


def current_groups(user):
    """{group id: group kind} of the user's current memberships, read once per request's user."""
    return {group_id: kind for group_id, (kind, _position) in _current_seats(user).items()}


def _current_seats(user):
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_current_seats", None)
    if cached is None:
        seats = Membership.objects.current().filter(person__user=user).values_list(
            "group_id", "group__kind", "position",
        )
        cached = {}
        for group_id, kind, position in seats:
            # A person holds one seat per group at a time; should two overlap, the recording one wins.
            if group_id not in cached or position in Membership.RECORDING_POSITIONS:
                cached[group_id] = (kind, position)
        user._current_seats = cached
    return cached


def is_group_member(user):
    return bool(current_groups(user))


def is_steering_member(user):
    return Group.Kind.STEERING in current_groups(user).values()


def member_groups(user):
    """The groups the user currently sits in, as a queryset."""
    return Group.objects.filter(pk__in=list(current_groups(user)))


def recording_group_ids(user):
    """The groups whose meetings `user` plans and records: all for the coordinator, else those where
    they are chair, deputy chair or secretary."""
    if user.is_authenticated and user.is_coordinator:
        return set(Group.objects.values_list("pk", flat=True))
    return {group_id for group_id, (_kind, position) in _current_seats(user).items()
            if position in Membership.RECORDING_POSITIONS}


def may_record(user, group):
    return group.pk in recording_group_ids(user)


def reads_all_groups(user):
    """The coordinator and the steering group read every group's meetings and drafts."""
    return user.is_authenticated and (user.is_coordinator or is_steering_member(user))


def public_meetings():
    """The meetings everyone may open: the public ones of active groups."""
    return Meeting.objects.filter(is_public=True, group__in=Group.objects.active())


def meetings_for(user):
    """Meetings the user may open: public ones of active groups for everyone, and every meeting of
    the groups they read (drafts and non-public meetings included)."""
    public = public_meetings()
    if reads_all_groups(user):
        return Meeting.objects.all()
    groups = list(current_groups(user))
    if groups:
        return Meeting.objects.filter(pk__in=public.values("pk")) | Meeting.objects.filter(group__in=groups)
    return public


def may_read_drafts(user, group):
    """Whether `user` reads the group's draft minutes and non-public meetings."""
    return reads_all_groups(user) or group.pk in current_groups(user)


def get_meeting_for_reader(user, slug, pk):
    """The meeting `pk` of group `slug` if `user` may open it; 404 otherwise."""
    return get_object_or_404(meetings_for(user).select_related("group"), group__slug=slug, pk=pk)


def get_meeting_for_staff(user, slug, pk):
    """The meeting `pk` of group `slug` on the staff pages: only for those who read the group's
    drafts (a public meeting of another group is still 404 here)."""
    meeting = get_meeting_for_reader(user, slug, pk)
    if not may_read_drafts(user, meeting.group):
        raise Http404
    return meeting


def get_meeting_for_recording(user, slug, pk):
    """The meeting `pk` of group `slug` if `user` records the group's meetings: 404 when they may not
    even read its drafts (a public meeting of another group included), 403 when they read it but do
    not record it."""
    meeting = get_meeting_for_staff(user, slug, pk)
    if not may_record(user, meeting.group):
        raise PermissionDenied("Only the group's chair, deputy chair or secretary and the coordinator record it.")
    return meeting


def get_group_for_recording(user, slug):
    """A group whose meetings `user` plans: 404 for groups they do not read, 403 for members who do
    not record."""
    group = get_object_or_404(Group, slug=slug)
    if not may_read_drafts(user, group):
        raise Http404
    if not may_record(user, group):
        raise PermissionDenied("Only the group's chair, deputy chair or secretary and the coordinator plan meetings.")
    return group


def is_group_staff(user):
    """The coordinator and the members of active groups: they reach the groups' staff pages."""
    return user.is_authenticated and (user.is_coordinator or is_group_member(user))


group_staff_required = role_required(is_group_staff, "group members")


def groups_for_staff(user):
    """The groups whose meetings and drafts `user` reads on the staff pages."""
    if reads_all_groups(user):
        return Group.objects.all()
    return member_groups(user)


def tasks_for(user):
    """The tasks of the groups `user` reads."""
    if reads_all_groups(user):
        return Task.objects.all()
    return Task.objects.filter(group__in=list(current_groups(user)))


def may_change_task(user, task, recording=None):
    """Who moves a task on: those who record its group's meetings, and the person responsible for
    it when they have a portal account (they know best whether it is done). `recording` is
    recording_group_ids(user), when the caller checks many tasks."""
    if recording is None:
        recording = recording_group_ids(user)
    if task.group_id in recording:
        return True
    return bool(task.responsible_id and user.is_authenticated and task.responsible.user_id == user.pk)


def get_task_for_status_change(user, pk):
    """The task `pk` if `user` may change its status: 404 when they do not read its group, 403 when
    they read it but neither record the group's meetings nor are responsible for the task."""
    task = get_object_or_404(tasks_for(user).select_related("group", "responsible", "meeting", "resolution__group"),
                             pk=pk)
    if not may_change_task(user, task):
        raise PermissionDenied("Only those who record the group's meetings and the responsible person change it.")
    return task
