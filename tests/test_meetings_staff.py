"""The groups' staff pages before a meeting: planning it, its page, editing, moving and cancelling it,
and whom it invites."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Invitation, Meeting, Membership, Person
from groups.services import plan_meeting
from tests.factories import MembershipFactory, PersonFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text, visible_text

NEXT_YEAR = timezone.localdate().year + 1


def plan_data(**changes):
    """What the chair fills in on the form of a new meeting (no new guests)."""
    data = {
        "kind": "meeting", "title": "", "date": f"{NEXT_YEAR}-03-12", "starts_time": "15:00", "ends_time": "17:00",
        "place": "Radnice, zasedací místnost", "online_url": "", "is_public": "on", "topic": "", "lecturer": "",
        "hours": "", "agenda": "Zahájení\nPodněty z terénu\n\nRůzné", "invite_members": "on",
        "novy-host-TOTAL_FORMS": "2", "novy-host-INITIAL_FORMS": "0", "novy-host-MIN_NUM_FORMS": "0",
        "novy-host-MAX_NUM_FORMS": "20",
        "novy-host-0-name": "", "novy-host-0-organisation": "", "novy-host-0-email": "",
        "novy-host-1-name": "", "novy-host-1-organisation": "", "novy-host-1-email": "",
    }
    data.update(changes)
    return data


def create_url(group):
    return reverse("groups:meeting_create", args=[group.slug])


def manage_url(meeting):
    return reverse("groups:meeting_manage", args=[meeting.group.slug, meeting.pk])


def edit_url(meeting):
    return reverse("groups:meeting_edit", args=[meeting.group.slug, meeting.pk])


def cancel_url(meeting):
    return reverse("groups:meeting_cancel", args=[meeting.group.slug, meeting.pk])


def ics_of(message):
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics")
    return content.decode() if isinstance(content, bytes) else content, mimetype


@pytest.fixture
def members_a(group_a, chair_a):
    """Group A's chair (with an e-mail), two members with e-mails and one without."""
    for name, email in (("Marie Dvořáková", "marie@example.cz"), ("Karel Novák", "karel@example.cz"),
                        ("Věra Malá", "")):
        MembershipFactory(group=group_a, user=None, person=PersonFactory(name=name, email=email))
    return group_a.memberships.current()


def meeting_of(group, by, days=7, **fields):
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=days)
    return plan_meeting(group, by, agenda_titles=["Zahájení", "Různé"],
                        **{"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=2),
                           "place": "Radnice", **fields})


def test_the_chair_plans_a_meeting_and_the_invited_get_an_ics(
    client_as, chair_a, members_a, group_a, tasks, mailoutbox, django_capture_on_commit_callbacks,
):
    guest = PersonFactory(name="Jan Host", organisation="Charita", email="host@example.cz")
    client = client_as(chair_a)
    open_form(client, create_url(group_a), ["date", "starts_time", "ends_time", "agenda", "guests",
                                            "novy-host-0-name"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(create_url(group_a), plan_data(**{
            "guests": [guest.pk], "novy-host-0-name": "Eva Nová", "novy-host-0-organisation": "Diakonie",
            "novy-host-0-email": "eva@example.cz",
        }))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == manage_url(meeting)
    assert meeting.number == 1
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == f"{NEXT_YEAR}-03-12 15:00"
    assert [item.title for item in meeting.agenda.all()] == ["Zahájení", "Podněty z terénu", "Různé"]
    assert meeting.invitations.filter(is_guest=False).count() == members_a.count() == 4
    assert set(meeting.invitations.filter(is_guest=True).values_list("person__name", flat=True)) == {
        "Jan Host", "Eva Nová"}
    assert Person.objects.get(name="Eva Nová").organisation == "Diakonie"
    assert tasks.names == ["send_invitations"]
    assert mailoutbox == []  # the e-mail is sent by the worker, not by the request
    tasks.run_all()
    message, = mailoutbox
    assert {"marie@example.cz", "karel@example.cz", "host@example.cz", "eva@example.cz"} <= set(message.bcc)
    ics, mimetype = ics_of(message)
    assert "method=REQUEST" in mimetype
    assert "METHOD:REQUEST" in ics
    assert "SEQUENCE:0" in ics
    assert "Podněty z terénu" in ics.replace("\r\n ", "")

    # The second meeting of the group gets the next number.
    open_form(client, create_url(group_a))
    client.post(create_url(group_a), plan_data(date=f"{NEXT_YEAR}-04-09", invite_members=""))
    second = Meeting.objects.get(number=2)
    assert second.invitations.count() == 0


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"ends_time": "14:00"}, "ends_time", "Jednání musí skončit až po svém začátku."),
    ({"place": "", "online_url": ""}, "place", "Zadejte místo, odkaz na online jednání, nebo obojí."),
    ({"kind": "workshop", "topic": "Dluhová problematika", "hours": ""}, "hours", "Workshop potřebuje svou délku"),
    ({"kind": "workshop", "topic": "", "hours": "6,5"}, "topic", "Workshop potřebuje své téma."),
    ({"date": "31. 2. 2026"}, "date", "Zadejte platné datum."),
])
def test_bad_input_is_explained_in_czech_and_keeps_what_was_typed(
    client_as, chair_a, group_a, changes, field, message,
):
    client = client_as(chair_a)
    open_form(client, create_url(group_a))
    response = client.post(create_url(group_a), plan_data(title="Jarní setkání", **changes))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert 'value="Jarní setkání"' in page_text(response)
    assert "Podněty z terénu" in page_text(response)
    assert not Meeting.objects.exists()


def test_a_workshop_takes_hours_with_a_decimal_comma_and_czech_dates(client_as, chair_a, group_a):
    client = client_as(chair_a)
    open_form(client, create_url(group_a))
    response = client.post(create_url(group_a), plan_data(
        kind="workshop", topic="Dluhová problematika", lecturer="Mgr. Petr Černý", hours="4,5",
        date=f"12. 3. {NEXT_YEAR}", starts_time="9:00", ends_time="13:30"))
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get()
    assert str(meeting.hours) == "4.5"
    assert timezone.localtime(meeting.ends_at).strftime("%d. %m. %H:%M") == "12. 03. 13:30"


def test_only_those_who_record_plan_meetings(client_as, member_a, steering_member, member_b, group_a):
    assert client_as(member_a).get(create_url(group_a)).status_code == 403
    assert client_as(steering_member).get(create_url(group_a)).status_code == 403
    assert client_as(member_b).get(create_url(group_a)).status_code == 404


def test_the_staff_index_lists_coming_and_unapproved_meetings(client_as, chair_a, member_a, group_a, group_b,
                                                             coordinator):
    coming = meeting_of(group_a, chair_a, title="Jarní jednání")
    held = meeting_of(group_a, chair_a, days=-3, title="Zimní jednání")
    meeting_of(group_b, coordinator, title="Jednání skupiny B")
    response = client_as(chair_a).get(reverse("groups:staff_index"))
    text = page_text(response)
    assert "Jarní jednání" in text
    assert "Zimní jednání" in text
    assert "Jednání skupiny B" not in text
    assert create_url(group_a) in text
    assert manage_url(coming) in text
    assert manage_url(held) in text
    # A member reads, but plans nothing.
    assert create_url(group_a) not in page_text(client_as(member_a).get(reverse("groups:staff_index")))
    # The coordinator sees every group.
    text = page_text(client_as(coordinator).get(reverse("groups:staff_index")))
    assert "Jednání skupiny B" in text
    assert create_url(group_b) in text


def test_the_staff_index_answers_in_queries_that_do_not_grow(client_as, coordinator, group_a, group_b):
    client = client_as(coordinator)
    number = iter(range(1, 1000))

    def add_meetings(count):
        for _ in range(count):
            for group in (group_a, group_b):
                meeting_of(group, coordinator, days=next(number))

    assert assert_queries_do_not_grow(lambda: client.get(reverse("groups:staff_index")), add_meetings) <= 15


def test_the_meeting_page_shows_the_invited_and_is_read_only_for_members(client_as, chair_a, member_a, members_a,
                                                                         group_a):
    meeting = meeting_of(group_a, chair_a)
    chair_page = page_text(client_as(chair_a).get(manage_url(meeting)))
    assert "Marie Dvořáková" in chair_page
    assert "Zahájení" in chair_page
    assert edit_url(meeting) in chair_page
    assert cancel_url(meeting) in chair_page
    member_page = page_text(client_as(member_a).get(manage_url(meeting)))
    assert "Marie Dvořáková" in member_page
    assert edit_url(meeting) not in member_page
    assert cancel_url(meeting) not in member_page


def test_moving_a_meeting_raises_its_sequence_and_tells_the_invited(
    client_as, chair_a, members_a, group_a, tasks, mailoutbox, django_capture_on_commit_callbacks,
):
    meeting = meeting_of(group_a, chair_a)
    tasks.backend.clear()
    client = client_as(chair_a)
    form = open_form(client, edit_url(meeting), ["date", "starts_time", "agenda", "revision"]).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(date=f"{NEXT_YEAR}-05-20", starts_time="10:00", ends_time="12:00", is_public="on",
                agenda="Zahájení\nNový bod\nRůzné", hours="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(meeting), {k: v for k, v in data.items() if v not in (None, False)})
    assert response.status_code == 302, response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.revision == 2
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == f"{NEXT_YEAR}-05-20 10:00"
    assert [item.title for item in meeting.agenda.all()] == ["Zahájení", "Nový bod", "Různé"]
    tasks.run_all()
    message, = mailoutbox
    assert "přesunuto" in message.subject.lower() or "moved" in message.subject.lower()
    ics, mimetype = ics_of(message)
    assert "METHOD:REQUEST" in ics
    assert "SEQUENCE:1" in ics
    assert "method=REQUEST" in mimetype


def test_editing_details_alone_does_not_move_the_meeting(client_as, chair_a, group_a, tasks,
                                                         django_capture_on_commit_callbacks):
    meeting = meeting_of(group_a, chair_a)
    tasks.backend.clear()
    client = client_as(chair_a)
    form = open_form(client, edit_url(meeting)).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    data.update(title="Jednání o rozpočtu", is_public="on", starts_time=data["starts_time"].strftime("%H:%M"),
                ends_time=data["ends_time"].strftime("%H:%M"), date=data["date"].isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit_url(meeting), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Jednání o rozpočtu"
    assert meeting.sequence == 0
    assert tasks.names == []


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(client_as, chair_a, coordinator, group_a):
    meeting = meeting_of(group_a, chair_a)
    data = {"kind": "meeting", "date": f"{NEXT_YEAR}-03-12", "starts_time": "15:00", "ends_time": "17:00",
            "place": "Radnice", "is_public": "on", "agenda": "Zahájení", "revision": "1"}
    open_form(client_as(coordinator), edit_url(meeting))
    assert client_as(coordinator).post(edit_url(meeting), {**data, "title": "Koordinátorčin název"}).status_code == 302
    open_form(client_as(chair_a), edit_url(meeting))
    response = client_as(chair_a).post(edit_url(meeting), {**data, "title": "Předsedův název"})
    assert response.status_code == 409
    assert "Předsedův název" in page_text(response)
    assert "Koordinátorčin název" in page_text(response)
    assert response.context["form"]["revision"].value() == 2
    meeting.refresh_from_db()
    assert meeting.title == "Koordinátorčin název"


def test_a_held_meeting_keeps_its_time_and_place(client_as, chair_a, group_a):
    meeting = meeting_of(group_a, chair_a, days=-2)
    client = client_as(chair_a)
    open_form(client, edit_url(meeting))
    response = client.post(edit_url(meeting), {
        "kind": "meeting", "title": "Opravený název", "date": f"{NEXT_YEAR}-01-01", "starts_time": "08:00",
        "ends_time": "09:00", "place": "Jinde", "is_public": "on", "agenda": "Zahájení\nRůzné", "revision": "1"})
    assert response.status_code == 302, response.context["form"].errors
    before_start = meeting.starts_at
    meeting.refresh_from_db()
    assert meeting.title == "Opravený název"
    assert meeting.place == "Radnice"
    assert meeting.starts_at == before_start
    assert meeting.sequence == 0


def test_an_agenda_item_with_minutes_is_not_dropped(client_as, chair_a, group_a):
    meeting = meeting_of(group_a, chair_a, days=-2)
    meeting.agenda.filter(title="Různé").update(record="Diskutovalo se o dopravě.")
    client = client_as(chair_a)
    open_form(client, edit_url(meeting))
    response = client.post(edit_url(meeting), {
        "kind": "meeting", "place": "Radnice", "is_public": "on", "agenda": "Zahájení", "revision": "1"})
    assert response.status_code == 200
    assert "zápis jej již zaznamenává" in " ".join(response.context["form"].errors["agenda"])
    assert meeting.agenda.count() == 2


def test_cancelling_tells_the_invited_with_a_cancel_ics(
    client_as, chair_a, members_a, group_a, tasks, mailoutbox, django_capture_on_commit_callbacks,
):
    meeting = meeting_of(group_a, chair_a)
    tasks.backend.clear()
    client = client_as(chair_a)
    open_form(client, cancel_url(meeting), ["reason"])
    assert client.post(cancel_url(meeting), {"reason": ""}).context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(meeting), {"reason": "Nemoc předsedkyně"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancel_reason == "Nemoc předsedkyně"
    assert meeting.sequence == 1
    tasks.run_all()
    message, = mailoutbox
    ics, mimetype = ics_of(message)
    assert "METHOD:CANCEL" in ics
    assert "STATUS:CANCELLED" in ics
    assert "method=CANCEL" in mimetype
    assert "Nemoc předsedkyně" in message.body
    # A cancelled meeting is neither edited nor cancelled again; its page says why.
    assert client.get(edit_url(meeting)).status_code == 403
    assert client.get(cancel_url(meeting)).status_code == 403
    assert "Nemoc předsedkyně" in page_text(client.get(manage_url(meeting)))


def test_a_guest_is_invited_and_removed_before_the_meeting(
    client_as, chair_a, members_a, group_a, tasks, mailoutbox, django_capture_on_commit_callbacks,
):
    meeting = meeting_of(group_a, chair_a)
    tasks.backend.clear()
    client = client_as(chair_a)
    add_url = reverse("groups:invitation_add", args=[group_a.slug, meeting.pk])
    assert 'name="person"' in page_text(client.get(manage_url(meeting)))
    response = client.post(add_url, {"person": "", "name": ""})
    assert response.status_code == 400
    assert response.context["invite_form"].errors["person"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url, {"name": "Ing. Jan Host", "organisation": "Úřad práce",
                                          "email": "host@example.cz"})
    assert response.status_code == 302
    invitation = meeting.invitations.get(person__name="Ing. Jan Host")
    assert invitation.is_guest
    tasks.run_all()
    message, = mailoutbox
    assert message.bcc == ["host@example.cz"]  # only the new guest, not everyone again
    member_invitation = meeting.invitations.get(person__name="Věra Malá")
    remove_url = reverse("groups:invitation_remove", args=[group_a.slug, meeting.pk, member_invitation.pk])
    assert client.post(remove_url).status_code == 302
    assert not Invitation.objects.filter(pk=member_invitation.pk).exists()


def test_nobody_is_removed_after_the_meeting(client_as, chair_a, members_a, group_a):
    meeting = meeting_of(group_a, chair_a, days=-2)
    invitation = meeting.invitations.first()
    client = client_as(chair_a)
    client.post(reverse("groups:invitation_remove", args=[group_a.slug, meeting.pk, invitation.pk]))
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_another_groups_meeting_is_404_on_the_staff_pages(client_as, member_b, chair_a, group_a):
    meeting = meeting_of(group_a, chair_a)  # public: its public page is open to all, its staff page is not
    client = client_as(member_b)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    for url in (manage_url(meeting), edit_url(meeting), cancel_url(meeting)):
        assert client.get(url).status_code == 404


def test_the_dashboard_links_to_the_meetings(client_as, member_a):
    assert reverse("groups:staff_index") in page_text(client_as(member_a).get(reverse("planning:dashboard")))


def test_a_secretary_records_too(client_as, group_a):
    secretary = MembershipFactory(group=group_a, user__username="tajemnice",
                                  position=Membership.Position.SECRETARY).user
    assert client_as(secretary).get(create_url(group_a)).status_code == 200


def test_the_meeting_page_answers_in_queries_that_do_not_grow(client_as, chair_a, group_a):
    meeting = meeting_of(group_a, chair_a)
    client = client_as(chair_a)

    def add_invited(count):
        for _ in range(count):
            Invitation.objects.create(meeting=meeting, person=PersonFactory(), is_guest=True)

    assert assert_queries_do_not_grow(lambda: client.get(manage_url(meeting)), add_invited) <= 15


def test_the_forms_labels_start_with_a_capital(client_as, chair_a, group_a):
    from tests.test_labels import assert_labels_start_with_a_capital

    meeting = meeting_of(group_a, chair_a)
    assert_labels_start_with_a_capital(client_as(chair_a), [
        create_url(group_a), edit_url(meeting), cancel_url(meeting), manage_url(meeting)])


def test_the_meeting_page_leads_to_its_minutes(client_as, chair_a, member_a, group_a, coordinator):
    coming, held = meeting_of(group_a, chair_a), meeting_of(group_a, chair_a, days=-3)
    workspace = reverse("groups:minutes_edit", args=[held.group.slug, held.pk])
    approve = reverse("groups:minutes_approve", args=[held.group.slug, held.pk])
    page = client_as(chair_a).get(manage_url(held)).content.decode()
    assert workspace in page
    assert approve in page
    assert reverse("groups:minutes_edit", args=[coming.group.slug, coming.pk]) not in \
        client_as(chair_a).get(manage_url(coming)).content.decode()
    as_member = client_as(member_a).get(manage_url(held)).content.decode()
    assert workspace not in as_member
    assert held.get_absolute_url() in as_member  # members read the draft on the meeting's page
    held.minutes.approve(coordinator)
    page = client_as(chair_a).get(manage_url(held)).content.decode()
    assert reverse("groups:minutes_correct", args=[held.group.slug, held.pk]) in page
    assert held.get_absolute_url() in page  # the approved minutes, with their PDF once it is rendered
    assert approve not in page


def test_the_invited_are_listed_with_the_organisation_they_sit_for(client_as, chair_a, group_a):
    MembershipFactory(group=group_a, user=None, organisation="Pečovatelská služba Lipovec",
                      person=PersonFactory(name="Jana Seat", organisation=""))
    MembershipFactory(group=group_a, user=None, person=PersonFactory(name="Karel Own", organisation="Senior klub"))
    meeting = meeting_of(group_a, chair_a)
    text = visible_text(client_as(chair_a).get(manage_url(meeting)))
    assert "Jana Seat Pečovatelská služba Lipovec" in text
    assert "Karel Own Senior klub" in text
