"""A PDF being rendered: the page shows its progress and offers the download without a reload."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from kpss.models import PdfDocument
from kpss.pdf import render_document
from kpss.tasks import STALLED_REASON, request_rendering
from planning.documents import PlanVersionLayout
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD

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


def test_a_stalled_rendering_is_shown_and_queued_again_by_the_page_that_polls_it(
    page, town, plan, coordinator, settings,
):
    plan.transition("open_for_comments", coordinator)
    document = request_rendering(plan.versions.get(), PlanVersionLayout.name)
    long_ago = timezone.now() - timedelta(minutes=settings.PDF_STALL_MINUTES + 1)
    PdfDocument.objects.filter(pk=document.pk).update(  # as a worker killed mid-render left it
        status=PdfDocument.Status.RENDERING, started_at=long_ago, heartbeat_at=long_ago, progress=40,
    )
    held = []

    def hold(route):
        held.append(route)

    page.route("**/pdf/*/stav/", hold)  # the page's first poll waits until we have looked
    sign_in(page, coordinator.username, PASSWORD)
    page.goto(reverse("planning:workspace", args=[plan.slug]))
    box = page.locator(".pdf-box")
    expect(box.get_by_role("alert")).to_be_visible()  # no progress since …: it has probably stopped
    expect(box.get_by_role("button", name="Vykreslit PDF znovu")).to_be_visible()
    assert_accessible(page)

    page.unroute("**/pdf/*/stav/", hold)
    for route in held:
        route.continue_()
    expect(box).to_contain_text("PDF čeká na vykreslení.")
    with translation.override("cs"):
        reason = str(STALLED_REASON)
    # Czech typography glues short words to the next with a no-break space, which \s matches.
    expect(box.get_by_role("alert")).to_contain_text(re.compile(r"\s+".join(map(re.escape, reason.split()))))
    expect(box.get_by_role("button", name="Vykreslit PDF znovu")).to_have_count(0)
    document.refresh_from_db()
    assert document.job == 2

    assert render_document(document.pk, document.job) == PdfDocument.Status.READY  # what the worker does
    expect(box.get_by_role("link", name="Stáhnout PDF")).to_be_visible(timeout=10_000)
    expect(box.get_by_role("alert")).to_have_count(0)  # the reason goes with the first good rendering
    assert_accessible(page)
    assert page.problems == []
