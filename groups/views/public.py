"""Public pages of the groups: the list, a group with its meetings and minutes archive, a meeting
with its minutes, and a group's register of resolutions.

The public reads public meetings of active groups and only approved minutes, rendered from the
frozen version; members of a group, the steering group and the coordinator also read its drafts
(`groups.access`).
"""

from datetime import date

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.access import get_meeting_for_reader, may_read_drafts, meetings_for
from groups.documents import MinutesLayout
from groups.models import Group, Membership, Minutes, Resolution
from groups.published import newest_minutes_pdfs
from kpss.history import history_page
from kpss.models import PdfDocument
from kpss.permissions import coordinator_required, public

# How many upcoming meetings each group shows on the list of groups.
UPCOMING_ON_LIST = 3


def _public_members():
    """Current seats whose holders agreed to have their names published."""
    return Membership.objects.current().filter(publish_name=True).select_related("person").order_by(
        "position", "person__name")


def _active_group(slug):
    return get_object_or_404(
        Group.objects.active().select_related("territory").prefetch_related("target_groups"), slug=slug,
    )


@public
def group_list(request):
    today = timezone.localdate()
    current = Q(memberships__in=Membership.objects.current(today))
    upcoming = meetings_for(request.user).upcoming().select_related("group")
    groups = (
        Group.objects.active(today)
        .annotate(member_count=Count("memberships", filter=current, distinct=True))
        .select_related("territory")
        .prefetch_related(
            "target_groups",
            Prefetch("memberships", queryset=_public_members(), to_attr="public_members"),
            Prefetch("meetings", queryset=upcoming[:UPCOMING_ON_LIST], to_attr="upcoming"),
        )
    )
    return render(request, "groups/group_list.html", {"groups": groups})


@public
def group_detail(request, slug):
    """A group: what it does, its public members, upcoming meetings and the archive of its minutes
    by year (with the drafts of held meetings for those who read them)."""
    group = _active_group(slug)
    reads_drafts = may_read_drafts(request.user, group)
    meetings = meetings_for(request.user).filter(group=group).select_related("group")
    now = timezone.now()
    held = meetings.held(now).select_related("minutes").order_by("-starts_at")
    if not reads_drafts:
        held = held.filter(minutes__status=Minutes.Status.APPROVED)
    held = list(held)
    pdfs = newest_minutes_pdfs(held)
    for meeting in held:
        meeting.pdf = pdfs.get(meeting.pk)
    return render(request, "groups/group_detail.html", {
        "group": group,
        "members": group.memberships.current().filter(publish_name=True).select_related("person"),
        "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at"),
        "held": held,
        "reads_drafts": reads_drafts,
        "feed_url": request.build_absolute_uri(reverse("groups:calendar_group", args=[group.slug])),
    })


@public
def meeting_detail(request, slug, pk):
    """A meeting: when and where, and its minutes once approved, from the frozen version; those who
    read the group's drafts see the live draft, marked as such."""
    meeting = get_meeting_for_reader(request.user, slug, pk)
    reads_drafts = may_read_drafts(request.user, meeting.group)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    context = {"meeting": meeting, "group": meeting.group, "minutes": minutes, "reads_drafts": reads_drafts,
               "agenda": meeting.agenda.all()}
    if minutes and minutes.is_approved:
        versions = list(minutes.versions.defer("snapshot").select_related("created_by"))
        newest = versions[-1]
        snapshot = minutes.versions.only("snapshot").get(pk=newest.pk).snapshot
        pdf = PdfDocument.objects.for_source(newest, MinutesLayout.name)
        if pdf is not None:
            minutes.meeting = meeting
            newest.minutes = minutes
            pdf.source = newest  # what its download address is made of, without fetching it again
        context.update(versions=versions, snapshot=snapshot, pdf=pdf, **_shown_snapshot(snapshot, slug, pk))
    elif minutes and reads_drafts and meeting.has_ended() and not meeting.is_cancelled:
        context.update(
            draft=minutes,
            invitations=meeting.invitations.select_related("person"),
            resolutions=meeting.resolutions.order_by("position", "pk"),
            tasks=meeting.tasks.select_related("responsible", "resolution__group").order_by("due_on", "pk"),
            attachments=[{"title": attachment.title, "url": reverse("groups:attachment_download",
                                                                     args=[slug, pk, attachment.pk])}
                         for attachment in minutes.attachments.all()],
        )
    return render(request, "groups/meeting_detail.html", context)


def _shown_snapshot(snapshot, slug, pk):
    """What the page shows of a frozen version beyond its plain fields: consenting names, dates,
    attachments' addresses."""
    return {
        "public_present": _public_names(snapshot, "present"),
        "snapshot_tasks": [{**task, "due_on": date.fromisoformat(task["due_on"]) if task["due_on"] else None}
                           for task in snapshot["tasks"]],
        "attachments": [
            {"title": attachment["title"],
             "url": reverse("groups:attachment_download", args=[slug, pk, attachment["id"]])}
            for attachment in snapshot["attachments"]
        ],
    }


def _public_names(snapshot, attendance):
    """Names of those with `attendance` who agreed to have their names published."""
    return [person["name"] for person in snapshot["attendance"]["people"]
            if person["attendance"] == attendance and person.get("public")]


@public
def resolution_register(request, slug):
    """The group's approved (numbered) resolutions by year, newest first; `?rok=2026` shows one year."""
    group = _active_group(slug)
    resolutions = Resolution.objects.filter(
        group=group, number__isnull=False, meeting__in=meetings_for(request.user).filter(group=group),
    )
    years = sorted(set(resolutions.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("rok", "")
    if year:
        if not year.isdigit() or int(year) not in years:
            raise Http404("The group passed no resolution that year.")
        resolutions = resolutions.filter(year=int(year))
    return render(request, "groups/resolution_register.html", {
        "group": group, "years": years, "year": int(year) if year else None,
        "resolutions": resolutions.select_related("group", "meeting__group", "measure__plan").order_by(
            "-year", "-number"),
    })


@coordinator_required
def group_history(request, pk):
    """Everything the group's members wrote and settled, and what was done to the group, newest first."""
    group = get_object_or_404(Group, pk=pk)
    return history_page(request, group, _("History of the group %(group)s") % {"group": group.name},
                        back_url=reverse("admin:groups_group_change", args=[group.pk]), back_label=group.name)
