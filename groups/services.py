"""Workflows of the groups that span several models or reach outside the database (e-mail, PDFs).

Single-object rules live on the models (`meeting.reschedule`, `minutes.approve`); what here combines
them runs in one transaction and queues its side effects to happen after the commit.
"""

from django.db import transaction

from groups.documents import MinutesLayout
from groups.models import Invitation, Meeting, Minutes
from groups.notifications import announce_minutes, send_invitations
from kpss.actionlog import log_action
from kpss.numbering import create_numbered, next_number
from kpss.tasks import request_rendering


def plan_meeting(group, by, agenda_titles=(), guests=(), invite_members=True, **fields):
    """Plan a meeting of `group`: numbered in the group's order, with its agenda, the group's current
    members invited (and `guests`, persons), and empty draft minutes. Invitations go out after the
    commit. Returns the meeting."""

    def create():
        meeting = Meeting(group=group, number=next_number(Meeting.objects.filter(group=group)), **fields)
        meeting.full_clean(exclude=["number"])
        meeting.save()
        return meeting

    with transaction.atomic():
        meeting = create_numbered(create)
        meeting.agenda.bulk_create([
            meeting.agenda.model(meeting=meeting, position=position, title=title)
            for position, title in enumerate(agenda_titles, start=1) if title.strip()
        ])
        people = {}
        if invite_members:
            people = {membership.person_id: False for membership in group.memberships.current()}
        people.update({person.pk: True for person in guests if person.pk not in people})
        Invitation.objects.bulk_create([
            Invitation(meeting=meeting, person_id=person_id, is_guest=is_guest)
            for person_id, is_guest in people.items()
        ])
        Minutes.objects.create(meeting=meeting)
        log_action(meeting, "meeting.planned", by)
        transaction.on_commit(lambda: send_invitations.enqueue(meeting.pk, "planned"))
    return meeting


def reschedule_meeting(meeting, by, starts_at, ends_at, place=None, online_url=None):
    """Move a meeting; the invited learn of it (with a raised SEQUENCE) after the commit."""
    with transaction.atomic():
        moved = meeting.reschedule(by, starts_at, ends_at, place=place, online_url=online_url)
        if moved:
            transaction.on_commit(lambda: send_invitations.enqueue(meeting.pk, "moved"))
    return moved


def cancel_meeting(meeting, by, reason):
    with transaction.atomic():
        meeting.cancel(by, reason)
        transaction.on_commit(lambda: send_invitations.enqueue(meeting.pk, "cancelled"))


def approve_minutes(minutes, by):
    """The chair approves the minutes: numbered resolutions, a frozen version, its archival PDF queued,
    and the members told after the commit. Returns the version."""
    with transaction.atomic():
        version = minutes.approve(by)
        request_rendering(version, MinutesLayout.name, by=by)
        transaction.on_commit(lambda: announce_minutes.enqueue(minutes.pk))
    return version


def correct_minutes(minutes, by, note):
    """A correction of approved minutes: a new frozen version with its reason, and its PDF."""
    with transaction.atomic():
        version = minutes.correct(by, note)
        request_rendering(version, MinutesLayout.name, by=by)
    return version
