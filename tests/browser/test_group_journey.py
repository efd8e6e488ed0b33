"""The issue's whole path in one browser: a chair plans a meeting (entered after it took place, as
chairs often do), records attendance, the minutes, a resolution and a task, approves the minutes,
and the public group page and meeting page show them; members of another group cannot reach it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Meeting, Membership
from tests.browser.conftest import assert_accessible, open_page, sign_in
from tests.factories import PASSWORD, MembershipFactory, PersonFactory

pytestmark = pytest.mark.browser


def field(page, label):
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


def test_a_meeting_from_planning_to_the_public_archive(browser, server, page, town, group_a, member_b):
    group_a.abbreviation = "PS SEN"
    group_a.save()
    chair = MembershipFactory(group=group_a, user__username="predsedkyne", user__first_name="Alena",
                              user__last_name="Malá", position=Membership.Position.CHAIR, publish_name=True).user
    MembershipFactory(group=group_a, user=None, publish_name=False,
                      person=PersonFactory(name="Marie Dvořáková", organisation="Charita Lipovec", email=""))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    sign_in(page, chair.username, PASSWORD)
    page.goto("/sprava/skupiny/")
    page.get_by_role("link", name=re.compile(r"^Naplánovat jednání")).first.click()
    field(page, "Datum").fill(yesterday.isoformat())
    field(page, "Začátek").fill("15:00")
    field(page, "Konec").fill("17:00")
    field(page, "Místo").fill("Radnice, zasedací místnost")
    field(page, "Program").fill("Zahájení\nTerénní služby pro seniory")
    page.get_by_role("button", name="Naplánovat jednání a rozeslat pozvánky").click()
    expect(page.locator(".alert-success")).to_be_visible()
    meeting = Meeting.objects.get(group=group_a)

    page.get_by_role("link", name="Zapsat účast a zápis").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zápis")
    for index, invitation in enumerate(meeting.invitations.select_related("person")):
        choice = 0 if invitation.person.user_id == chair.pk else 1  # the chair came, the member excused
        page.locator(f"#id_attendance-{index}-attendance_{choice}").check()
    page.locator("#id_other_participants").fill("3")
    page.locator("#id_agenda-1-record").fill("Skupina probrala **kapacity** terénních služeb.")
    page.locator("#id_resolutions-0-text").fill("Skupina doporučuje rozšířit pečovatelskou službu.")
    page.locator("#id_resolutions-0-votes_for").fill("5")
    page.locator("#id_tasks-0-title").fill("Zjistit kapacity pečovatelské služby")
    page.locator("#id_tasks-0-responsible").select_option(label=chair.person.name)
    page.get_by_role("button", name="Uložit", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Uloženo")

    page.get_by_role("link", name="Schválit zápis…").click()
    page.get_by_role("button", name="Schválit a zveřejnit").click()
    expect(page.locator(".alert-success")).to_contain_text("schválen")
    reference = f"PS SEN 1/{yesterday.year}"

    context, public = open_page(browser, server)
    public.goto(f"/skupiny/{group_a.slug}/")
    archive = public.locator("main")
    expect(archive).to_contain_text(str(yesterday.year))
    public.get_by_role("link", name=re.compile(str(meeting))).first.click()
    main = public.locator("main")
    expect(main).to_contain_text(f"{yesterday.day}. {yesterday.month}. {yesterday.year}")
    expect(main).to_contain_text("kapacity terénních služeb")
    expect(main).to_contain_text(reference)
    expect(main).to_contain_text("Zjistit kapacity pečovatelské služby")
    expect(main).to_contain_text("Alena Malá")  # consented to publish her name
    expect(main).not_to_contain_text("Marie Dvořáková")  # did not: counted, not named
    assert_accessible(public)
    public.goto(f"/skupiny/{group_a.slug}/usneseni/")
    expect(public.locator("main")).to_contain_text(reference)
    context.close()

    # A member of another group does not reach the group's staff pages of the meeting.
    context, other = open_page(browser, server)
    sign_in(other, member_b.username, PASSWORD)
    response = other.goto(f"/sprava/skupiny/{group_a.slug}/jednani/{meeting.pk}/zapis/")
    assert response.status == 404
    context.close()
