"""A group's chair plans a meeting in a real browser; the staff pages of meetings pass axe."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Meeting, Membership
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, MembershipFactory, PersonFactory

pytestmark = pytest.mark.browser


def field(page, label):
    """The form field labelled `label` (crispy marks a required one with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


@pytest.fixture
def seniors(group_a):
    """Group A as the demo has it: a chair with an account, members with and without one."""
    chair = MembershipFactory(group=group_a, user__username="clen", user__first_name="Petr",
                              user__last_name="Svoboda", position=Membership.Position.CHAIR).user
    for name, organisation in (("Marie Dvořáková", "Charita Lipovec"), ("Karel Novák", "Senior klub"),
                               ("Věra Malá", "")):
        MembershipFactory(group=group_a, user=None,
                          person=PersonFactory(name=name, organisation=organisation, email=""))
    PersonFactory(name="Jan Host", organisation="Úřad práce")
    return chair


def test_the_chair_plans_a_workshop_through_the_form(page, town, group_a, seniors):
    year = timezone.localdate().year + 1
    sign_in(page, seniors.username, PASSWORD)
    page.goto("/sprava/")
    page.get_by_role("link", name="Jednání skupin").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jednání skupin")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^Naplánovat jednání")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Naplánovat jednání")
    # The workshop's fields appear once the kind is a workshop.
    expect(field(page, "Téma")).to_be_hidden()
    field(page, "Druh").select_option(label="workshop")
    expect(field(page, "Téma")).to_be_visible()
    assert_accessible(page)

    # A mistake first: the end before the start, and no place; nothing typed is lost.
    field(page, "Název").fill("Workshop o dluhové problematice")
    field(page, "Datum").fill(f"{year}-03-12")
    field(page, "Začátek").fill("13:00")
    field(page, "Konec").fill("09:00")
    field(page, "Téma").fill("Dluhy seniorů")
    field(page, "Lektor").fill("Mgr. Petr Černý")
    field(page, "Hodin").fill("4,5")
    field(page, "Program").fill("Zahájení\nDluhová poradna v praxi\nDiskuse")
    page.get_by_role("button", name="Naplánovat jednání a rozeslat pozvánky").click()
    expect(page.get_by_text("Jednání musí skončit až po svém začátku.")).to_be_visible()
    expect(page.get_by_text("Zadejte místo, odkaz na online jednání, nebo obojí.")).to_be_visible()
    expect(field(page, "Název")).to_have_value("Workshop o dluhové problematice")
    expect(field(page, "Hodin")).to_have_value("4,5")
    assert_accessible(page)

    field(page, "Začátek").fill("09:00")
    field(page, "Konec").fill("13:30")
    field(page, "Místo").fill("Komunitní centrum, Náměstí 1")
    page.get_by_label("Hosté z evidence").select_option(label="Jan Host (Úřad práce)")
    page.get_by_label("Jméno hosta").first.fill("Eva Nová")
    page.get_by_label("Organizace").first.fill("Diakonie")
    page.get_by_role("button", name="Naplánovat jednání a rozeslat pozvánky").click()

    expect(page.locator(".alert-success")).to_contain_text("Jednání je naplánováno")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Workshop o dluhové problematice")
    invited = page.get_by_role("table")
    for name in ("Petr Svoboda", "Marie Dvořáková", "Jan Host", "Eva Nová"):
        expect(invited).to_contain_text(name)
    expect(page.get_by_role("listitem").filter(has_text="Dluhová poradna v praxi")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []

    meeting = Meeting.objects.get()
    assert meeting.kind == Meeting.Kind.WORKSHOP
    assert str(meeting.hours) == "4.5"
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "13:30"
    assert meeting.invitations.count() == 6
