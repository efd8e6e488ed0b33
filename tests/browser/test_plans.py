"""Plans in a real browser: the public pages pass axe, and a member's edit reaches the public page."""

import pytest
from playwright.sync_api import expect

from planning.models import Plan
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, SwotItemFactory
from tests.test_plan_lifecycle import IN_FORCE, STEERING, approve_by_the_council

pytestmark = pytest.mark.browser


@pytest.fixture
def in_force(plan, coordinator, group_a, measure_a):
    SwotItemFactory(plan=plan, group=group_a, text="Dobrá spolupráce poskytovatelů")
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    measure_a.description = "Rozšířit kapacitu terénní pečovatelské služby."
    measure_a.save()
    take_rest_to_force(plan, coordinator)
    return plan


def take_rest_to_force(plan, coordinator):
    plan.transition("approve_by_steering", coordinator, **STEERING)
    approve_by_the_council(plan, coordinator)
    plan.transition("put_in_force", coordinator, **IN_FORCE)


def test_plan_pages_are_accessible(page, town, in_force, measure_a):
    pages = [
        ("/plany/", "Plány"),
        (in_force.get_absolute_url(), in_force.title),
        (measure_a.get_absolute_url(), f"{measure_a.code} {measure_a.title}"),
        (f"/plany/{in_force.slug}/verze/3/", in_force.title),
        (f"/plany/{in_force.slug}/porovnani-verzi/?od=1&do=2", "Porovnání verzí"),
    ]
    for path, heading in pages:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    assert page.problems == []


def test_the_public_filters_the_measure_table_by_working_group(page, town, in_force, group_a, measure_a, measure_b):
    page.goto(in_force.get_absolute_url())
    page.get_by_label("Pracovní skupina").select_option(label=group_a.name)
    page.get_by_role("button", name="Filtrovat").click()
    table = page.locator("table.measure-table")
    expect(table).to_contain_text(measure_a.title)
    expect(table).not_to_contain_text(measure_b.title)


def test_a_member_edits_a_measure_of_their_group_and_sees_it_on_the_public_page(
    page, town, plan, coordinator, member_a, measure_a,
):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)  # settling comments: public and editable
    sign_in(page, member_a.username, PASSWORD)
    page.get_by_role("link", name=plan.title).click()
    page.get_by_role("link", name=f"Upravit {measure_a.code}", exact=True).click()
    page.get_by_label("Název").fill("Odlehčovací služba i o víkendech")
    page.get_by_label("Odhad nákladů za rok (Kč)").fill("850000")
    page.get_by_role("button", name="Uložit").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Uloženo.")
    assert_accessible(page)

    page.get_by_role("button", name=f"Odhlásit se ({member_a})").click()
    page.goto(plan.get_absolute_url())
    row = page.get_by_role("row").filter(has_text="Odlehčovací služba i o víkendech")
    expect(row).to_contain_text("850 000 Kč")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Odlehčovací služba i o víkendech")
    assert Plan.objects.get(pk=plan.pk).measures.filter(title="Odlehčovací služba i o víkendech").exists()
    assert page.problems == []


def test_a_member_edit_form_is_accessible_and_errors_sit_next_to_fields(page, town, plan, member_a, measure_a):
    sign_in(page, member_a.username, PASSWORD)
    page.goto(f"/sprava/plany/{plan.slug}/opatreni/{measure_a.pk}/")
    page.get_by_label("Od roku").fill("2027")
    page.get_by_label("Do roku").fill("2025")
    page.get_by_role("button", name="Uložit").click()
    expect(page.get_by_text("Poslední rok nemůže být dřív než první rok.")).to_be_visible()
    assert_accessible(page)
