"""Archival PDFs: rendered once in the background, PDF/A-3a with the plan's data, downloaded as a file."""

import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kpss.models import PdfDocument
from kpss.pdf import StaticFilesOnly, render_document
from kpss.pdf_layouts import get_layout
from kpss.tasks import request_rendering
from planning.documents import PlanVersionLayout, SettlementLayout
from planning.models import Plan, PlanVersion
from tests.helpers import OPEN_FOR_COMMENTS, assert_queries_do_not_grow, open_form, page_text


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def stored(document):
    document.refresh_from_db()
    with document.file.open("rb") as file:
        return file.read()


@pytest.fixture
def open_plan(plan, coordinator, client_as, tasks):
    """The plan opened for comments through the workspace button, as the coordinator does it."""
    url = reverse("planning:plan_transition", args=[plan.slug, "open_for_comments"])
    open_form(client_as(coordinator), url, fields=["note", "round_title", "opens_at", "closes_at"])
    response = client_as(coordinator).post(url, OPEN_FOR_COMMENTS)
    assert response.status_code == 302
    plan.refresh_from_db()
    return plan


@pytest.fixture
def version(open_plan):
    return open_plan.versions.get()


@pytest.fixture
def rendered(version, tasks):
    tasks.run_all()
    return PdfDocument.objects.for_source(version, PlanVersionLayout.name)


class TestTheFile:
    def test_is_pdf_a_3a_with_czech_text_language_title_and_embedded_fonts(self, rendered, version):
        content = stored(rendered)
        reader = PdfReader(io.BytesIO(content))
        assert rendered.pages == len(reader.pages) > 3
        text = pdf_text(content)
        assert "Střednědobý plán rozvoje sociálních služeb na Lipovecku 2025–2027" in text.replace("\u00a0", " ")
        for measure in version.snapshot["measures"]:
            assert f"{measure['code']} {measure['title']}" in text.replace("\u00a0", " ")
        assert "strana 2 z" in text  # the footer
        xmp = reader.xmp_metadata.rdf_root.toxml()
        assert 'pdfaid:part="3"' in xmp
        assert 'pdfaid:conformance="A"' in xmp
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "cs"
        assert root["/MarkInfo"]["/Marked"]  # tagged: screen readers get the structure
        assert "/StructTreeRoot" in root
        assert reader.metadata.title == version.snapshot["plan"]["title"]
        fonts = {font["/BaseFont"] for page in reader.pages for font in _fonts(page)}
        assert fonts
        assert all("+Noto-Sans" in name for name in fonts)  # ours, subset and embedded
        assert all(_is_embedded(font) for page in reader.pages for font in _fonts(page))

    def test_carries_the_versions_data_as_an_attachment(self, rendered, version):
        reader = PdfReader(io.BytesIO(stored(rendered)))
        assert list(reader.attachments) == ["plan.json"]
        assert json.loads(reader.attachments["plan.json"][0]) == version.snapshot

    def test_sha256_size_and_pages_describe_the_stored_file(self, rendered):
        content = stored(rendered)
        assert rendered.status == PdfDocument.Status.READY
        assert rendered.sha256 == hashlib.sha256(content).hexdigest()
        assert rendered.size == len(content)
        assert rendered.progress == 100

    def test_one_letter_prepositions_and_numbers_are_glued_to_the_next_word(self, plan, coordinator):
        from kpss.pdf import html_for

        plan.chapters.update(body="Služby v Lipovci a okolí stojí 1 500 000 Kč ročně.")
        version = PlanVersion.freeze(plan, PlanVersion.Reason.COMMENTS, coordinator)
        html = html_for(get_layout(PlanVersionLayout.name), version)
        assert "v\u00a0Lipovci a\u00a0okolí" in html
        assert "1\u00a0500\u00a0000\u00a0Kč" in html


def assert_archival(reader, language="cs"):
    """The checks every archival PDF passes: PDF/A-3a, tagged, its language set, our fonts embedded."""
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"]  # tagged: screen readers get the structure
    assert "/StructTreeRoot" in root
    fonts = {font["/BaseFont"] for page in reader.pages for font in _fonts(page)}
    assert fonts
    assert all("+Noto-Sans" in name for name in fonts)  # ours, subset and embedded
    assert all(_is_embedded(font) for page in reader.pages for font in _fonts(page))


def _fonts(page):
    resources = page["/Resources"]
    return [font.get_object() for font in resources.get("/Font", {}).values()]


def _is_embedded(font):
    descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = descendant["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


class TestRenderedOnceInTheBackground:
    def test_publishing_a_version_queues_its_pdf_instead_of_rendering_it_in_the_request(self, version, tasks):
        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        assert document.status == PdfDocument.Status.QUEUED
        assert not document.is_available
        assert tasks.names == ["render_pdf"]

    def test_downloads_do_not_render_again(self, rendered, client, tasks):
        url = reverse("planning:plan_pdf", args=[rendered.source.plan.slug])
        for _ in range(3):
            assert client.get(url).status_code == 200
        assert tasks.names == []
        rendered.refresh_from_db()
        assert rendered.job == 1

    def test_a_task_delivered_twice_renders_once(self, rendered):
        name = rendered.file.name
        assert render_document(rendered.pk, rendered.job) == "not queued"
        rendered.refresh_from_db()
        assert rendered.file.name == name

    def test_a_newer_request_supersedes_a_waiting_task(self, version, tasks):
        first = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        PdfDocument.objects.filter(pk=first.pk).update(task_id="")  # as if the first task were lost
        second = request_rendering(version, PlanVersionLayout.name)
        assert second.job == first.job + 1
        assert tasks.run_all() == ["superseded", PdfDocument.Status.READY]

    def test_render_again_gives_the_same_file_when_nothing_changed(self, rendered, client_as, coordinator, tasks):
        name, sha256 = rendered.file.name, rendered.sha256
        response = client_as(coordinator).post(
            reverse("pdf_rerender", args=[rendered.pk]), {"next": "/sprava/plany/"},
        )
        assert response.status_code == 302
        assert response["Location"] == "/sprava/plany/"
        rendered.refresh_from_db()
        assert rendered.status == PdfDocument.Status.QUEUED
        assert rendered.is_available  # the file still serves while the new rendering waits
        tasks.run_all()
        rendered.refresh_from_db()
        assert rendered.status == PdfDocument.Status.READY
        assert (rendered.file.name, rendered.sha256) == (name, sha256)  # dated by the version, not the clock
        assert rendered.job == 2

    def test_render_again_after_a_template_change_replaces_the_file_and_removes_the_old_one(
        self, rendered, tasks, monkeypatch, django_capture_on_commit_callbacks,
    ):
        old_name, old_sha256 = rendered.file.name, rendered.sha256
        original = PlanVersionLayout.context
        monkeypatch.setattr(PlanVersionLayout, "context", lambda self, version: {
            **original(self, version), "snapshot": {**version.snapshot, "chapters": []},
        })
        request_rendering(rendered.source, rendered.layout)
        with django_capture_on_commit_callbacks(execute=True):
            tasks.run_all()
        rendered.refresh_from_db()
        assert rendered.sha256 != old_sha256
        assert rendered.file.name != old_name
        assert not default_storage.exists(old_name)
        assert default_storage.exists(rendered.file.name)

    def test_a_failure_is_shown_to_the_coordinator_with_its_reason_and_keeps_the_old_file(
        self, rendered, client, client_as, coordinator, tasks, monkeypatch,
    ):
        old_name = rendered.file.name
        request_rendering(rendered.source, rendered.layout)

        def broken(self, version):
            raise ValueError("Chybí kapitola Úvod")

        monkeypatch.setattr(PlanVersionLayout, "context", broken)
        tasks.run_all()
        rendered.refresh_from_db()
        assert rendered.status == PdfDocument.Status.FAILED
        assert rendered.error == "ValueError: Chybí kapitola Úvod"
        assert rendered.file.name == old_name
        version_url = rendered.source.get_absolute_url()
        client.logout()
        public = page_text(client.get(version_url))
        assert "Chybí kapitola Úvod" not in public
        assert "Stáhnout PDF" in public  # the last good file
        staff = page_text(client_as(coordinator).get(version_url))
        assert "Vykreslení PDF se nezdařilo." in staff
        assert "ValueError: Chybí kapitola Úvod" in staff

    def test_the_worker_task_runs_what_the_queue_holds(self, version, tasks):
        from kpss.tasks import render_pdf

        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        assert render_pdf.call(document.pk, document.job) == PdfDocument.Status.READY


class TestDownload:
    def test_is_a_file_with_the_czech_filename_and_an_etag(self, rendered, client):
        response = client.get(reverse("planning:version_pdf", args=[rendered.source.plan.slug, 1]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["ETag"] == f'"{rendered.sha256}"'
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert "filename*=utf-8''St%C5%99edn%C4%9Bdob%C3%BD%20pl%C3%A1n" in disposition
        assert b"".join(response.streaming_content) == stored(rendered)

    def test_answers_not_modified_to_a_matching_etag(self, rendered, client):
        url = reverse("planning:plan_pdf", args=[rendered.source.plan.slug])
        response = client.get(url, HTTP_IF_NONE_MATCH=f'"{rendered.sha256}"')
        assert response.status_code == 304

    def test_the_stable_url_serves_the_newest_version(self, rendered, coordinator, tasks, client, client_as):
        plan = rendered.source.plan
        round_ = plan.comment_rounds.get()
        round_.closes_at = timezone.now() - timedelta(minutes=1)  # the round the step opened has ended
        round_.save()
        client_as(coordinator).post(reverse("planning:plan_transition", args=[plan.slug, "close_comments"]),
                                    {"note": ""})
        round_.publish_settlement(coordinator)  # no comments came: nothing to settle
        steering = {"steering_resolution": "ŘS/4/2024", "steering_approved_on": "2024-11-18", "note": ""}
        response = client_as(coordinator).post(
            reverse("planning:plan_transition", args=[plan.slug, "approve_by_steering"]), steering,
        )
        assert response.status_code == 302
        newest = plan.versions.get(number=2)
        client.logout()
        url = reverse("planning:plan_pdf", args=[plan.slug])
        assert client.get(url).status_code == 404  # version 2 is still queued: no stale file instead
        tasks.run_all()
        document = PdfDocument.objects.for_source(newest, PlanVersionLayout.name)
        assert client.get(url)["ETag"] == f'"{document.sha256}"'

    def test_is_not_there_before_the_file_is(self, version, client):
        assert client.get(reverse("planning:version_pdf", args=[version.plan.slug, 1])).status_code == 404

    def test_of_a_draft_plan_is_hidden_from_the_public(self, rendered, client, member_a, client_as):
        client.logout()
        Plan.objects.filter(pk=rendered.source.plan_id).update(status=Plan.Status.DRAFT)
        url = reverse("planning:plan_pdf", args=[rendered.source.plan.slug])
        assert client.get(url).status_code == 404
        assert client.get(reverse("pdf_status", args=[rendered.pk])).status_code == 404
        assert client_as(member_a).get(url).status_code == 200  # planning staff read drafts


class TestPagesShowTheDocument:
    def test_plan_page_offers_the_download_with_size_pages_and_checksum(self, rendered, client):
        text = page_text(client.get(rendered.source.plan.get_absolute_url()))
        assert "Stáhnout PDF" in text
        assert f"{rendered.pages} stran" in text
        assert rendered.sha256 in text
        assert reverse("planning:version_pdf", args=[rendered.source.plan.slug, 1]) in text

    def test_a_queued_pdf_shows_progress_that_the_page_polls(self, version, client):
        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        text = page_text(client.get(version.plan.get_absolute_url()))
        assert "PDF čeká na vykreslení." in text
        assert f'data-pdf-status-url="{reverse("pdf_status", args=[document.pk])}"' in text
        assert "<progress" in text
        assert "Stáhnout PDF" not in text

    def test_status_endpoint_reports_progress_and_then_the_download(self, version, client, tasks):
        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        url = reverse("pdf_status", args=[document.pk])
        queued = client.get(url).json()
        assert (queued["status"], queued["in_progress"]) == ("queued", True)
        tasks.run_all()
        ready = client.get(url).json()
        assert (ready["status"], ready["progress"], ready["in_progress"]) == ("ready", 100, False)
        assert "Stáhnout PDF" in ready["html"].replace("\u00a0", " ")

    def test_rendering_reports_progress_while_it_runs(self, version, monkeypatch):
        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        seen = []
        from kpss import pdf

        class Recording(pdf._ProgressWriter):
            def __call__(self, percent):
                self.last_written = 0  # record every step, not twice a second
                super().__call__(percent)
                seen.append(PdfDocument.objects.get(pk=document.pk).progress)

        monkeypatch.setattr(pdf, "_ProgressWriter", Recording)
        render_document(document.pk, document.job)
        assert seen == sorted(seen)
        assert len(set(seen)) >= 4
        assert seen[0] > 0
        assert seen[-1] < 100

    def test_documents_page_lists_plans_and_settlements_without_n_plus_one(self, rendered, client, coordinator):
        text = page_text(client.get(reverse("documents")))
        assert rendered.source.plan.title in text
        assert reverse("planning:version_pdf", args=[rendered.source.plan.slug, 1]) in text

        def add_plans(count):
            for number in range(count):
                other = Plan.objects.create(title=f"Akční plán {number}", slug=f"ap-{number}-{Plan.objects.count()}",
                                            kind=Plan.Kind.MIDTERM, year_from=2025, year_to=2027,
                                            status=Plan.Status.IN_FORCE)
                PlanVersion.freeze(other, PlanVersion.Reason.APPROVED, coordinator)

        assert_queries_do_not_grow(lambda: client.get(reverse("documents")), add_plans)


class TestAccess:
    def test_only_the_coordinator_may_render_again(self, rendered, client, client_as, member_a, steering_member):
        url = reverse("pdf_rerender", args=[rendered.pk])
        client.logout()
        assert client.post(url).status_code == 302  # to the sign-in page
        assert client_as(member_a).post(url).status_code == 404
        assert client_as(steering_member).post(url).status_code == 404
        rendered.refresh_from_db()
        assert rendered.job == 1

    def test_coordinator_may_not_be_sent_elsewhere_after_render_again(self, rendered, client_as, coordinator):
        response = client_as(coordinator).post(
            reverse("pdf_rerender", args=[rendered.pk]), {"next": "https://evil.example/"},
        )
        assert response["Location"] == "/"

    def test_admin_action_renders_the_selected_documents_again(self, rendered, client_as, coordinator):
        changelist = open_form(client_as(coordinator), reverse("admin:kpss_pdfdocument_changelist"),
                               fields=["action", "_selected_action"])
        assert 'value="render_again"' in changelist.content.decode()
        response = client_as(coordinator).post(reverse("admin:kpss_pdfdocument_changelist"), {
            "action": "render_again", "_selected_action": [rendered.pk],
        })
        assert response.status_code == 302
        rendered.refresh_from_db()
        assert (rendered.status, rendered.job) == (PdfDocument.Status.QUEUED, 2)


class TestStaticFilesOnly:
    @pytest.mark.parametrize("url", [
        "http://example.com/logo.png",
        "https://kpss.invalid/media/pdf/secret.pdf",
        "https://kpss.invalid/static/../../kpss/settings.py",
        "https://kpss.invalid/static/%2e%2e/%2e%2e/manage.py",
        "file:///etc/passwd",
        "data:text/plain,hello",
    ])
    def test_refuses_anything_but_static_files(self, url):
        with pytest.raises(ValueError, match="Only the portal's static files"):
            StaticFilesOnly().fetch(url)

    def test_uses_the_hashed_files_collectstatic_made_in_production(self, version, settings, tmp_path):
        from django.core.management import call_command

        from kpss.pdf import html_for, render_html

        settings.STATIC_ROOT = tmp_path
        manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}
        call_command("collectstatic", interactive=False, verbosity=0)
        html = html_for(get_layout(PlanVersionLayout.name), version)
        assert "/static/css/pdf." in html
        assert "/static/css/pdf.css" not in html  # a hashed name
        reader = PdfReader(io.BytesIO(render_html(html).content))
        fonts = {font["/BaseFont"] for page in reader.pages for font in _fonts(page)}
        assert fonts
        assert all("+Noto-Sans" in name for name in fonts)  # pdf.css and its fonts were found

    def test_serves_the_portals_static_files(self):
        response = StaticFilesOnly().fetch("https://kpss.invalid/static/fonts/NotoSans-Regular.ttf")
        assert response.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font

    def test_a_document_pointing_outside_renders_without_fetching_it(self, monkeypatch):
        from kpss.pdf import render_html

        asked = []
        original = StaticFilesOnly.fetch

        def spy(self, url, headers=None):
            asked.append(url)
            return original(self, url, headers)

        monkeypatch.setattr(StaticFilesOnly, "fetch", spy)
        rendered = render_html(
            '<html lang="cs"><head><title>Mapa</title><link rel="stylesheet" href="file:///etc/passwd"></head>'
            '<body><h1>Mapa území</h1><img src="http://127.0.0.1:9/mapa.png" alt="mapa"></body></html>'
        )
        assert rendered.pages == 1
        assert asked == ["file:///etc/passwd", "http://127.0.0.1:9/mapa.png"]  # asked for, refused, rendering went on
        assert "Mapa území" in pdf_text(rendered.content)


class TestSettlementPdf:
    def test_publishing_the_settlement_renders_its_pdf(
        self, comment_round, submit_comment, close_round, coordinator, client, client_as, tasks, measure_a,
    ):
        comment = submit_comment(text="Chybí odlehčovací služba pro rodiny.")
        close_round()
        comment.settle(coordinator, "accepted", "Doplníme do opatření.", worked_in_measure=measure_a)
        url = reverse("planning:publish_settlement", args=[comment_round.pk])
        open_form(client_as(coordinator), url)
        client_as(coordinator).post(url)
        client.logout()
        tasks.run_all()
        document = PdfDocument.objects.for_source(comment_round, SettlementLayout.name)
        assert document.status == PdfDocument.Status.READY
        content = stored(document)
        text = pdf_text(content).replace("\u00a0", " ")
        assert "Vypořádání připomínek" in text
        assert "Chybí odlehčovací služba pro rodiny." in text
        assert "akceptováno" in text
        attached = json.loads(PdfReader(io.BytesIO(content)).attachments["vyporadani.json"][0])
        assert attached["comments"][0]["reference"] == comment.reference
        response = client.get(reverse("planning:settlement_pdf", args=[comment_round.pk]))
        assert response.status_code == 200
        assert response["ETag"] == f'"{document.sha256}"'
        assert "Stáhnout PDF" in page_text(client.get(reverse("planning:settlement_table", args=[comment_round.pk])))

    def test_unpublished_settlement_pdf_is_hidden(self, comment_round, client, client_as, member_a):
        assert client.get(reverse("planning:settlement_pdf", args=[comment_round.pk])).status_code == 404
        document = request_rendering(comment_round, SettlementLayout.name)  # e.g. a preview the coordinator asked for
        status_url = reverse("pdf_status", args=[document.pk])
        assert client.get(status_url).status_code == 404
        assert client_as(member_a).get(status_url).status_code == 200


# The demo's current midterm plan, in the layout of planning/templates/planning/pdf/: a change of
# layout that moves this number is deliberate, so look at the pages (pdftoppm) and update it.
DEMO_PLAN_PAGES = 39


def test_seed_demo_leaves_every_document_rendered_and_the_demo_plan_reads_right(db, settings):
    from django.core.management import call_command

    from groups.models import MinutesVersion
    from planning.models import CommentRound

    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", stdout=io.StringIO())
    from planning.models import EvaluationRound

    published_rounds = CommentRound.objects.filter(settlement_published_at__isnull=False)
    printed_catalogue = 1
    evaluation_reports = EvaluationRound.objects.filter(report_published_at__isnull=False).count()
    assert evaluation_reports == 1
    assert PdfDocument.objects.count() == (PlanVersion.objects.count() + published_rounds.count()
                                           + MinutesVersion.objects.count() + printed_catalogue
                                           + evaluation_reports)
    assert set(PdfDocument.objects.values_list("status", flat=True)) == {PdfDocument.Status.READY}

    version = Plan.objects.get(slug="sp-2025-2027").versions.last()
    content = stored(PdfDocument.objects.for_source(version, PlanVersionLayout.name))
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == DEMO_PLAN_PAGES
    text = pdf_text(content).replace("\u00a0", " ")
    assert "Střednědobý plán rozvoje sociálních služeb na Lipovecku na období 2025–2027" in " ".join(text.split())
    for measure in version.snapshot["measures"]:
        assert measure["code"] in text
    assert "Vypořádání připomínek" in text  # the annex
    assert json.loads(reader.attachments["plan.json"][0]) == version.snapshot
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()
