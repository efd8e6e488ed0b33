"""The groups' core workflows (groups.services and the locked model methods under them): planning,
moving and cancelling a meeting with the invitations they send, approving minutes (numbered
resolutions, a frozen version, the archival PDF, the members told) and correcting them."""

import io
import json
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from groups.documents import MinutesLayout
from groups.models import Invitation, Meeting, Minutes, MinutesVersion, Resolution, Task
from groups.services import approve_minutes, cancel_meeting, correct_minutes, plan_meeting, reschedule_meeting
from kpss.actionlog import ActionLog
from kpss.models import PdfDocument
from tests.factories import MembershipFactory, PersonFactory


def _at(days, hour=15):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=hour)))


@pytest.fixture
def members_a(group_a, member_a, chair_a):
    """Group A with its chair, a member with an account and one without (e-mail only), and a former member."""
    MembershipFactory(group=group_a, user=None, person=PersonFactory(name="Marie Bez Účtu", email="marie@example.cz"))
    MembershipFactory(group=group_a, user=None, person=PersonFactory(name="Karel Odešel", email="karel@example.cz"),
                      starts_on=timezone.localdate() - timedelta(days=400),
                      ends_on=timezone.localdate() - timedelta(days=30))
    return group_a


@pytest.fixture
def planned(members_a, chair_a, tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return plan_meeting(members_a, chair_a, agenda_titles=["Zahájení", "Analýza potřeb", ""],
                            starts_at=_at(7), ends_at=_at(7, 17), place="Radnice, zasedací místnost")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def _held(group, by, tasks, days=-3):
    meeting = plan_meeting(group, by, agenda_titles=["Zahájení"], starts_at=_at(days), ends_at=_at(days, 17),
                           place="Radnice")
    tasks.backend.clear()
    mail.outbox.clear()
    return meeting


class TestPlanningAMeeting:
    def test_numbers_it_invites_the_current_members_and_opens_draft_minutes(self, planned, members_a):
        assert planned.number == 1
        assert [item.title for item in planned.agenda.all()] == ["Zahájení", "Analýza potřeb"]
        invited = {invitation.person.name for invitation in planned.invitations.select_related("person")}
        assert "Marie Bez Účtu" in invited
        assert "Karel Odešel" not in invited
        assert planned.minutes.status == Minutes.Status.DRAFT
        assert plan_meeting(members_a, None, starts_at=_at(9), ends_at=_at(9, 17), place="Radnice").number == 2

    def test_sends_the_invitations_with_the_agenda_and_an_ics_after_the_commit(self, planned, tasks):
        assert tasks.names == ["send_invitations"]
        tasks.run_all()
        [message] = mail.outbox
        assert "marie@example.cz" in message.bcc
        assert "karel@example.cz" not in message.bcc
        assert "Analýza potřeb" in message.body
        calendar = Calendar.from_ical(_ics(message))
        assert calendar["METHOD"] == "REQUEST"
        [event] = calendar.walk("VEVENT")
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == timezone.localtime(planned.starts_at)

    def test_guests_are_invited_as_guests(self, members_a, chair_a, tasks):
        guest = PersonFactory(name="Host z kraje")
        meeting = plan_meeting(members_a, chair_a, guests=[guest], starts_at=_at(7), ends_at=_at(7, 17), place="X")
        assert meeting.invitations.get(person=guest).is_guest

    def test_an_end_before_the_start_saves_nothing(self, members_a, chair_a, tasks):
        with pytest.raises(ValidationError):
            plan_meeting(members_a, chair_a, starts_at=_at(7, 17), ends_at=_at(7, 15), place="X")
        assert not Meeting.objects.exists()
        assert not Invitation.objects.exists()
        assert tasks.names == []


class TestMovingAndCancelling:
    def test_moving_raises_the_sequence_logs_it_and_tells_the_invited(self, planned, chair_a, tasks, on_commit):
        tasks.run_all()
        mail.outbox.clear()
        with on_commit(execute=True):
            assert reschedule_meeting(planned, chair_a, _at(8), _at(8, 17))
        assert planned.sequence == 1
        tasks.run_all()
        [message] = mail.outbox
        [event] = Calendar.from_ical(_ics(message)).walk("VEVENT")
        assert event["SEQUENCE"] == 1
        assert ActionLog.objects.filter(action="meeting.moved").exists()

    def test_saving_the_same_time_is_not_a_move(self, planned, chair_a, tasks):
        tasks.backend.clear()
        assert not reschedule_meeting(planned, chair_a, planned.starts_at, planned.ends_at)
        assert planned.sequence == 0
        assert tasks.names == []

    def test_cancelling_keeps_the_meeting_and_sends_a_cancel(self, planned, chair_a, tasks, on_commit):
        tasks.backend.clear()
        with on_commit(execute=True):
            cancel_meeting(planned, chair_a, "Nemoc předsedkyně")
        assert planned.is_cancelled
        assert planned.sequence == 1
        tasks.run_all()
        calendar = Calendar.from_ical(_ics(mail.outbox[0]))
        assert calendar["METHOD"] == "CANCEL"
        assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
        with pytest.raises(ValidationError):
            planned.reschedule(chair_a, _at(9), _at(9, 17))
        with pytest.raises(ValidationError):
            planned.cancel(chair_a, "znovu")

    def test_a_meeting_that_took_place_cannot_be_cancelled(self, members_a, chair_a, tasks):
        with pytest.raises(ValidationError):
            _held(members_a, chair_a, tasks).cancel(chair_a, "pozdě")


class TestApproval:
    def test_numbers_resolutions_per_group_and_year_and_freezes_the_minutes(self, members_a, chair_a, tasks):
        members_a.abbreviation = "PS SEN"
        members_a.save()
        first, second = _held(members_a, chair_a, tasks, -10), _held(members_a, chair_a, tasks, -3)
        for meeting in (first, second):
            for position in (1, 2):
                Resolution.objects.create(group=members_a, meeting=meeting, position=position, text=f"Bod {position}")
        approve_minutes(second.minutes, chair_a)
        approve_minutes(first.minutes, chair_a)
        year = timezone.localtime(second.starts_at).year
        assert [r.reference for r in second.resolutions.order_by("position")] == [f"PS SEN 1/{year}",
                                                                                 f"PS SEN 2/{year}"]
        assert [r.reference for r in first.resolutions.order_by("position")] == [f"PS SEN 3/{year}",
                                                                                f"PS SEN 4/{year}"]
        version = second.minutes.versions.get()
        assert version.number == 1
        assert version.snapshot["resolutions"][0]["reference"] == f"PS SEN 1/{year}"

    def test_a_new_year_starts_at_one(self, members_a, chair_a, tasks):
        old = _held(members_a, chair_a, tasks, -400)
        new = _held(members_a, chair_a, tasks, -3)
        for meeting in (old, new):
            Resolution.objects.create(group=members_a, meeting=meeting, text="Usnesení")
        approve_minutes(old.minutes, chair_a)
        approve_minutes(new.minutes, chair_a)
        old_resolution, new_resolution = old.resolutions.get(), new.resolutions.get()
        assert old_resolution.year < new_resolution.year
        assert old_resolution.number == new_resolution.number == 1

    def test_queues_the_pdf_and_tells_the_current_members_after_the_commit(self, members_a, chair_a, tasks,
                                                                             on_commit):
        meeting = _held(members_a, chair_a, tasks)
        with on_commit(execute=False) as callbacks:
            approve_minutes(meeting.minutes, chair_a)
        assert tasks.names == ["render_pdf"]  # the PDF is queued in the transaction, the e-mail after it
        for callback in callbacks:
            callback()
        assert sorted(tasks.names) == ["announce_minutes", "render_pdf"]
        tasks.run_all()
        [message] = mail.outbox
        assert "marie@example.cz" in message.bcc
        assert "karel@example.cz" not in message.bcc
        assert meeting.get_absolute_url() in message.body

    def test_cannot_approve_twice_before_the_meeting_or_a_cancelled_one(self, planned, members_a, chair_a, tasks):
        with pytest.raises(ValidationError):
            planned.minutes.approve(chair_a)  # still to come
        held = _held(members_a, chair_a, tasks)
        held.minutes.approve(chair_a)
        with pytest.raises(ValidationError):
            held.minutes.approve(chair_a)
        cancel_meeting(planned, chair_a, "Zrušeno")
        Meeting.objects.filter(pk=planned.pk).update(starts_at=_at(-5), ends_at=_at(-5, 17))
        with pytest.raises(ValidationError):
            Minutes.objects.get(pk=planned.minutes.pk).approve(chair_a)

    def test_a_frozen_version_cannot_be_changed_or_deleted(self, members_a, chair_a, tasks):
        version = _held(members_a, chair_a, tasks).minutes.approve(chair_a)
        version.note = "přepsáno"
        with pytest.raises(ValidationError):
            version.save()
        with pytest.raises(ValidationError):
            version.delete()

    def test_the_snapshot_keeps_what_was_approved_when_things_change_later(self, members_a, chair_a, tasks):
        meeting = _held(members_a, chair_a, tasks)
        item = meeting.agenda.get()
        item.record = "Skupina se shodla."
        item.save()
        Task.objects.create(group=members_a, meeting=meeting, title="Rozeslat dotazník")
        meeting.minutes.approve(chair_a)
        item.record = "Přepsaný text"
        item.save()
        members_a.name = "Přejmenovaná skupina"
        members_a.save()
        snapshot = MinutesVersion.objects.get().snapshot
        assert snapshot["agenda"][0]["record"] == "Skupina se shodla."
        assert snapshot["group"]["name"] == "Pracovní skupina Senioři"
        assert snapshot["tasks"][0]["title"] == "Rozeslat dotazník"


class TestCorrection:
    def test_makes_a_new_version_with_its_reason_logged_and_rendered(self, members_a, chair_a, tasks):
        meeting = _held(members_a, chair_a, tasks)
        approve_minutes(meeting.minutes, chair_a)
        tasks.backend.clear()
        item = meeting.agenda.get()
        item.record = "Opravený překlep."
        item.save()
        version = correct_minutes(meeting.minutes, chair_a, "Překlep ve jméně")
        assert (version.number, version.reason, version.note) == (2, "correction", "Překlep ve jméně")
        assert version.snapshot["agenda"][0]["record"] == "Opravený překlep."
        assert meeting.minutes.versions.get(number=1).snapshot["agenda"][0]["record"] == ""
        assert tasks.names == ["render_pdf"]
        assert ActionLog.objects.filter(action="minutes.corrected").exists()

    def test_needs_a_reason_and_approved_minutes(self, members_a, chair_a, tasks):
        meeting = _held(members_a, chair_a, tasks)
        with pytest.raises(ValidationError):
            correct_minutes(meeting.minutes, chair_a, "Oprava konceptu")
        meeting.minutes.approve(chair_a)
        with pytest.raises(ValidationError):
            correct_minutes(meeting.minutes, chair_a, "  ")
        assert meeting.minutes.versions.count() == 1


class TestTheMinutesPdf:
    def test_is_an_archival_pdf_with_the_minutes_and_their_data_attached(self, members_a, chair_a, tasks):
        members_a.abbreviation = "PS SEN"
        members_a.save()
        meeting = _held(members_a, chair_a, tasks)
        item = meeting.agenda.get()
        item.record = "Skupina projednala **dotazník** pro uživatele."
        item.save()
        Invitation.objects.filter(meeting=meeting).update(attendance=Invitation.PRESENT)
        Resolution.objects.create(group=members_a, meeting=meeting, text="Schvaluje dotazník.", votes_for=5,
                                  votes_against=0, votes_abstained=1)
        Task.objects.create(group=members_a, meeting=meeting, title="Rozeslat dotazník",
                            due_on=datetime(2030, 12, 6).date())
        version = approve_minutes(meeting.minutes, chair_a)
        tasks.run_all()
        document = PdfDocument.objects.for_source(version, MinutesLayout.name)
        assert document.status == PdfDocument.Status.READY, document.error
        with document.file.open("rb") as file:
            reader = PdfReader(io.BytesIO(file.read()))
        text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
        year = timezone.localtime(meeting.starts_at).year
        assert f"Usnesení PS SEN 1/{year}" in text
        assert "Schvaluje dotazník." in text
        assert "Rozeslat dotazník" in text
        assert "6. 12. 2030" in text
        assert "Zápis" in text
        assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()
        assert json.loads(reader.attachments["minutes.json"][0]) == version.snapshot


def _ics(message):
    for name, content, _mimetype in message.attachments:
        if name.endswith(".ics"):
            return content if isinstance(content, bytes) else content.encode()
    raise AssertionError("no .ics attached")


