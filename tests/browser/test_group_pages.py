"""The groups' public pages in a real browser: the list, a group, a meeting with approved minutes,
a draft as a member of the group reads it, and the register of resolutions; axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, MembershipFactory, PersonFactory
from tests.test_group_pages import held_meeting, make_meeting, public_measure, ready_pdf

pytestmark = pytest.mark.browser


@pytest.fixture
def meetings(town, group_a, coordinator):
    group_a.description = "Skupina plánuje služby pro seniory a pečující."
    group_a.public_contact = "Mgr. Jana Nováková, kpss@lipovec.example"
    group_a.abbreviation = "PS SEN"
    group_a.save()
    MembershipFactory(group=group_a, user=None, person=PersonFactory(name="Ing. Petr Veřejný"), publish_name=True,
                      organisation="Charita Lipovec")
    approved = held_meeting(group_a, coordinator, days=-30)
    ready_pdf(approved)
    draft = held_meeting(group_a, coordinator, days=-3, approve=False)
    make_meeting(group_a, 14)
    make_meeting(group_a, 21).cancel(coordinator, "Nemoc předsedkyně")
    return {"approved": approved, "draft": draft}


@pytest.mark.parametrize(("path", "heading"), [
    ("/skupiny/", "Plánovací skupiny"),
    ("/skupiny/seniori/", "Pracovní skupina Senioři"),
    ("/skupiny/seniori/usneseni/", "Usnesení – Pracovní skupina Senioři"),
])
def test_group_pages_are_accessible(page, meetings, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    assert page.problems == []


def test_a_meeting_with_approved_minutes_is_accessible(page, meetings):
    page.goto(meetings["approved"].get_absolute_url())
    expect(page.get_by_role("heading", name="Zápis", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Zápis v PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Stáhnout PDF")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []


def test_a_draft_read_by_a_member_is_marked_and_accessible(page, meetings, member_a):
    sign_in(page, member_a.username, PASSWORD)
    page.goto(meetings["draft"].get_absolute_url())
    expect(page.get_by_text("Koncept – neschválený zápis")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []


def test_a_measure_with_the_groups_resolutions_and_tasks_and_the_documents_are_accessible(
    page, town, group_a, coordinator,
):
    measure = public_measure(group_a, coordinator)
    ready_pdf(held_meeting(group_a, coordinator, measure=measure))
    page.goto(measure.get_absolute_url())
    expect(page.get_by_role("heading", name="Usnesení a úkoly skupin")).to_be_visible()
    assert_accessible(page)
    page.goto("/dokumenty/")
    expect(page.get_by_role("heading", name="Zápisy skupin")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []
