"""Roles and history walked in the browser: the history pages, a stale admin save, privileges."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, open_page, sign_in
from tests.factories import PASSWORD
from tests.test_measure_edit import save_measure

pytestmark = pytest.mark.browser


def test_the_coordinator_reads_the_history_of_a_plan_and_of_a_group(
    page, town, coordinator, member_a, measure_a, plan, group_a, client,
):
    client.force_login(member_a)
    save_measure(client, measure_a, title="Terénní péče i o víkendech")
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(f"/sprava/plany/{plan.slug}/")
    page.get_by_role("link", name="Historie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historie plánu")
    row = page.get_by_role("row").filter(has_text="Terénní péče i o víkendech")
    expect(row).to_contain_text("změněno")
    expect(row).to_contain_text("Opatření skupiny Pracovní skupina Senioři")  # the old title, struck out
    assert_accessible(page)

    page.goto(f"/admin/groups/group/{group_a.pk}/change/")
    page.get_by_role("link", name="Vše, co se ve skupině dělo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Historie skupiny {group_a.name}")
    expect(page.get_by_role("row").filter(has_text="Terénní péče i o víkendech")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []


def test_a_stale_admin_tab_is_refused_with_what_changed(browser, server, page, town, coordinator, plan):
    sign_in(page, coordinator.username, PASSWORD)
    context, second = open_page(browser, server, storage_state=page.context.storage_state())
    url = f"/admin/planning/plan/{plan.pk}/change/"
    page.goto(url)
    second.goto(url)
    page.locator("#id_title").fill("Plán upravený v první kartě")
    page.get_by_role("button", name="Uložit", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("byla úspěšně změněna")

    second.locator("#id_summary").fill("Shrnutí z druhé karty")
    second.get_by_role("button", name="Uložit", exact=True).click()
    errors = second.locator(".errornote, .errorlist.nonfield")
    expect(errors.last).to_contain_text("Mezitím to uložil někdo jiný")
    expect(errors.last).to_contain_text("Plán upravený v první kartě")
    expect(second.locator("#id_summary")).to_have_value("Shrnutí z druhé karty")
    # Having read it, saving again is a knowing overwrite of the summary, the title as it is shown.
    second.locator("#id_title").fill("Plán upravený v první kartě")
    second.get_by_role("button", name="Uložit", exact=True).click()
    expect(second.locator(".messagelist")).to_contain_text("byla úspěšně změněna")
    plan.refresh_from_db()
    assert (plan.title, plan.summary) == ("Plán upravený v první kartě", "Shrnutí z druhé karty")
    context.close()


def test_a_coordinator_sees_privileges_but_cannot_change_them(page, town, coordinator, superuser):
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(f"/admin/kpss/user/{coordinator.pk}/change/")
    expect(page.get_by_text(re.compile("Superuživatel|Status superuživatele"))).to_be_visible()
    assert page.locator("input[name=is_superuser]").count() == 0
    assert page.locator("select[name=groups]").count() == 0
    page.goto(f"/admin/kpss/user/{superuser.pk}/change/")
    assert page.locator("input[name=username]").count() == 0  # read-only for the coordinator
    expect(page.get_by_role("button", name="Uložit", exact=True)).to_have_count(0)
