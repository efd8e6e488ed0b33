"""Staff sign in, see their name, and sign out, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_member_signs_in_and_out(page, server, member_a):
    sign_in(page, member_a.username, PASSWORD)
    expect(page).to_have_url(f"{server.url}/sprava/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Co na vás čeká")
    expect(page.get_by_role("navigation", name="Hlavní navigace").get_by_role("link", name="Správa")).to_have_attribute(
        "aria-current", "page")
    assert_accessible(page)
    sign_out = page.get_by_role("button", name=f"Odhlásit se ({member_a})")
    expect(sign_out).to_be_visible()
    sign_out.click()
    expect(page.get_by_role("link", name="Přihlášení pro členy skupin")).to_be_visible()


def test_wrong_password_is_explained_next_to_the_form_and_keeps_the_username(page, member_a):
    sign_in(page, member_a.username, "spatne-heslo")
    expect(page.get_by_role("alert")).to_contain_text("Zadejte správnou hodnotu pole uživatelské jméno a heslo")
    expect(page.get_by_label("Uživatelské jméno")).to_have_value(member_a.username)
    assert_accessible(page)


def test_coordinator_reaches_czech_admin(page, coordinator):
    sign_in(page, coordinator.username, PASSWORD)
    expect(page.get_by_role("heading", name="Plány a jejich další krok")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Správa portálu").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Správa")
    expect(page.get_by_role("link", name="Území").first).to_be_visible()
