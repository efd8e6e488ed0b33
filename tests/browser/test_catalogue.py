"""The catalogue in a real browser: searched and filtered with the keyboard alone, a service
opened from the results; axe finds nothing on the list, a service's page and a provider's page."""

import re

import pytest
from playwright.sync_api import expect

from catalogue.models import Service
from tests.browser.conftest import assert_accessible
from tests.test_catalogue_pages import catalogue

pytestmark = pytest.mark.browser


@pytest.fixture
def services(town):
    catalogue()
    return Service.objects.all()


def tab_to(page, selector, most=80):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user moves."""
    for _ in range(most):
        if page.evaluate("selector => document.activeElement?.matches(selector) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_search_filter_and_open_a_service_with_the_keyboard(page, services):
    page.goto("/katalog/")
    tab_to(page, "input[name=q]")
    page.keyboard.type("lipovec")
    page.keyboard.press("Enter")  # the form's implicit submission
    expect(page).to_have_url(re.compile(r"/katalog/\?q=lipovec"))
    results = page.locator("#vysledky-nadpis ~ ul")
    expect(results.get_by_role("heading", level=3)).to_have_count(3)

    tab_to(page, "select[name=forma]")
    page.keyboard.press("ArrowDown")  # all forms → residential
    expect(page.locator("select[name=forma]")).to_have_value("pob")
    tab_to(page, "form[role=search] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=lipovec.*forma=pob"))
    expect(page.locator("input[name=q]")).to_have_value("lipovec")
    expect(page.locator("select[name=forma]")).to_have_value("pob")
    expect(results.get_by_role("heading", level=3)).to_have_count(2)  # the counselling is outpatient
    expect(results).not_to_contain_text("Poradna Lipovec")

    home = services.get(portal_id=1)
    tab_to(page, f"#vysledky-nadpis ~ ul a[href='/katalog/{home.pk}/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Domov pro seniory Lipovec")
    assert page.problems == []


def test_the_list_a_service_and_a_provider_are_accessible(page, services):
    home = services.get(portal_id=1)
    shelter = services.get(portal_id=4)
    pages = [
        ("/katalog/", "Katalog poskytovatelů"),
        ("/katalog/?q=lipovec&forma=pob&nonstop=on", "Katalog poskytovatelů"),
        (f"/katalog/{home.pk}/", home.name),
        (f"/katalog/{shelter.pk}/", shelter.name),
        (f"/katalog/poskytovatel/{home.provider_id}/", home.provider.name),
    ]
    for path, heading in pages:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    assert page.problems == []
