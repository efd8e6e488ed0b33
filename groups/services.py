"""Workflows of the groups that span several models or reach outside the database (e-mail, PDFs).

Single-object rules live on the models (`meeting.reschedule`, `minutes.approve`); what here combines
them runs in one transaction and queues its side effects to happen after the commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groups.documents import MinutesLayout
from groups.models import AgendaItem, Invitation, Meeting, Minutes, Person
from groups.notifications import announce_minutes, send_invitations
from kpss.actionlog import log_action
from kpss.numbering import create_numbered, next_number
from kpss.tasks import request_rendering
from kpss.tracking import StaleEdit


def plan_meeting(group, by, agenda_titles=(), guests=(), invite_members=True, new_guests=(), **fields):
    """Plan a meeting of `group`: numbered in the group's order, with its agenda, the group's current
    members invited (and `guests`, persons, and `new_guests`, dicts of a Person's fields for people
    not yet on record), and empty draft minutes. Invitations go out after the commit. Returns the
    meeting."""

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
        guests = [*guests, *(Person.objects.create(**person) for person in new_guests)]
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


# What moving a meeting changes; the rest of its details are edited without telling anyone.
WHEN_AND_WHERE = ("starts_at", "ends_at", "place", "online_url")


def update_meeting(meeting, by, revision, fields, agenda_titles=None):
    """Save what the meeting form changed, from the form's `revision`: the details, the agenda (item
    titles kept in place, so what the minutes record of them stays), and, through
    `reschedule_meeting`, a new time or place, which the invited learn of. A cancelled meeting is
    not edited; a held one only in what does not move it. Returns the Conflict when someone saved
    the meeting since `revision`, else None."""
    with transaction.atomic():
        try:
            current = Meeting.locked(meeting.pk, revision)
        except StaleEdit as stale:
            return stale.conflict
        if current.is_cancelled:
            raise ValidationError(_("A cancelled meeting cannot be edited."))
        when_and_where = {name: fields.pop(name) for name in WHEN_AND_WHERE if name in fields}
        names = [*fields, *when_and_where]
        before = current.tracked_values(names)
        if agenda_titles is not None:
            _update_agenda(current, agenda_titles)
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean(exclude=["number"])
        current.save_change(by, update_fields=list(fields))
        moved = {name: value for name, value in when_and_where.items() if getattr(current, name) != value}
        if moved:
            if current.has_ended():
                raise ValidationError(_("A meeting that took place cannot be moved."))
            reschedule_meeting(current, by, when_and_where["starts_at"], when_and_where["ends_at"],
                               place=when_and_where.get("place"), online_url=when_and_where.get("online_url"))
        current.log_change(by, "meeting.change", before=before, names=names)
    meeting.refresh_from_db()
    return None


def _update_agenda(meeting, titles):
    """The agenda as `titles`, item by item in place: the n-th item gets the n-th title. An item
    dropped from the end is deleted, unless the minutes already record it."""
    titles = [title.strip() for title in titles if title.strip()]
    items = list(meeting.agenda.all())
    for position, (item, title) in enumerate(zip(items, titles, strict=False), start=1):
        if (item.title, item.position) != (title, position):
            item.title, item.position = title, position
            item.save(update_fields=["title", "position"])
    for item in items[len(titles):]:
        if item.record.strip():
            raise ValidationError({"agenda": _("The item “%(item)s” cannot be removed: the minutes already "
                                               "record it.") % {"item": item.title}})
        item.delete()
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meeting, position=position, title=title)
        for position, title in enumerate(titles[len(items):], start=len(items) + 1)
    ])


def invite_guests(meeting, by, guests=(), new_guests=()):
    """Invite more people (persons on record and `new_guests`, dicts of a Person's fields) to a
    coming meeting; they alone get the invitation after the commit. Returns the new invitations."""
    with transaction.atomic():
        current = Meeting.locked(meeting.pk)
        if current.is_cancelled or current.has_ended():
            raise ValidationError(_("Guests are invited only to a coming meeting."))
        invited = set(current.invitations.values_list("person_id", flat=True))
        people = [*guests, *(Person.objects.create(**person) for person in new_guests)]
        invitations = Invitation.objects.bulk_create([
            Invitation(meeting=current, person=person, is_guest=True)
            for person in {person.pk: person for person in people if person.pk not in invited}.values()
        ])
        if invitations:
            log_action(current, "meeting.invited", by, people=[str(i.person) for i in invitations])
            person_pks = [invitation.person_id for invitation in invitations]
            transaction.on_commit(lambda: send_invitations.enqueue(current.pk, "planned", person_pks))
    return invitations


def remove_invitation(invitation, by):
    """Take someone off the list of a coming meeting."""
    with transaction.atomic():
        meeting = Meeting.locked(invitation.meeting_id)
        if meeting.is_cancelled or meeting.has_ended():
            raise ValidationError(_("The list of the invited changes only before the meeting."))
        log_action(meeting, "meeting.uninvited", by, person=str(invitation.person))
        invitation.delete()


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
