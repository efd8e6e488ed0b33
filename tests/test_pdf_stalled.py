"""A PDF whose worker died mid-render: taken for dead after PDF_STALL_MINUTES without a sign of
life, and queued again by the worker, the page's status poll or `render_pdfs`."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from kpss.models import ActionLog, PdfDocument
from kpss.pdf import _ProgressWriter
from kpss.tasks import STALLED_REASON, render_pdf, request_rendering
from planning.documents import PlanVersionLayout
from planning.models import PlanVersion
from tests.helpers import page_text


def czech(message):
    with translation.override("cs"):
        return str(message)


def last_seen(document, minutes_ago):
    """Date the document's last sign of life back, as if its worker had fallen silent then."""
    PdfDocument.objects.filter(pk=document.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=minutes_ago))


@pytest.fixture
def version(plan, coordinator, tasks):
    """A published version whose PDF is queued, as the lifecycle step leaves it."""
    plan.transition("open_for_comments", coordinator)
    version = plan.versions.get()
    request_rendering(version, PlanVersionLayout.name, by=coordinator)
    return version


@pytest.fixture
def stopped(version, tasks, monkeypatch):
    """The version's PDF as a worker left it when it was stopped mid-render (its task never returned)."""

    def stop_the_worker(self, version):
        raise SystemExit("the service manager stopped the worker")

    with monkeypatch.context() as patch:
        patch.setattr(PlanVersionLayout, "context", stop_the_worker)
        with pytest.raises(SystemExit):
            tasks.run_all()
    document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
    assert (document.status, document.job) == (PdfDocument.Status.RENDERING, 1)
    return document


@pytest.fixture
def dead(stopped, settings):
    """A stopped rendering that has been silent for longer than PDF_STALL_MINUTES."""
    last_seen(stopped, settings.PDF_STALL_MINUTES + 1)
    return stopped


@pytest.fixture
def alive(stopped, settings):
    """A rendering still within PDF_STALL_MINUTES of its last sign of life: a slow worker, not a dead one."""
    last_seen(stopped, settings.PDF_STALL_MINUTES - 1)
    return stopped


def assert_queued_again(document, tasks):
    document.refresh_from_db()
    assert (document.status, document.job, document.progress) == (PdfDocument.Status.QUEUED, 2, 0)
    assert document.error == czech(STALLED_REASON)  # for the coordinator, until a rendering succeeds
    assert document.heartbeat_at is None
    assert ActionLog.objects.for_object(document).get().action == "pdf.stalled"
    assert tasks.run_all() == [PdfDocument.Status.READY]
    document.refresh_from_db()
    assert (document.status, document.error) == (PdfDocument.Status.READY, "")


class TestSignsOfLife:
    def test_the_worker_writes_one_when_it_starts_and_with_its_progress(self, stopped):
        assert timezone.now() - stopped.heartbeat_at < timedelta(minutes=1)
        assert stopped.progress == 2

    def test_a_long_step_that_moves_no_percentage_still_writes_one_every_few_seconds(self, stopped):
        now = [100.0]
        writer = _ProgressWriter(stopped.pk, stopped.job, clock=lambda: now[0])
        writer(45)
        stopped.refresh_from_db()
        assert stopped.progress == 45

        last_seen(stopped, 60)
        now[0] += 1  # WeasyPrint lays out page after page at the same percentage
        writer(45)
        stopped.refresh_from_db()
        assert timezone.now() - stopped.heartbeat_at > timedelta(minutes=59)  # not written that soon

        now[0] += _ProgressWriter.HEARTBEAT_SECONDS
        writer(45)
        stopped.refresh_from_db()
        assert timezone.now() - stopped.heartbeat_at < timedelta(minutes=1)
        assert stopped.progress == 45

    def test_a_superseded_job_writes_none(self, stopped):
        last_seen(stopped, 60)
        _ProgressWriter(stopped.pk, stopped.job - 1)(80)
        stopped.refresh_from_db()
        assert stopped.progress == 2
        assert timezone.now() - stopped.heartbeat_at > timedelta(minutes=59)


class TestRecovery:
    def test_the_status_endpoint_the_page_polls_queues_it_again(self, dead, client, tasks):
        data = client.get(reverse("pdf_status", args=[dead.pk])).json()
        assert (data["status"], data["in_progress"]) == ("queued", True)
        assert_queued_again(dead, tasks)

    def test_every_render_task_first_queues_stalled_ones_again(self, dead, plan, coordinator, tasks):
        other = PlanVersion.freeze(plan, PlanVersion.Reason.COMMENTS, coordinator)
        document = request_rendering(other, PlanVersionLayout.name)
        tasks.backend.clear()  # the worker took the task: it runs it below
        assert render_pdf.call(document.pk, document.job) == PdfDocument.Status.READY
        assert_queued_again(dead, tasks)

    def test_render_pdfs_queues_them_again(self, dead, tasks):
        out = io.StringIO()
        call_command("render_pdfs", stdout=out)
        assert f"plan_version: {dead.source.plan.title} (stalled, queued again)" in out.getvalue()
        assert "1 PDF documents queued." in out.getvalue()
        assert_queued_again(dead, tasks)

    def test_render_pdfs_now_renders_them_in_the_command(self, dead, tasks):
        out = io.StringIO()
        call_command("render_pdfs", "--now", stdout=out)
        assert "1 PDF documents rendered." in out.getvalue()
        dead.refresh_from_db()
        assert (dead.status, dead.job) == (PdfDocument.Status.READY, 2)

    def test_render_pdfs_dry_run_lists_them_and_changes_nothing(self, dead, tasks):
        out = io.StringIO()
        call_command("render_pdfs", "--dry-run", stdout=out)
        assert f"plan_version: {dead.source.plan.title} (stalled" in out.getvalue()
        dead.refresh_from_db()
        assert (dead.status, dead.job) == (PdfDocument.Status.RENDERING, 1)
        assert tasks.names == []
        assert not ActionLog.objects.for_object(dead).exists()

    def test_a_rendering_that_still_shows_signs_of_life_is_left_alone(self, alive, plan, coordinator, client, tasks):
        assert client.get(reverse("pdf_status", args=[alive.pk])).json()["status"] == "rendering"
        other = request_rendering(PlanVersion.freeze(plan, PlanVersion.Reason.COMMENTS, coordinator),
                                  PlanVersionLayout.name)
        tasks.run_all()  # a render task of another document
        out = io.StringIO()
        call_command("render_pdfs", "--dry-run", stdout=out)
        assert "stalled" not in out.getvalue()
        call_command("render_pdfs", stdout=io.StringIO())
        alive.refresh_from_db()
        assert (alive.status, alive.job, alive.error) == (PdfDocument.Status.RENDERING, 1, "")
        other.refresh_from_db()
        assert other.status == PdfDocument.Status.READY

    def test_a_rendering_from_before_signs_of_life_is_judged_by_its_start(self, stopped, settings):
        long_ago = timezone.now() - timedelta(minutes=settings.PDF_STALL_MINUTES + 1)
        PdfDocument.objects.filter(pk=stopped.pk).update(heartbeat_at=None, started_at=long_ago)
        assert list(PdfDocument.objects.stalled()) == [stopped]
        PdfDocument.objects.filter(pk=stopped.pk).update(started_at=timezone.now())
        assert list(PdfDocument.objects.stalled()) == []

    def test_the_dead_job_finishing_late_does_not_overwrite_the_new_one(
        self, version, client, tasks, settings, monkeypatch,
    ):
        """The worker was only frozen (a suspended VM): it wakes after its job was queued again."""
        document = PdfDocument.objects.for_source(version, PlanVersionLayout.name)
        original = PlanVersionLayout.context

        def frozen_for_a_while(self, version):
            monkeypatch.setattr(PlanVersionLayout, "context", original)  # only the first job freezes
            last_seen(document, settings.PDF_STALL_MINUTES + 1)
            assert client.get(reverse("pdf_status", args=[document.pk])).json()["status"] == "queued"
            return original(self, version)

        monkeypatch.setattr(PlanVersionLayout, "context", frozen_for_a_while)
        tasks.backend.clear()  # the worker took the first job's task
        assert render_pdf.call(document.pk, 1) == PdfDocument.Status.QUEUED  # rendered to the end, to no effect
        document.refresh_from_db()
        assert (document.status, document.job, document.progress) == (PdfDocument.Status.QUEUED, 2, 0)
        assert document.heartbeat_at is None  # the old job's progress wrote nothing over the new one
        assert document.error == czech(STALLED_REASON)
        assert tasks.run_all() == [PdfDocument.Status.READY]


class TestTheCoordinatorSeesIt:
    def test_a_stalled_rendering_offers_render_again_before_it_is_queued_again(
        self, dead, client, client_as, coordinator, tasks,
    ):
        rerender = reverse("pdf_rerender", args=[dead.pk])
        workspace = reverse("planning:workspace", args=[dead.source.plan.slug])
        text = page_text(client_as(coordinator).get(workspace))
        assert rerender in text
        assert "alert-warning" in text
        dead.refresh_from_db()
        assert dead.status == PdfDocument.Status.RENDERING  # showing it does not queue it

        client_as(coordinator).post(rerender, {"next": workspace})
        dead.refresh_from_db()
        assert (dead.status, dead.job) == (PdfDocument.Status.QUEUED, 2)
        assert tasks.names == ["render_pdf"]

    def test_a_live_rendering_offers_no_render_again(self, alive, client_as, coordinator):
        text = page_text(client_as(coordinator).get(reverse("planning:workspace", args=[alive.source.plan.slug])))
        assert reverse("pdf_rerender", args=[alive.pk]) not in text
        assert "alert-warning" not in text

    def test_after_it_is_queued_again_the_reason_is_shown_until_a_rendering_succeeds(
        self, dead, client, client_as, coordinator, tasks,
    ):
        html = client_as(coordinator).get(reverse("pdf_status", args=[dead.pk])).json()["html"]
        assert czech(STALLED_REASON) in html.replace("\u00a0", " ")
        client.logout()
        public = client.get(reverse("pdf_status", args=[dead.pk])).json()["html"]
        assert czech(STALLED_REASON) not in public.replace("\u00a0", " ")
