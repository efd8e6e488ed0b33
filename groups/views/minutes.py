"""The minutes workspace: after a meeting its chair, deputy chair or secretary (or the coordinator)
records attendance, the minutes per agenda item, resolutions and tasks, attachments and the
suggestions raised, approves the minutes, and later corrects them with a reason.

Every view fetches the meeting through `get_meeting_for_recording`: outsiders get 404, members
who read the group's drafts but do not record them get 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.access import get_meeting_for_recording, group_staff_required
from groups.documents import MinutesLayout
from groups.forms_minutes import AttachmentForm, MeetingSuggestionForm, MinutesEditor
from groups.models import Minutes, MinutesAttachment, Resolution
from groups.services import approve_minutes
from kpss.actionlog import log_action
from kpss.models import PdfDocument


def _minutes_for_recording(request, slug, pk):
    """The minutes of a meeting the user records; a cancelled meeting has none (404)."""
    meeting = get_meeting_for_recording(request.user, slug, pk)
    if meeting.is_cancelled:
        raise Http404("A cancelled meeting has no minutes.")
    minutes, _created = Minutes.objects.select_related("meeting__group").get_or_create(meeting=meeting)
    return minutes


def _edit_url(minutes):
    meeting = minutes.meeting
    return reverse("groups:minutes_edit", args=[meeting.group.slug, meeting.pk])


def _workspace(request, minutes, editor, *, status=200, conflict=None, error=None, attachment_form=None,
               suggestion_form=None):
    meeting = minutes.meeting
    versions = list(minutes.versions.defer("snapshot").select_related("created_by"))
    pdf = PdfDocument.objects.for_source(versions[-1], MinutesLayout.name) if versions else None
    if pdf is not None:
        pdf.source = versions[-1]  # its download address is made of it, without fetching it again
    return render(request, "groups/minutes/workspace.html", {
        "meeting": meeting, "group": meeting.group, "minutes": minutes, "editor": editor,
        "started": meeting.has_started(), "conflict": conflict, "error": error,
        "attachments": minutes.attachments.all(),
        "attachment_form": attachment_form or AttachmentForm(),
        "suggestions": meeting.suggestions.order_by("number"),
        "suggestion_form": suggestion_form or MeetingSuggestionForm(),
        "versions": versions, "pdf": pdf,
        # Approved minutes are shown read-only as their newest version holds them.
        "snapshot": minutes.versions.last().snapshot if minutes.is_approved and editor is None else None,
    }, status=status)


def _save(request, minutes, correction):
    """Show the editor, or save what was posted; a correction also freezes a new version."""
    if request.method != "POST":
        return _workspace(request, minutes, MinutesEditor(minutes, request.user, correction=correction))
    editor = MinutesEditor(minutes, request.user, request.POST, correction=correction)
    if not minutes.meeting.has_started():
        return _workspace(request, minutes, editor, status=400,
                          error=_("The minutes can be recorded once the meeting has begun."))
    if not editor.is_valid():
        return _workspace(request, minutes, editor, status=400)
    try:
        conflict = editor.save()
    except ValidationError as refusal:
        return _workspace(request, minutes, editor, status=409, error=" ".join(refusal.messages))
    if conflict is not None:
        return _workspace(request, minutes, editor.after_conflict(conflict), status=409, conflict=conflict)
    messages.success(request, _("The minutes were corrected; the new version is published.") if correction
                     else _("Saved."))
    return redirect(_edit_url(minutes))


@group_staff_required
def minutes_edit(request, slug, pk):
    """The minutes' draft: attendance, text per agenda item, resolutions, tasks. Once approved, the
    page shows them read-only, with the versions and the way to a correction."""
    minutes = _minutes_for_recording(request, slug, pk)
    if minutes.is_approved:
        if request.method == "POST":
            # Approved while the user was typing: their text goes to the correction form, kept.
            editor = MinutesEditor(minutes, request.user, request.POST, correction=True)
            editor.is_valid()
            return _workspace(request, minutes, editor, status=409, error=_(
                "The minutes were approved in the meantime; they change only by a correction. Your text "
                "is kept below: give the reason for the correction and save."))
        return _workspace(request, minutes, None)
    return _save(request, minutes, correction=False)


@group_staff_required
def minutes_correct(request, slug, pk):
    """Approved minutes changed as a correction: the same editor, with the reason required."""
    minutes = _minutes_for_recording(request, slug, pk)
    if not minutes.is_approved:
        messages.info(request, _("The minutes are still a draft; edit them directly."))
        return redirect(_edit_url(minutes))
    return _save(request, minutes, correction=True)


@group_staff_required
def minutes_approve(request, slug, pk):
    """What approval freezes (the resolutions and the numbers they will get), and the approval."""
    minutes = _minutes_for_recording(request, slug, pk)
    meeting = minutes.meeting
    problems = []
    if minutes.is_approved:
        problems.append(_("The minutes are already approved."))
    elif not meeting.has_ended():
        problems.append(_("Minutes can be approved only after the meeting."))
    if request.method == "POST" and not problems:
        try:
            approve_minutes(minutes, request.user)
        except ValidationError as refusal:
            problems.extend(refusal.messages)
        else:
            messages.success(request, _("The minutes are approved and published; the members are told by e-mail."))
            return redirect(_edit_url(minutes))
    resolutions = list(meeting.resolutions.filter(number__isnull=True).order_by("position", "pk"))
    year = timezone.localtime(meeting.starts_at).year
    first = (Resolution.objects.filter(group=meeting.group, year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    for offset, resolution in enumerate(resolutions):
        resolution.expected_reference = f"{meeting.group.short_name} {first + offset}/{year}"
    return render(request, "groups/minutes/approve.html", {
        "meeting": meeting, "group": meeting.group, "minutes": minutes, "problems": problems,
        "resolutions": resolutions, "agenda": meeting.agenda.all(),
        "tasks": meeting.tasks.select_related("responsible"), "attachments": minutes.attachments.all(),
    }, status=400 if request.method == "POST" and problems else 200)


@group_staff_required
def minutes_attachments(request, slug, pk):
    """Upload an attachment to a draft (checked by its content and size)."""
    minutes = _minutes_for_recording(request, slug, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if minutes.is_approved:
            form.add_error(None, _("The minutes are approved; attachments can no longer be changed."))
        elif form.is_valid():
            with transaction.atomic():
                attachment = form.save(commit=False)
                attachment.minutes = minutes
                attachment.position = (minutes.attachments.aggregate(n=Max("position"))["n"] or 0) + 1
                attachment.save()
                log_action(minutes, "minutes.attachment_added", request.user, title=attachment.title)
            messages.success(request, _("Attached: %(title)s") % {"title": attachment.title})
            return redirect(_edit_url(minutes))
    return render(request, "groups/minutes/attachment.html", {
        "meeting": minutes.meeting, "group": minutes.meeting.group, "minutes": minutes, "form": form,
    }, status=status)


@group_staff_required
@require_POST
def minutes_attachment_delete(request, slug, pk, attachment_pk):
    minutes = _minutes_for_recording(request, slug, pk)
    attachment = get_object_or_404(MinutesAttachment, minutes=minutes, pk=attachment_pk)
    if minutes.is_approved:
        messages.error(request, _("The minutes are approved; attachments can no longer be changed."))
        return redirect(_edit_url(minutes))
    with transaction.atomic():
        log_action(minutes, "minutes.attachment_deleted", request.user, title=attachment.title)
        attachment.delete()
    attachment.file.delete(save=False)
    messages.success(request, _("Deleted: %(item)s") % {"item": attachment.title})
    return redirect(_edit_url(minutes))


@group_staff_required
def minutes_suggestion(request, slug, pk):
    """A suggestion raised at the meeting, entered into the agenda podnětů under the next number."""
    minutes = _minutes_for_recording(request, slug, pk)
    form = MeetingSuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        suggestion = form.submit(minutes.meeting, request.user)
        messages.success(request, _("The suggestion was entered under number %(number)s.") % {
            "number": suggestion.number})
        return redirect(_edit_url(minutes))
    return render(request, "groups/minutes/suggestion.html", {
        "meeting": minutes.meeting, "group": minutes.meeting.group, "minutes": minutes, "form": form,
    }, status=400 if request.method == "POST" else 200)
