"""What the public and the groups' readers see of the groups: the list, a group's page with its
minutes archive, a meeting with its minutes (frozen when approved, drafts only for their readers),
the register of resolutions, the home and documents pages and a measure's chain of resolutions and
tasks."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from groups.models import AgendaItem, Invitation, Meeting, MinutesAttachment, Resolution, Task
from tests.factories import GroupFactory, MembershipFactory, PersonFactory
from tests.helpers import assert_queries_do_not_grow, page_text, visible_text

PUBLIC_PAGE_BUDGET = 15


def at(days, hour=15):
    """An aware moment `days` from today at `hour` o'clock in Prague."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_meeting(group, days, hour=15, agenda=("Zahájení", "Plán na rok 2027"), **fields):
    from groups.models import Minutes

    number = (group.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    meeting = Meeting.objects.create(group=group, number=number, starts_at=at(days, hour),
                                     ends_at=at(days, hour + 2), place="Radnice, zasedací místnost", **fields)
    for position, title in enumerate(agenda, start=1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=title,
                                  record=f"Skupina projednala **{title.lower()}**.")
    Minutes.objects.create(meeting=meeting)
    return meeting


def held_meeting(group, coordinator, days=-14, approve=True, measure=None):
    """A past meeting with attendance, a resolution and a task, its minutes approved unless told not."""
    meeting = make_meeting(group, days)
    consenting = MembershipFactory(group=group, user=None, person=PersonFactory(name="Věra Souhlasná"),
                                   publish_name=True)
    private = MembershipFactory(group=group, user=None, person=PersonFactory(name="Karel Skrytý"))
    excused = MembershipFactory(group=group, user=None, person=PersonFactory(name="Olga Omluvená"))
    Invitation.objects.bulk_create([
        Invitation(meeting=meeting, person=consenting.person, attendance=Invitation.PRESENT),
        Invitation(meeting=meeting, person=private.person, attendance=Invitation.PRESENT),
        Invitation(meeting=meeting, person=excused.person, attendance=Invitation.EXCUSED),
    ])
    Meeting.objects.filter(pk=meeting.pk).update(guests_count=4)
    resolution = Resolution.objects.create(group=group, meeting=meeting, text="Skupina schvaluje dotazník.",
                                           votes_for=7, votes_against=1, votes_abstained=2, measure=measure)
    Task.objects.create(group=group, meeting=meeting, resolution=resolution, title="Rozeslat dotazník",
                        responsible=consenting.person, due_on=timezone.localdate() + datetime.timedelta(days=10),
                        measure=measure)
    MinutesAttachment.objects.create(minutes=meeting.minutes, title="Prezenční listina",
                                     file=ContentFile(b"%PDF-1.7 listina", name="listina.pdf"))
    if approve:
        meeting.minutes.approve(coordinator)
    meeting.refresh_from_db()
    return meeting


def ready_pdf(meeting):
    """The archival PDF of the newest version of the meeting's minutes, as if rendered."""
    from groups.documents import MinutesLayout
    from tests.test_access_matrix import _ready_pdf

    return _ready_pdf(meeting.minutes.versions.last(), MinutesLayout.name)


@pytest.fixture
def group(group_a):
    group_a.description = "Skupina plánuje služby pro seniory."
    group_a.public_contact = "Mgr. Jana Nováková, jana@lipovec.cz"
    group_a.abbreviation = "PS SEN"
    group_a.save()
    return group_a


# --- the list of groups ---------------------------------------------------------------------------

def test_the_list_shows_each_group_with_its_public_members_contact_and_upcoming_meetings(client, group):
    MembershipFactory(group=group, user=None, person=PersonFactory(name="Věra Souhlasná"), publish_name=True)
    MembershipFactory(group=group, user=None, person=PersonFactory(name="Karel Skrytý"))
    make_meeting(group, 10, hour=15)
    make_meeting(group, 20, is_public=False, title="Neveřejná porada")
    text = visible_text(client.get("/skupiny/"))
    assert "Skupina plánuje služby pro seniory." in text
    assert "jana@lipovec.cz" in text
    assert "Věra Souhlasná" in text
    assert "Karel Skrytý" not in text
    day = timezone.localdate() + datetime.timedelta(days=10)
    assert f"{day.day}. {day.month}. {day.year} 15:00" in text
    assert "Neveřejná porada" not in text


# --- a group's page -------------------------------------------------------------------------------

def test_a_groups_page_shows_upcoming_meetings_and_the_archive_of_approved_minutes(client, group, coordinator):
    held = held_meeting(group, coordinator, days=-30)
    ready_pdf(held)
    without_pdf = held_meeting(group, coordinator, days=-20)
    draft = held_meeting(group, coordinator, days=-3, approve=False)
    cancelled = make_meeting(group, 5)
    cancelled.cancel(coordinator, "Nemoc předsedkyně")
    upcoming = make_meeting(group, 12, hour=9)
    response = client.get(f"/skupiny/{group.slug}/")
    html, text = page_text(response), visible_text(response)
    assert f"/skupiny/{group.slug}/jednani/{held.pk}/zapis.pdf" in html
    assert without_pdf.get_absolute_url() in html
    assert f"/jednani/{without_pdf.pk}/zapis.pdf" not in html  # not rendered yet
    assert f"/jednani/{draft.pk}/" not in html  # drafts are never public
    assert "koncept" not in text
    assert upcoming.get_absolute_url() in html
    assert "9:00" in text
    assert cancelled.get_absolute_url() in html
    assert "zrušeno" in text
    assert "Věra Souhlasná" in text
    assert "Karel Skrytý" not in text
    assert f"/skupiny/{group.slug}/usneseni/" in html
    assert f"/skupiny/{group.slug}/kalendar.ics" in html


def test_members_see_held_meetings_with_draft_minutes_marked_as_drafts(client, group, coordinator, member_a):
    draft = held_meeting(group, coordinator, days=-3, approve=False)
    client.force_login(member_a)
    response = client.get(f"/skupiny/{group.slug}/")
    assert draft.get_absolute_url() in page_text(response)
    assert "koncept" in visible_text(response)


def test_a_non_public_meeting_is_listed_only_for_the_groups_readers(client, group, member_a, member_b):
    hidden = make_meeting(group, 8, is_public=False)
    assert hidden.get_absolute_url() not in page_text(client.get(f"/skupiny/{group.slug}/"))
    client.force_login(member_b)
    assert hidden.get_absolute_url() not in page_text(client.get(f"/skupiny/{group.slug}/"))
    client.force_login(member_a)
    assert hidden.get_absolute_url() in page_text(client.get(f"/skupiny/{group.slug}/"))


# --- a meeting and its minutes --------------------------------------------------------------------

def test_approved_minutes_show_counts_consenting_names_text_resolutions_tasks_and_files(client, group, coordinator):
    meeting = held_meeting(group, coordinator)
    ready_pdf(meeting)
    response = client.get(meeting.get_absolute_url())
    html, text = page_text(response), visible_text(response)
    assert "Přítomni: 2 (z toho Věra Souhlasná)" in text
    assert "Omluveni: 1" in text
    assert "Nepřítomni: 0" in text
    assert "Další účastníci: 4" in text
    assert "Karel Skrytý" not in text
    assert "Olga Omluvená" not in text
    assert "<strong>plán na rok 2027</strong>" in html  # the Markdown rendered
    year = timezone.localtime(meeting.starts_at).year
    assert f"PS SEN 1/{year}" in text
    assert "Skupina schvaluje dotazník." in text
    assert "pro 7, proti 1, zdrželo se 2" in text
    assert "Rozeslat dotazník" in text
    attachment = meeting.minutes.attachments.get()
    assert attachment.get_download_url() in html
    assert f"/jednani/{meeting.pk}/zapis.pdf" in html
    assert "Verze 1: schváleno" in text


def test_approved_minutes_are_shown_as_frozen_with_the_corrections(client, group, coordinator):
    meeting = held_meeting(group, coordinator)
    AgendaItem.objects.filter(meeting=meeting).update(record="Opravený text zápisu.")
    assert "Opravený text zápisu." not in visible_text(client.get(meeting.get_absolute_url()))
    meeting.minutes.correct(coordinator, "Překlep ve jménu")
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Opravený text zápisu." in text
    assert "Verze 2: opraveno" in text
    assert "Překlep ve jménu" in text


def test_drafts_are_not_public_and_their_readers_see_them_marked(client, group, coordinator, member_a, member_b):
    meeting = held_meeting(group, coordinator, approve=False)
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Zápis z jednání zatím nebyl schválen." in text
    assert "Skupina projednala" not in text
    assert "Skupina schvaluje dotazník." not in text
    assert "Karel Skrytý" not in text
    client.force_login(member_b)
    assert "Skupina schvaluje dotazník." not in visible_text(client.get(meeting.get_absolute_url()))
    client.force_login(member_a)
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Koncept – neschválený zápis" in text
    assert "Skupina projednala plán na rok 2027." in text
    assert "Skupina schvaluje dotazník." in text
    assert f"/jednani/{meeting.pk}/zapis.pdf" not in page_text(client.get(meeting.get_absolute_url()))


def test_a_cancelled_meeting_says_so_and_why(client, group, coordinator):
    meeting = make_meeting(group, 6)
    meeting.cancel(coordinator, "Nemoc předsedkyně")
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Jednání je zrušeno." in text
    assert "Nemoc předsedkyně" in text


def test_a_workshop_shows_its_topic_lecturer_and_hours(client, group):
    meeting = make_meeting(group, 6, kind=Meeting.Kind.WORKSHOP, topic="Síťování služeb", lecturer="Mgr. Králová",
                           hours="6.5")
    text = visible_text(client.get(meeting.get_absolute_url()))
    assert "Síťování služeb" in text
    assert "Mgr. Králová" in text
    assert "6,5" in text


# --- the register of resolutions ------------------------------------------------------------------

def test_the_register_lists_numbered_resolutions_by_year_and_filters_by_year(client, group, coordinator):
    meeting = held_meeting(group, coordinator)
    held_meeting(group, coordinator, days=-2, approve=False)  # its resolution has no number yet
    Resolution.objects.filter(meeting=meeting).update(year=2024)
    text = visible_text(client.get(f"/skupiny/{group.slug}/usneseni/"))
    assert "PS SEN 1/2024" in text
    assert text.count("Skupina schvaluje dotazník.") == 1
    assert "PS SEN 1/2024" in visible_text(client.get(f"/skupiny/{group.slug}/usneseni/?rok=2024"))
    assert client.get(f"/skupiny/{group.slug}/usneseni/?rok=2023").status_code == 404
    assert client.get(f"/skupiny/{group.slug}/usneseni/?rok=abc").status_code == 404


# --- home, documents, a measure -------------------------------------------------------------------

def test_the_home_page_lists_the_next_public_meetings(client, group):
    soon = make_meeting(group, 3, hour=16)
    hidden = make_meeting(group, 4, is_public=False)
    html = page_text(client.get("/"))
    assert soon.get_absolute_url() in html
    assert hidden.get_absolute_url() not in html
    day = timezone.localdate() + datetime.timedelta(days=3)
    assert f"{day.day}. {day.month}. {day.year} 16:00" in visible_text(client.get("/"))


def test_the_documents_page_lists_approved_minutes_pdfs(client, group, coordinator):
    meeting = held_meeting(group, coordinator)
    draft = held_meeting(group, coordinator, days=-2, approve=False)
    text = visible_text(client.get("/dokumenty/"))
    assert "Zápisy skupin" in text
    assert str(meeting) in text
    assert str(draft) not in text


def test_a_measure_lists_resolutions_and_tasks_from_approved_minutes(client, group, coordinator, member_a):
    from planning.models import Plan

    measure = public_measure(group, coordinator)
    approved = held_meeting(group, coordinator, measure=measure)
    draft = held_meeting(group, coordinator, days=-2, approve=False, measure=measure)
    Resolution.objects.filter(meeting=draft).update(text="Návrh usnesení v konceptu.")
    assert measure.plan.status != Plan.Status.DRAFT
    response = client.get(measure.get_absolute_url())
    html, text = page_text(response), visible_text(response)
    year = timezone.localtime(approved.starts_at).year
    assert f"PS SEN 1/{year}" in text
    assert approved.get_absolute_url() in html
    assert text.count("Rozeslat dotazník") == 1
    assert "Návrh usnesení v konceptu." not in text
    client.force_login(member_a)
    assert "Návrh usnesení v konceptu." in visible_text(client.get(measure.get_absolute_url()))


def public_measure(group, coordinator):
    from tests.factories import ChapterFactory, GoalFactory, MeasureFactory, PlanFactory, PriorityFactory

    plan = PlanFactory(title="Akční plán 2026", slug="ap-2026")
    ChapterFactory(plan=plan)
    measure = MeasureFactory(goal=GoalFactory(priority=PriorityFactory(plan=plan), group=group))
    plan.renumber()
    plan.transition("open_for_comments", coordinator)
    measure.refresh_from_db()
    return measure


# --- query counts ---------------------------------------------------------------------------------

def _count_and_check(client, url, add_rows):
    count = assert_queries_do_not_grow(lambda: client.get(url), add_rows, few=2, many=8)
    assert count <= PUBLIC_PAGE_BUDGET, f"{url}: {count} queries"
    return count


@pytest.mark.parametrize("persona", ["anonymous", "member_a"])
def test_group_pages_run_few_queries_that_do_not_grow_with_meetings(request, client, group, coordinator, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    other = GroupFactory()
    MembershipFactory(group=other, user=None, publish_name=True)
    meeting = held_meeting(group, coordinator)
    ready_pdf(meeting)

    def add_meetings(n):
        for index in range(n):
            ready_pdf(held_meeting(group, coordinator, days=-40 - index))
            held_meeting(other, coordinator, days=-40 - index)
            make_meeting(group, 10 + index)
            make_meeting(other, 10 + index)

    def add_people(n):
        for _ in range(n):
            person = PersonFactory()
            MembershipFactory(group=group, user=None, person=person, publish_name=True)
            Invitation.objects.create(meeting=meeting, person=person, attendance=Invitation.PRESENT)

    _count_and_check(client, "/skupiny/", add_meetings)
    _count_and_check(client, f"/skupiny/{group.slug}/", add_meetings)
    _count_and_check(client, f"/skupiny/{group.slug}/usneseni/", add_meetings)
    _count_and_check(client, "/skupiny/kalendar.ics", add_meetings)
    _count_and_check(client, f"/skupiny/{group.slug}/kalendar.ics", add_meetings)
    _count_and_check(client, "/", add_meetings)
    _count_and_check(client, "/dokumenty/", add_meetings)
    _count_and_check(client, meeting.get_absolute_url(), add_people)


def test_a_draft_page_runs_few_queries_that_do_not_grow(client, group, coordinator, member_a):
    meeting = held_meeting(group, coordinator, approve=False)
    client.force_login(member_a)

    def add_rows(n):
        for index in range(n):
            person = PersonFactory()
            Invitation.objects.create(meeting=meeting, person=person, attendance=Invitation.PRESENT)
            Task.objects.create(group=group, meeting=meeting, title=f"Úkol {index}", responsible=person)
            Resolution.objects.create(group=group, meeting=meeting, text=f"Usnesení {index}")
            AgendaItem.objects.create(meeting=meeting, title=f"Bod {index}")

    _count_and_check(client, meeting.get_absolute_url(), add_rows)


def test_a_measures_page_runs_as_many_queries_however_many_resolutions_name_it(client, group, coordinator):
    measure = public_measure(group, coordinator)
    held_meeting(group, coordinator, measure=measure)

    def add_rows(n):
        for index in range(n):
            held_meeting(group, coordinator, days=-20 - index, measure=measure)

    assert_queries_do_not_grow(lambda: client.get(measure.get_absolute_url()), add_rows, few=2, many=6)


def test_the_register_leaves_out_resolutions_of_non_public_meetings(client, group, coordinator, member_a):
    closed = held_meeting(group, coordinator)
    Meeting.objects.filter(pk=closed.pk).update(is_public=False)
    Resolution.objects.filter(meeting=closed).update(text="Usnesení z neveřejného jednání.")
    assert "Usnesení z neveřejného jednání." not in visible_text(client.get(f"/skupiny/{group.slug}/usneseni/"))
    client.force_login(member_a)
    assert "Usnesení z neveřejného jednání." in visible_text(client.get(f"/skupiny/{group.slug}/usneseni/"))
