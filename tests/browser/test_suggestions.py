"""A suggestion in a real browser: a visitor files one from the navigation, the coordinator resolves it,
and the public list shows the answer; the pages and a refused form stay accessible."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from planning.models import Suggestion
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    # The minimum fill time has its own tests (test_comment_form, test_suggestions); a browser test
    # would only sleep through it.
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def test_a_suggestion_from_the_form_to_the_public_list(page, town, group_a):
    page.goto("/")
    page.get_by_role("navigation", name="Hlavní navigace").get_by_role("link", name="Podněty").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Podněty")
    assert_accessible(page)
    page.get_by_role("link", name="Podat podnět").click()
    page.get_by_role("textbox", name=re.compile(r"^Váš podnět\*?$")).fill("Chybí odlehčovací služba o víkendech.")
    page.get_by_label("Jméno a příjmení").fill("Jan Veřejný")
    page.get_by_label("Píšu jako").select_option("user")
    page.get_by_label("Souhlasím se zveřejněním svého jména").check()
    assert_accessible(page)
    page.get_by_role("button", name="Odeslat podnět").click()
    expect(page.locator(".alert-success")).to_contain_text("pod číslem 1")

    # The coordinator resolves it in admin; here straight in the database.
    Suggestion.objects.filter(number=1).update(
        status=Suggestion.Status.RESOLVED, group=group_a, resolved_at=timezone.now(),
        resolution="Zařazeno do akčního plánu na rok 2026.",
    )
    page.reload()
    table = page.get_by_role("table", name="Vyřešené podněty, od nejnovějších")
    expect(table).to_contain_text("Jan Veřejný")
    expect(table).to_contain_text("Zařazeno do akčního plánu na rok 2026.")
    assert_accessible(page)
    assert page.problems == []


def test_a_refused_suggestion_keeps_the_text_and_is_accessible(page, town, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 60  # sent at once: refused as a robot would be
    page.goto("/podnety/novy/")
    page.get_by_role("textbox", name=re.compile(r"^Váš podnět\*?$")).fill("Chybí služba.")
    page.get_by_role("button", name="Odeslat podnět").click()  # no name, and sent at once
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.get_by_role("textbox", name=re.compile(r"^Váš podnět\*?$"))).to_have_value("Chybí služba.")
    assert_accessible(page)


def test_a_replayed_form_is_refused_with_the_text_kept_and_can_be_sent_afresh(page, town, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    suggestion = page.get_by_role("textbox", name=re.compile(r"^Váš podnět\*?$"))
    started = page.locator('input[name="started"]')
    page.goto("/podnety/novy/")
    used_token = started.input_value()
    suggestion.fill("Chybí odlehčovací služba o víkendech.")
    page.get_by_label("Jméno a příjmení").fill("Jan Veřejný")
    page.get_by_role("button", name="Odeslat podnět").click()
    expect(page.locator(".alert-success")).to_contain_text("pod číslem 1")

    # Going back in the browser loads the form afresh; a replay sends the token it has used before.
    page.goto("/podnety/novy/")
    suggestion.fill("Tentýž podnět, odeslaný znovu.")
    page.get_by_label("Jméno a příjmení").fill("Jan Veřejný")
    started.evaluate("(input, token) => { input.value = token; }", used_token)
    page.get_by_role("button", name="Odeslat podnět").click()
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(suggestion).to_have_value("Tentýž podnět, odeslaný znovu.")
    assert started.input_value() != used_token
    assert Suggestion.objects.count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="Odeslat podnět").click()
    expect(page.locator(".alert-success")).to_contain_text("pod číslem 2")
    assert page.problems == []
