"""The admin fills in a plan's address from its title and keeps the period readable."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_slug_of_a_plan_keeps_the_dash_of_its_period(page, town, coordinator):
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/admin/planning/plan/add/")
    page.locator("#id_title").press_sequentially("Střednědobý plán 2028–2030")
    expect(page.locator("#id_slug")).to_have_value("strednedoby-plan-2028-2030")
    assert page.problems == []


def test_the_slug_of_a_group_too(page, town, coordinator):
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/admin/groups/group/add/")
    page.locator("#id_name").press_sequentially("Pracovní skupina Senioři — péče 65+")
    expect(page.locator("#id_slug")).to_have_value("pracovni-skupina-seniori-pece-65")
