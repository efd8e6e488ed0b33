"""The whole path of a comment in a real browser: a visitor comments on a measure, the group settles
it, the coordinator publishes the settlement, and the public table shows the answer."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    # The minimum fill time has its own tests (test_comment_form, test_suggestions); a browser test
    # would only sleep through it.
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def test_a_comment_from_the_measure_page_to_the_published_settlement(
    page, town, comment_round, measure_a, group_a, member_a, coordinator,
):
    # A visitor, without an account, comments on a measure from its page.
    page.goto(measure_a.get_absolute_url())
    page.get_by_role("link", name="Připomínkovat toto opatření").click()
    expect(page.get_by_label("Připomínka k")).to_have_value(f"opatreni-{measure_a.pk}")
    page.get_by_role("textbox", name=re.compile(r"^Připomínka\*?$")).fill("Chybí služba o víkendech.")
    page.get_by_label("Jméno a příjmení").fill("Jan Veřejný")
    page.get_by_label("Souhlasím se zveřejněním svého jména").check()
    assert_accessible(page)
    page.get_by_role("button", name="Odeslat připomínku").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{comment_round.pk}/001")
    assert page.problems == []

    # The deadline passes; the coordinator assigns the comment to group A.
    comment_round.closes_at = timezone.now() - timedelta(minutes=1)
    comment_round.save()
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(f"/sprava/pripominky/{comment_round.pk}/")
    page.get_by_label(f"Vybrat připomínku {comment_round.pk}/001").check()
    page.get_by_label("Pracovní skupina").select_option(label=group_a.name)
    page.get_by_role("button", name="Přidělit").click()
    expect(page.locator(".alert-success")).to_contain_text(group_a.name)
    page.get_by_role("button", name="Odhlásit se").click()

    # A member of group A settles it.
    sign_in(page, member_a.username, PASSWORD)
    page.goto(f"/sprava/pripominky/{comment_round.pk}/")
    page.get_by_role("link", name=f"Vypořádat {comment_round.pk}/001").click()
    page.get_by_label("Výsledek").select_option(label="částečně akceptováno")
    page.get_by_label("Odůvodnění").fill("Víkendový provoz doplníme od roku 2026.")
    assert_accessible(page)
    page.get_by_role("button", name="Uložit vypořádání").click()
    with translation.override("cs"):  # the member's progress is of their groups' comments
        progress = translation.gettext("%(settled)s of %(total)s comments of your groups settled")
    expect(page.get_by_text(progress % {"settled": 1, "total": 1})).to_be_visible()
    page.get_by_role("button", name="Odhlásit se").click()

    # The coordinator publishes the settlement; the public table shows the answer.
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(f"/sprava/pripominky/{comment_round.pk}/")
    page.get_by_role("link", name="Zveřejnit vypořádání").click()
    expect(page.get_by_text("Tento krok nelze vrátit.")).to_be_visible()  # it asks first
    page.get_by_role("button", name="Zveřejnit vypořádání").click()
    table = page.locator("table.settlement-table")
    expect(table).to_contain_text("Jan Veřejný")
    expect(table).to_contain_text("částečně akceptováno")
    expect(table).to_contain_text("Víkendový provoz doplníme od roku 2026.")
    page.get_by_role("button", name="Odhlásit se").click()
    page.goto(f"/pripominky/{comment_round.pk}/vyporadani/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vypořádání připomínek")
    assert_accessible(page)
    assert page.problems == []


def test_the_comment_list_and_a_refused_form_are_accessible(page, town, comment_round, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 60  # sent at once: refused as a robot would be
    page.goto("/pripominky/")
    expect(page.get_by_role("link", name=comment_round.title)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=comment_round.title).click()
    page.get_by_role("button", name="Odeslat připomínku").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_accessible(page)
