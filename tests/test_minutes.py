"""The minutes workspace: the chair records attendance, the minutes, resolutions and tasks, approves
them (resolutions numbered per group and year) and corrects them later as a new version."""

import io
import os
import threading
import zipfile
from datetime import timedelta

import pytest
from django import forms
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from groups.documents import MinutesLayout
from groups.models import Group, Membership, Minutes, MinutesVersion, Resolution, Task
from groups.services import approve_minutes, plan_meeting
from kpss.models import ActionLog, PdfDocument
from planning.models import Suggestion
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text


@pytest.fixture
def seniors(group_a):
    group_a.abbreviation = "PS SEN"
    group_a.save()
    return group_a


@pytest.fixture
def members(seniors, chair_a, member_a):
    """The chair and a member with accounts, and a member without one."""
    MembershipFactory(group=seniors, user=None, person=PersonFactory(name="Marie Bez-Účtu", email="marie@example.cz"))
    return seniors.memberships.current()


def held_meeting(group, by, days_ago=7, **fields):
    starts = timezone.now() - timedelta(days=days_ago)
    return plan_meeting(group, by, agenda_titles=["Zahájení", "Terénní služby"], starts_at=starts,
                        ends_at=starts + timedelta(hours=2), place="Radnice", **fields)


@pytest.fixture
def meeting(members, seniors, coordinator):
    return held_meeting(seniors, coordinator)


def edit_url(meeting, name="minutes_edit"):
    return reverse(f"groups:{name}", args=[meeting.group.slug, meeting.pk])


def editor_data(response, **changes):
    """What the browser posts back from the minutes editor as it was shown, with `changes` applied."""
    editor = response.context["editor"]
    data = {}

    def add(form):
        for bound in form:
            widget, value = bound.field.widget, bound.value()
            if isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(widget, forms.RadioSelect):
                if value in [str(choice) for choice, _label in bound.field.choices]:  # else none is checked
                    data[bound.html_name] = value
            elif value is not None:
                text = widget.format_value(value)
                if isinstance(text, list):  # a select's chosen values
                    text = text[0] if text else ""
                data[bound.html_name] = "" if text is None else str(text)

    add(editor.form)
    for formset in editor.formsets:
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    data.update(changes)
    return data


def record(client, meeting, name="minutes_edit", **changes):
    response = open_form(client, edit_url(meeting, name), fields=["introduction"])
    return client.post(edit_url(meeting, name), editor_data(response, **changes))


def why(response):
    """What the editor refused, for failure messages."""
    editor = (response.context or {}).get("editor") if response.context else None
    if editor is None:
        return response.status_code
    return [editor.form.errors, *[(f.prefix, f.errors, f.non_form_errors()) for f in editor.formsets]]


def invitation_index(meeting, person_name):
    names = [invitation.person.name for invitation in meeting.invitations.select_related("person")]
    return names.index(person_name)


def test_the_chair_records_the_minutes(client_as, chair_a, meeting, measure_a):
    client = client_as(chair_a)
    marie = invitation_index(meeting, "Marie Bez-Účtu")
    response = record(client, meeting, **{
        f"attendance-{marie}-attendance": "excused", "attendance-0-attendance": "present",
        "other_participants": "3",
        "introduction": "Jednání řídila předsedkyně.",
        "agenda-0-record": "Předsedkyně přivítala přítomné.",
        "agenda-2-title": "Různé", "agenda-2-record": "Nic dalšího.",
        "resolutions-0-text": "Skupina schvaluje návrh opatření 1.1.1.", "resolutions-0-votes_for": "7",
        "resolutions-0-votes_against": "0", "resolutions-0-votes_abstained": "1",
        "resolutions-0-measure": measure_a.pk,
        "tasks-0-title": "Zjistit kapacity pečovatelské služby",
        "tasks-0-responsible": chair_a.person.pk, "tasks-0-due_on": "2026-12-31", "tasks-0-status": "open",
        "tasks-0-measure": measure_a.pk,
    })
    assert response.status_code == 302, why(response)
    meeting.refresh_from_db()
    minutes = meeting.minutes
    assert minutes.introduction == "Jednání řídila předsedkyně."
    assert minutes.revision == 2
    assert minutes.updated_by == chair_a
    assert meeting.guests_count == 3
    assert meeting.invitations.select_related("person").get(person__name="Marie Bez-Účtu").attendance == "excused"
    assert [item.title for item in meeting.agenda.all()] == ["Zahájení", "Terénní služby", "Různé"]
    assert meeting.agenda.first().record == "Předsedkyně přivítala přítomné."
    resolution = meeting.resolutions.get()
    assert (resolution.group, resolution.votes_for, resolution.measure, resolution.number) == (
        meeting.group, 7, measure_a, None)
    task = meeting.tasks.get()
    assert (task.group, task.responsible, task.measure) == (meeting.group, chair_a.person, measure_a)
    assert ActionLog.objects.for_object(minutes).filter(action="minutes.change").exists()

    # A task can then name the resolution it comes from.
    response = record(client, meeting, **{"tasks-0-resolution": resolution.pk})
    assert response.status_code == 302, why(response)
    assert Task.objects.get().resolution == resolution


def test_readers_who_do_not_record_get_403_and_outsiders_404(client_as, member_a, steering_member, member_b,
                                                             meeting):
    assert client_as(member_a).get(edit_url(meeting)).status_code == 403
    assert client_as(steering_member).get(edit_url(meeting)).status_code == 403
    assert client_as(member_b).get(edit_url(meeting)).status_code == 404


def test_a_cancelled_meeting_has_no_minutes_page(client_as, chair_a, seniors, coordinator):
    starts = timezone.now() + timedelta(days=3)
    meeting = plan_meeting(seniors, coordinator, starts_at=starts, ends_at=starts + timedelta(hours=1))
    meeting.cancel(coordinator, "Nemoc předsedkyně")
    assert client_as(chair_a).get(edit_url(meeting)).status_code == 404


def test_before_the_meeting_nothing_is_recorded(client_as, chair_a, seniors, coordinator):
    starts = timezone.now() + timedelta(days=3)
    meeting = plan_meeting(seniors, coordinator, starts_at=starts, ends_at=starts + timedelta(hours=1))
    response = client_as(chair_a).get(edit_url(meeting))
    assert response.status_code == 200
    assert "once the meeting has begun" in page_text(response) or "jakmile jednání začne" in page_text(response)
    assert 'name="introduction"' not in page_text(response)


def test_bad_input_keeps_what_was_typed_with_czech_errors(client_as, chair_a, meeting):
    client = client_as(chair_a)
    response = record(client, meeting, **{
        "introduction": "Úvod, který se nesmí ztratit.",
        "resolutions-0-text": "", "resolutions-0-votes_for": "-2",
        "tasks-0-title": "", "tasks-0-description": "Popis úkolu bez názvu", "tasks-0-due_on": "31. 13. 2026",
        "other_participants": "mnoho",
    }, HTTP_ACCEPT_LANGUAGE="cs")
    assert response.status_code == 400
    text = page_text(response)
    assert "Úvod, který se nesmí ztratit." in text
    assert "Popis úkolu bez názvu" in text
    assert "Toto pole je třeba vyplnit." in text
    assert "Zadejte platné datum." in text
    assert "Zadejte celé číslo." in text
    assert Minutes.objects.get(pk=meeting.minutes.pk).introduction == ""
    assert not Task.objects.exists()


def test_a_stale_revision_is_refused_with_the_text_kept(client_as, chair_a, coordinator, meeting):
    client = client_as(chair_a)
    opened = open_form(client, edit_url(meeting), fields=["introduction"])
    # Meanwhile the coordinator saves the minutes.
    record(client_as(coordinator), meeting, introduction="Verze koordinátorky")
    client.force_login(chair_a)
    response = client.post(edit_url(meeting), editor_data(opened, introduction="Verze předsedkyně"))
    assert response.status_code == 409
    assert "Verze předsedkyně" in page_text(response)
    assert Minutes.objects.get(pk=meeting.minutes.pk).introduction == "Verze koordinátorky"
    # Saving again (after reading the conflict) is a knowing overwrite.
    response = client.post(edit_url(meeting), editor_data(response))
    assert response.status_code == 302
    assert Minutes.objects.get(pk=meeting.minutes.pk).introduction == "Verze předsedkyně"


def test_a_task_changed_elsewhere_meanwhile_is_not_overwritten(client_as, chair_a, coordinator, meeting):
    client = client_as(chair_a)
    record(client, meeting, **{"tasks-0-title": "Zjistit kapacity", "tasks-0-status": "open"})
    opened = open_form(client, edit_url(meeting), fields=["introduction"])
    # Meanwhile the task is marked done elsewhere (the tracker), as a tracked change.
    task = Task.objects.get()
    before = task.tracked_values(["status"])
    task.status = Task.Status.DONE
    task.save_change(coordinator)
    task.log_change(coordinator, "task.change", before=before)
    response = client.post(edit_url(meeting), editor_data(opened, introduction="Nový úvod"))
    assert response.status_code == 409
    assert "Nový úvod" in page_text(response)
    assert Task.objects.get().status == Task.Status.DONE
    assert Minutes.objects.get(pk=meeting.minutes.pk).introduction == ""  # nothing half-saved


def _approve(client, meeting):
    url = edit_url(meeting, "minutes_approve")
    response = open_form(client, url)
    return response, client.post(url)


def test_approval_numbers_resolutions_per_group_and_year(client_as, chair_a, seniors, coordinator, meeting,
                                                         tasks, settings):
    settings.TIME_ZONE = "Europe/Prague"
    client = client_as(chair_a)
    record(client, meeting, **{"resolutions-0-text": "První usnesení"})
    record(client, meeting, **{"resolutions-1-text": "Druhé usnesení"})
    shown, response = _approve(client, meeting)
    year = timezone.localtime(meeting.starts_at).year
    assert f"PS SEN 1/{year}" in page_text(shown)
    assert f"PS SEN 2/{year}" in page_text(shown)
    assert response.status_code == 302
    assert [r.reference for r in meeting.resolutions.order_by("number")] == [f"PS SEN 1/{year}",
                                                                            f"PS SEN 2/{year}"]
    # The next meeting of the year continues the numbers; a meeting of the next year starts again at 1.
    following = held_meeting(seniors, coordinator, days_ago=3)
    record(client, following, **{"resolutions-0-text": "Třetí usnesení"})
    _approve(client, following)
    assert following.resolutions.get().reference == f"PS SEN 3/{year}"
    other = held_meeting(seniors, coordinator, days_ago=400)  # a meeting of another year, approved late
    record(client, other, **{"resolutions-0-text": "Usnesení jiného roku"})
    _approve(client, other)
    other_year = timezone.localtime(other.starts_at).year
    assert other_year != year
    assert other.resolutions.get().reference == f"PS SEN 1/{other_year}"


def test_approval_freezes_the_minutes_and_tells_the_members(client_as, chair_a, meeting, tasks,
                                                            django_capture_on_commit_callbacks):
    client = client_as(chair_a)
    MembershipFactory(group=meeting.group, user=None, ends_on=timezone.localdate() - timedelta(days=1),
                      person=PersonFactory(name="Bývalý Člen", email="byvaly@example.cz"))
    record(client, meeting, introduction="Schválený úvod")
    with django_capture_on_commit_callbacks() as after_commit:
        shown, response = _approve(client, meeting)
    assert response.status_code == 302
    assert not any("announce_minutes" in name for name in tasks.names)  # not before the commit
    for callback in after_commit:
        callback()
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    assert minutes.is_approved
    assert minutes.approved_by == chair_a
    version = minutes.versions.get()
    assert version.snapshot["introduction"] == "Schválený úvod"
    assert PdfDocument.objects.for_source(version, MinutesLayout.name) is not None
    assert "announce_minutes" in " ".join(tasks.names)
    results = tasks.run_all()
    assert 3 in results  # chair, member and the member without an account, each with an e-mail
    assert sorted(mail.outbox[-1].bcc) == sorted([chair_a.email, "marie@example.cz",
                                                  meeting.group.memberships.get(
                                                      position=Membership.Position.MEMBER,
                                                      person__user__isnull=False).person.contact_email])
    # A frozen version never changes.
    with pytest.raises(Exception, match="cannot be changed|nelze měnit"):
        version.save()


def test_approved_minutes_are_read_only_and_editing_them_is_refused(client_as, chair_a, meeting):
    client = client_as(chair_a)
    opened = open_form(client, edit_url(meeting), fields=["introduction"])
    Resolution.objects.create(group=meeting.group, meeting=meeting, text="Schválené usnesení")
    approve_minutes(meeting.minutes, chair_a)
    response = client.get(edit_url(meeting))
    assert 'name="introduction"' not in page_text(response)
    year = timezone.localtime(meeting.starts_at).year
    assert f"PS SEN 1/{year}" in page_text(response)  # shown read-only, as approved
    response = client.post(edit_url(meeting), editor_data(opened, introduction="Potichu změněno"))
    assert response.status_code == 409
    assert "Potichu změněno" in page_text(response)  # kept, in the correction form
    assert Minutes.objects.get(pk=meeting.minutes.pk).introduction == ""
    assert MinutesVersion.objects.filter(minutes=meeting.minutes).count() == 1


def test_only_after_the_meeting_ended_can_minutes_be_approved(client_as, chair_a, seniors, coordinator):
    starts = timezone.now() - timedelta(minutes=30)
    meeting = plan_meeting(seniors, coordinator, starts_at=starts, ends_at=starts + timedelta(hours=2))
    shown = open_form(client_as(chair_a), edit_url(meeting), fields=["introduction"])
    assert shown.status_code == 200  # recording while it runs is fine
    response = client_as(chair_a).get(edit_url(meeting, "minutes_approve"))
    assert response.status_code == 200
    assert 'type="submit" class="btn btn-success"' not in response.content.decode()
    assert client_as(chair_a).post(edit_url(meeting, "minutes_approve")).status_code == 400
    assert not Minutes.objects.get(meeting=meeting).is_approved


def test_a_correction_makes_version_2_with_its_reason_and_a_new_pdf(client_as, chair_a, meeting, tasks):
    client = client_as(chair_a)
    record(client, meeting, **{"resolutions-0-text": "Původní znění"})
    _approve(client, meeting)
    response = open_form(client, edit_url(meeting, "minutes_correct"), fields=["note", "introduction"])
    refused = client.post(edit_url(meeting, "minutes_correct"), editor_data(response, introduction="Opraveno"))
    assert refused.status_code == 400  # the reason is required
    assert "Opraveno" in page_text(refused)
    response = client.post(edit_url(meeting, "minutes_correct"), editor_data(
        response, introduction="Opraveno", note="Překlep ve jménu", **{"resolutions-1-text": "Zapomenuté usnesení"}))
    assert response.status_code == 302
    minutes = Minutes.objects.get(pk=meeting.minutes.pk)
    first, second = minutes.versions.order_by("number")
    assert (second.number, second.reason, second.note) == (2, "correction", "Překlep ve jménu")
    assert second.snapshot["introduction"] == "Opraveno"
    assert first.snapshot["introduction"] == ""
    year = timezone.localtime(meeting.starts_at).year
    # The resolution the correction adds is numbered after the first one.
    assert [r["reference"] for r in second.snapshot["resolutions"]] == [f"PS SEN 1/{year}", f"PS SEN 2/{year}"]
    assert [r["reference"] for r in first.snapshot["resolutions"]] == [f"PS SEN 1/{year}"]
    assert PdfDocument.objects.for_source(second, MinutesLayout.name) is not None
    assert ActionLog.objects.for_object(minutes).filter(action="minutes.corrected").exists()
    page = page_text(client.get(edit_url(meeting)))
    assert "Překlep ve jménu" in page


def test_a_numbered_resolution_cannot_be_deleted(client_as, chair_a, meeting):
    client = client_as(chair_a)
    record(client, meeting, **{"resolutions-0-text": "Usnesení"})
    approve_minutes(meeting.minutes, chair_a)
    response = open_form(client, edit_url(meeting, "minutes_correct"), fields=["note"])
    data = editor_data(response, note="Smazat usnesení", **{"resolutions-0-DELETE": "on"})
    assert client.post(edit_url(meeting, "minutes_correct"), data).status_code == 400
    assert Resolution.objects.count() == 1


# --- attachments -------------------------------------------------------------------------------

def _docx():
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return content.getvalue()


def _upload(client, meeting, name, content, title="Prezentace"):
    url = edit_url(meeting, "minutes_attachments")
    open_form(client, url, fields=["title", "file"])
    return client.post(url, {"title": title, "file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="cs")


def test_a_pdf_is_attached_and_deleted_while_draft(client_as, chair_a, meeting):
    client = client_as(chair_a)
    response = _upload(client, meeting, "prezentace.pdf", b"%PDF-1.7\n%test\n")
    assert response.status_code == 302
    attachment = meeting.minutes.attachments.get()
    assert attachment.title == "Prezentace"
    download = client.get(attachment.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    stored = attachment.file.path
    client.get(edit_url(meeting))
    assert client.post(reverse("groups:minutes_attachment_delete", args=[
        meeting.group.slug, meeting.pk, attachment.pk])).status_code == 302
    assert not meeting.minutes.attachments.exists()
    assert not os.path.exists(stored)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("zapis.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run",
     "nahrát nelze"),
    ("zapis.pdf", b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>",
     "nahrát nelze"),
    ("zapis.txt", b"%PDF-1.7\n%test\n", "nekončí na .pdf"),
])
def test_executables_html_and_misnamed_files_are_refused(client_as, chair_a, meeting, name, content, message):
    response = _upload(client_as(chair_a), meeting, name, content, title="Podezřelý soubor")
    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert 'value="Podezřelý soubor"' in text
    assert not meeting.minutes.attachments.exists()


def test_a_file_over_the_limit_is_refused(client_as, chair_a, meeting, settings):
    settings.UPLOAD_MAX_MB = 1
    response = _upload(client_as(chair_a), meeting, "velky.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 400
    assert "nejvýše 1 MB" in page_text(response)


def test_attachments_of_approved_minutes_stay(client_as, chair_a, meeting):
    client = client_as(chair_a)
    _upload(client, meeting, "listina.pdf", b"%PDF-1.7\n%test\n")
    approve_minutes(meeting.minutes, chair_a)
    attachment = meeting.minutes.attachments.get()
    response = _upload(client, meeting, "dalsi.pdf", b"%PDF-1.7\n%test\n")
    assert response.status_code == 400
    client.get(edit_url(meeting))
    client.post(reverse("groups:minutes_attachment_delete", args=[meeting.group.slug, meeting.pk, attachment.pk]))
    assert meeting.minutes.attachments.count() == 1


# --- suggestions raised at the meeting -------------------------------------------------------

def test_a_suggestion_raised_at_the_meeting_is_entered_and_listed(client_as, chair_a, meeting):
    Suggestion.submit(text="Dřívější podnět", name="Veřejnost")
    client = client_as(chair_a)
    url = edit_url(meeting, "minutes_suggestion")
    open_form(client, url, fields=["text", "name"])
    response = client.post(url, {"text": "Chybí odlehčovací služba v Kamenné.", "name": "Marie Bez-Účtu",
                                 "organisation": "", "commenter_type": "working_group"})
    assert response.status_code == 302
    suggestion = Suggestion.objects.get(meeting=meeting)
    assert (suggestion.number, suggestion.group, suggestion.status) == (2, meeting.group, Suggestion.Status.NEW)
    assert ActionLog.objects.for_object(suggestion).get().user == chair_a
    assert "Chybí odlehčovací služba v Kamenné." in page_text(client.get(edit_url(meeting)))


def test_an_empty_suggestion_is_refused(client_as, chair_a, meeting):
    client = client_as(chair_a)
    url = edit_url(meeting, "minutes_suggestion")
    open_form(client, url)
    response = client.post(url, {"text": "", "name": "Marie"}, HTTP_ACCEPT_LANGUAGE="cs")
    assert response.status_code == 400
    assert "Toto pole je třeba vyplnit." in page_text(response)
    assert not Suggestion.objects.exists()


# --- measure choices and people --------------------------------------------------------------

def test_the_group_s_measures_come_first(client_as, chair_a, meeting, measure_a, measure_b):
    response = client_as(chair_a).get(edit_url(meeting))
    choices = response.context["editor"].resolutions.forms[0].fields["measure"].choices
    assert [pk for pk, _label in choices[1][1]] == [measure_a.pk]
    assert measure_b.pk in [pk for _plan, group in choices[2:] for pk, _label in group]


def test_a_task_s_responsible_is_someone_invited_or_a_member(client_as, chair_a, meeting):
    stranger = PersonFactory(name="Cizí Osoba")
    client = client_as(chair_a)
    response = record(client, meeting, **{"tasks-0-title": "Úkol", "tasks-0-status": "open",
                                          "tasks-0-responsible": stranger.pk})
    assert response.status_code == 400
    assert not Task.objects.exists()


# --- concurrent approvals -----------------------------------------------------------------

@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="needs PostgreSQL: SQLite serialises every write anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_number_resolutions_without_duplicates():
    group = Group.objects.create(name="Pracovní skupina Senioři", slug="seniori-souběh", abbreviation="PS SEN")
    chair = UserFactory(username="predseda-soubeh")
    meetings = []
    for days in range(4):
        meeting = held_meeting(group, chair, days_ago=days + 2)
        Resolution.objects.bulk_create([Resolution(group=group, meeting=meeting, position=i, text=f"Usnesení {i}")
                                        for i in range(3)])
        meetings.append(meeting)
    barrier = threading.Barrier(len(meetings))
    errors = []

    def approve(minutes_pk):
        try:
            barrier.wait()
            Minutes.objects.get(pk=minutes_pk).approve(chair)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(meeting.minutes.pk,)) for meeting in meetings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Resolution.objects.filter(group=group).values_list("number", flat=True))
    assert numbers == list(range(1, 13))
    # Each meeting's resolutions are consecutive: one approval numbered them all at once.
    for meeting in meetings:
        own = sorted(meeting.resolutions.values_list("number", flat=True))
        assert own == list(range(own[0], own[0] + 3))


def test_the_workspace_s_queries_do_not_grow_with_its_rows(client_as, chair_a, meeting, measure_a):
    client = client_as(chair_a)

    def add_rows(count):
        for index in range(count):
            person = PersonFactory()
            meeting.invitations.create(person=person, attendance="present")
            meeting.agenda.create(title=f"Bod {index}", record="Text", position=100 + index)
            resolution = Resolution.objects.create(group=meeting.group, meeting=meeting, text=f"Usnesení {index}",
                                                   measure=measure_a)
            Task.objects.create(group=meeting.group, meeting=meeting, title=f"Úkol {index}", responsible=person,
                                resolution=resolution, measure=measure_a)
        meeting.minutes.attachments.create(title=f"Příloha {count}", file="minutes/x/a.pdf")

    assert_queries_do_not_grow(lambda: client.get(edit_url(meeting)), add_rows)
    assert_queries_do_not_grow(lambda: client.get(edit_url(meeting, "minutes_approve")), add_rows)


@pytest.fixture
def demo_town(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--no-pdf", stdout=io.StringIO())
    settings.DEBUG = False


@pytest.mark.usefixtures("demo_town")
@pytest.mark.parametrize("username", ["clen", "koordinatorka"])
def test_the_demo_chair_and_the_coordinator_open_every_minutes_page_of_the_seniors(client, username):
    """The demo town's meetings in each state (approved, draft, upcoming, cancelled) open without an error."""
    from kpss.models import User

    client.force_login(User.objects.get(username=username))
    group = Group.objects.get(slug="seniori")
    answers = set()
    for meeting in group.meetings.all():
        for name in ("minutes_edit", "minutes_approve", "minutes_correct", "minutes_attachments",
                     "minutes_suggestion"):
            status = client.get(edit_url(meeting, name)).status_code
            assert status in (200, 302) or (status == 404 and meeting.is_cancelled), (meeting, name, status)
            answers.add(status)
    assert answers >= {200, 302}
