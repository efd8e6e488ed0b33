"""Staff pages of the groups' meetings before they take place: the groups' overview, planning a
meeting, its staff page, editing, moving and cancelling it, and whom it invites.

Members and the steering group read these pages; the group's chair, deputy chair and secretary
(and the coordinator) change them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.access import (
    get_group_for_recording,
    get_meeting_for_recording,
    get_meeting_for_staff,
    group_staff_required,
    groups_for_staff,
    may_record,
    recording_group_ids,
)
from groups.forms import (
    CancelMeetingForm,
    InviteGuestForm,
    MeetingForm,
    NewGuestFormSet,
    PlanMeetingForm,
    new_guests_of,
)
from groups.models import Meeting, Minutes
from groups.services import cancel_meeting, invite_guests, plan_meeting, remove_invitation, update_meeting
from kpss.tracking import form_after_conflict


def _manage_url(meeting):
    return reverse("groups:meeting_manage", args=[meeting.group.slug, meeting.pk])


def _posted(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error):
    """A ValidationError of a model or service, shown next to the form's field or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@group_staff_required
def staff_index(request):
    """The groups the user reads, each with its coming meetings and the held ones whose minutes wait
    for approval."""
    groups = list(groups_for_staff(request.user).active().order_by("order", "name"))
    now = timezone.now()
    meetings = Meeting.objects.filter(group__in=groups).filter(
        Q(ends_at__gte=now, status=Meeting.Status.PLANNED)
        | Q(ends_at__lt=now, status=Meeting.Status.PLANNED, minutes__status=Minutes.Status.DRAFT),
    ).order_by("starts_at")
    recording = recording_group_ids(request.user)
    for group in groups:
        group.upcoming, group.unapproved, group.recorded = [], [], group.pk in recording
    by_group = {group.pk: group for group in groups}
    for meeting in meetings:
        group = by_group[meeting.group_id]
        meeting.group = group  # the group is at hand: no query per meeting for its slug
        (group.upcoming if meeting.ends_at >= now else group.unapproved).append(meeting)
    return render(request, "groups/staff/index.html", {"groups": groups})


@group_staff_required
def meeting_create(request, slug):
    group = get_group_for_recording(request.user, slug)
    form = PlanMeetingForm(_posted(request), instance=Meeting(group=group), group=group)
    guests = NewGuestFormSet(_posted(request), prefix="novy-host")
    if request.method == "POST" and form.is_valid() and guests.is_valid():
        data = form.cleaned_data
        try:
            meeting = plan_meeting(
                group, request.user, agenda_titles=form.agenda_titles(), guests=data["guests"],
                invite_members=data["invite_members"], new_guests=new_guests_of(guests), **form.meeting_fields(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned and the invitations are on their way."))
            return redirect(_manage_url(meeting))
    return render(request, "groups/staff/meeting_form.html", {
        "group": group, "form": form, "guests": guests, "title": _("Plan a meeting"),
        "cancel_url": reverse("groups:staff_index"),
    })


@group_staff_required
def meeting_manage(request, slug, pk):
    """A meeting as its group sees it before and after: details, agenda, who is invited and came."""
    return _manage_page(request, get_meeting_for_staff(request.user, slug, pk))


def _manage_page(request, meeting, invite_form=None):
    records = may_record(request.user, meeting.group)
    coming = not meeting.is_cancelled and not meeting.has_ended()
    if invite_form is None and records and coming:
        invite_form = InviteGuestForm(meeting=meeting)
    return render(request, "groups/staff/meeting_manage.html", {
        "meeting": meeting, "group": meeting.group, "records": records, "coming": coming,
        "started": meeting.has_started(),
        "agenda": meeting.agenda.all(),
        "invitations": _with_organisations(meeting),
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "invite_form": invite_form,
    }, status=400 if invite_form is not None and invite_form.errors else 200)


def _with_organisations(meeting):
    """The invited, each with the organisation they sit for in the group (their seat's, else their own)."""
    seats = dict(meeting.group.memberships.exclude(organisation="").values_list("person_id", "organisation"))
    invitations = list(meeting.invitations.select_related("person"))
    for invitation in invitations:
        invitation.organisation = seats.get(invitation.person_id) or invitation.person.organisation
    return invitations


@group_staff_required
def meeting_edit(request, slug, pk):
    """The meeting's details and agenda; a new time or place moves it, and the invited are told."""
    meeting = get_meeting_for_recording(request.user, slug, pk)
    if meeting.is_cancelled:
        raise PermissionDenied("A cancelled meeting is not edited.")
    form = MeetingForm(_posted(request), instance=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            conflict = update_meeting(meeting, request.user, form.cleaned_data.get("revision"),
                                      form.meeting_fields(), form.agenda_titles())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if conflict is None:
                messages.success(request, _("Saved."))
                return redirect(_manage_url(meeting))
            form = form_after_conflict(form, conflict)
    return render(request, "groups/staff/meeting_form.html", {
        "group": meeting.group, "meeting": meeting, "form": form, "conflict": conflict,
        "title": _("Edit the meeting"), "cancel_url": _manage_url(meeting),
    }, status=409 if conflict else 200)


@group_staff_required
def meeting_cancel(request, slug, pk):
    meeting = get_meeting_for_recording(request.user, slug, pk)
    if meeting.is_cancelled or meeting.has_ended():
        raise PermissionDenied("Only a coming meeting is cancelled.")
    form = CancelMeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            cancel_meeting(meeting, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting is cancelled and the invited are told."))
            return redirect(_manage_url(meeting))
    return render(request, "groups/staff/meeting_cancel.html", {
        "meeting": meeting, "group": meeting.group, "form": form,
    })


@group_staff_required
@require_POST
def invitation_add(request, slug, pk):
    """Invite one more person to a coming meeting; a form of the meeting's page."""
    meeting = get_meeting_for_recording(request.user, slug, pk)
    form = InviteGuestForm(request.POST, meeting=meeting)
    if form.is_valid():
        person, new_guest = form.cleaned_data.get("person"), form.person_fields()
        try:
            invite_guests(meeting, request.user, guests=[person] if person else [],
                          new_guests=[new_guest] if new_guest else [])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Invited."))
            return redirect(_manage_url(meeting))
    return _manage_page(request, meeting, invite_form=form)


@group_staff_required
@require_POST
def invitation_remove(request, slug, pk, invitation_pk):
    meeting = get_meeting_for_recording(request.user, slug, pk)
    invitation = get_object_or_404(meeting.invitations.select_related("person"), pk=invitation_pk)
    try:
        remove_invitation(invitation, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s is no longer invited.") % {"person": invitation.person})
    return redirect(_manage_url(meeting))
