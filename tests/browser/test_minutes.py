"""After a meeting its chair records attendance, the minutes, a resolution and a task, approves the
minutes, and the public meeting page shows them with the resolution's number."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import Invitation, Resolution
from groups.services import plan_meeting
from tests.browser.conftest import assert_accessible, open_page, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_chair_records_and_approves_the_minutes(browser, server, page, town, coordinator, chair_a, member_a,
                                                    group_a):
    group_a.abbreviation = "PS SEN"
    group_a.save()
    starts = timezone.now() - timedelta(days=1)
    meeting = plan_meeting(group_a, coordinator, agenda_titles=["Zahájení", "Terénní služby"], starts_at=starts,
                           ends_at=starts + timedelta(hours=2), place="Radnice, zasedací místnost")
    year = timezone.localtime(starts).year

    sign_in(page, chair_a.username, PASSWORD)
    page.goto(f"/sprava/skupiny/{group_a.slug}/jednani/{meeting.pk}/zapis/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zápis")
    assert_accessible(page)

    for index, invitation in enumerate(meeting.invitations.select_related("person")):
        choice = 0 if invitation.person.user_id == chair_a.pk else 1  # the chair came, the member excused
        page.locator(f"#id_attendance-{index}-attendance_{choice}").check()
    page.locator("#id_other_participants").fill("2")
    page.locator("#id_introduction").fill("Jednání řídila předsedkyně skupiny.")
    page.locator("#id_agenda-1-record").fill("Skupina probrala kapacity terénních služeb.")
    page.locator("#id_resolutions-0-text").fill("Skupina doporučuje rozšířit pečovatelskou službu.")
    page.locator("#id_resolutions-0-votes_for").fill("6")
    page.locator("#id_tasks-0-title").fill("Zjistit kapacity pečovatelské služby")
    page.locator("#id_tasks-0-responsible").select_option(label=chair_a.person.name)
    page.locator("#id_tasks-0-due_on").fill(f"{year + 1}-01-31")
    page.get_by_role("button", name="Uložit", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Uloženo")
    assert Invitation.objects.filter(meeting=meeting, attendance=Invitation.PRESENT).count() == 1

    page.get_by_role("link", name="Schválit zápis…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schválit zápis")
    expect(page.get_by_role("table")).to_contain_text(f"PS SEN 1/{year}")
    assert_accessible(page)
    page.get_by_role("button", name="Schválit a zveřejnit").click()
    expect(page.locator(".alert-success")).to_contain_text("schválen")
    assert Resolution.objects.get(meeting=meeting).reference == f"PS SEN 1/{year}"
    assert_accessible(page)  # the approved minutes, read-only, with their versions

    context, public = open_page(browser, server)
    public.goto(f"/skupiny/{group_a.slug}/jednani/{meeting.pk}/")
    expect(public.locator("main")).to_contain_text("Jednání řídila předsedkyně skupiny.")
    expect(public.locator("main")).to_contain_text(f"PS SEN 1/{year}")
    expect(public.locator("main")).to_contain_text("Skupina doporučuje rozšířit pečovatelskou službu.")
    expect(public.locator("main")).to_contain_text("Zjistit kapacity pečovatelské služby")
    context.close()
