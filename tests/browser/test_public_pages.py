"""Every public page type in a real browser: accessible, Czech, and free of CSP errors."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import GroupFactory

PUBLIC_PAGES = [
    ("/", "Město Lipovec"),
    ("/prihlaseni/", "Přihlášení"),
    ("/prohlaseni-o-pristupnosti/", "Prohlášení o přístupnosti"),
    ("/plany/", "Plány"),
    ("/skupiny/", "Plánovací skupiny"),
    ("/pripominky/", "Připomínky k návrhům plánů"),
    ("/podnety/", "Podněty"),
    ("/katalog/", "Katalog poskytovatelů"),
    ("/dokumenty/", "Dokumenty"),
    ("/zapomenute-heslo/", "Zapomenuté heslo"),
    ("/tato-stranka-neexistuje/", "Stránka nenalezena"),
]

pytestmark = pytest.mark.browser


@pytest.fixture
def town(town):
    GroupFactory(name="Pracovní skupina Senioři", description="Plánuje služby pro seniory a pečující.")
    return town


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_is_czech_and_accessible(page, town, path, heading):
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    assert page.problems == []


def test_skip_link_moves_keyboard_focus_to_main_content(page, town):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Přeskočit na hlavní obsah")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_navigation_opens_from_the_menu_button_on_a_phone(mobile_page, town):
    mobile_page.goto("/")
    navigation = mobile_page.get_by_role("navigation", name="Hlavní navigace")
    plans = navigation.get_by_role("link", name="Plány", exact=True)
    expect(plans).to_be_hidden()
    mobile_page.get_by_role("button", name="Zobrazit menu").click()
    expect(plans).to_be_visible()
    plans.click()
    expect(mobile_page.get_by_role("heading", level=1)).to_have_text("Plány")
    assert_accessible(mobile_page)
    assert mobile_page.problems == []


def test_visitor_can_switch_to_english_and_back(page, town):
    page.goto("/plany/")
    page.get_by_label("Jazyk").select_option("en")
    page.get_by_role("button", name="Přepnout").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plans")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.get_by_label("Language").select_option("cs")
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plány")


def test_the_browser_knows_every_feature_the_permissions_policy_switches_off(page, town):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert [text for text in messages if "Permissions-Policy" in text] == []
