"""A PDF being rendered: the page shows its progress and offers the download without a reload."""

import pytest
from playwright.sync_api import expect

from kpss.models import PdfDocument
from kpss.pdf import render_document
from kpss.tasks import request_rendering
from planning.documents import PlanVersionLayout
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_progress_turns_into_the_download_without_reloading(page, town, plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    version = plan.versions.get()
    document = request_rendering(version, PlanVersionLayout.name)
    page.goto(plan.get_absolute_url())
    status = page.locator(".pdf-box")
    expect(status).to_contain_text("PDF čeká na vykreslení.")
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert_accessible(page)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    assert render_document(document.pk, document.job) == PdfDocument.Status.READY  # what the worker does

    download_link = page.get_by_role("link", name="Stáhnout PDF")
    expect(download_link).to_be_visible(timeout=10_000)
    expect(status).to_contain_text("SHA-256")
    assert navigations == []  # the page updated itself
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == f"{plan.title} – verze 1.pdf"

    page.goto("/dokumenty/")
    expect(page.get_by_role("link", name="Verze 1 (PDF")).to_be_visible()
    assert_accessible(page)
    assert page.problems == []
