"""Uploaded files in a real browser: a refused upload in the admin, an analysis downloaded from the
plan page, the town's logo in the header."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from kpss.models import SiteSettings
from planning.models import AnalysisDocument, Plan
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD
from tests.test_files import HTML, image_bytes, pdf_bytes

pytestmark = pytest.mark.browser


def test_a_refused_analysis_file_is_explained_next_to_the_field_and_keeps_what_was_typed(
    page, plan, coordinator, tmp_path,
):
    upload = tmp_path / "analyza.pdf"
    upload.write_bytes(HTML)  # a web page renamed to .pdf
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(f"/admin/planning/plan/{plan.pk}/change/")
    page.locator("#analyses-group .add-row a").click()
    inline = page.locator("#analyses-0")
    inline.get_by_label("Druh").select_option(label="analýza poskytovatelů")
    inline.get_by_label("Název").fill("Analýza poskytovatelů 2027")
    inline.get_by_label("Shrnutí").fill("Síť služeb v ORP Lipovec.")
    inline.get_by_label("Soubor").set_input_files(upload)
    page.get_by_role("button", name="Uložit", exact=True).click()

    expect(inline.locator(".errorlist")).to_have_text(
        "Soubor je typu text/html, takový sem nahrát nelze. Povolené typy: PDF, DOCX, ODT, XLSX, ODS.",
    )
    expect(inline.get_by_label("Název")).to_have_value("Analýza poskytovatelů 2027")
    expect(inline.get_by_label("Shrnutí")).to_have_value("Síť služeb v ORP Lipovec.")
    assert not AnalysisDocument.objects.exists()


def test_the_public_downloads_an_analysis_from_the_plan_page(page, town, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.COMMENTS)
    AnalysisDocument.objects.create(
        plan=plan, kind=AnalysisDocument.Kind.USER_NEEDS, title="Šetření potřeb uživatelů 2024",
        file=ContentFile(pdf_bytes(), name="Šetření potřeb 2024.pdf"),
    )
    page.goto(plan.get_absolute_url())
    link = page.locator("#analyses a")
    expect(link).to_contain_text("Šetření potřeb uživatelů 2024")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "Šetření_potřeb_2024.pdf"
    assert download.value.path().read_bytes() == pdf_bytes()
    assert page.problems == []


def test_the_header_shows_the_towns_logo(page, town):
    site = SiteSettings.get_solo()
    site.logo.save("znak.png", ContentFile(image_bytes("PNG")))
    page.goto("/")
    logo = page.locator("header img")
    expect(logo).to_have_attribute("src", site.get_download_url())
    assert logo.evaluate("image => image.complete && image.naturalWidth") == 40
    assert_accessible(page)
    assert page.problems == []
