"""The evaluation report: the coordinator writes its text, publishes it once the year is locked, and
the worker renders its archival PDF (the same PDF/A checks as the plan's PDF, the data attached)."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kpss.models import PdfDocument
from planning.models import EvaluationRound, MeasureEvaluation
from planning.monitoring.documents import EvaluationReportLayout
from tests.helpers import open_form, page_text
from tests.test_pdf import assert_archival, pdf_text, stored

pytestmark = pytest.mark.django_db

INTRO = "Zpráva shrnuje plnění plánu v roce 2025 a v obcích regionu."


@pytest.fixture
def locked_year(plan, measure_a, measure_b, coordinator):
    plan.status = "in_force"
    plan.save()
    evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
    MeasureEvaluation.objects.create(round=evaluation_round, measure=measure_a, status="done", comment="Hotovo.")
    MeasureEvaluation.objects.create(round=evaluation_round, measure=measure_b, status="partly", fulfilment=50)
    return evaluation_round.lock(coordinator)


def report_url(evaluation_round):
    return reverse("planning:evaluation_report", args=[evaluation_round.plan.slug, evaluation_round.year])


def publish(client, evaluation_round):
    url = reverse("planning:evaluation_publish", args=[evaluation_round.pk])
    open_form(client, url)
    return client.post(url)


def test_the_coordinator_writes_and_publishes_the_report(client, client_as, coordinator, locked_year, tasks,
                                                         django_capture_on_commit_callbacks):
    staff = client_as(coordinator)
    edit = reverse("planning:evaluation_report_edit", args=[locked_year.pk])
    opened = open_form(staff, edit, fields=["report_intro", "report_conclusions"])
    staff.post(edit, {"revision": opened.context["form"]["revision"].value(), "report_intro": INTRO,
                      "report_conclusions": "Pokračovat v rozšiřování terénních služeb."})
    assert INTRO in page_text(staff.get(report_url(locked_year)))  # the preview
    client.logout()
    assert client.get(report_url(locked_year)).status_code == 404  # not published yet
    staff = client_as(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        publish(staff, locked_year)
    assert PdfDocument.objects.for_source(locked_year, EvaluationReportLayout.name).status == "queued"
    tasks.run_all()
    client.logout()
    html = page_text(client.get(report_url(locked_year)))
    assert INTRO in html
    assert html.count('role="img"') == 5
    pdf_url = reverse("planning:evaluation_report_pdf", args=[locked_year.plan.slug, 2025])
    assert client.get(pdf_url).status_code == 200
    assert pdf_url in page_text(client.get(reverse("planning:plan_results", args=[locked_year.plan.slug])))


def test_a_year_not_locked_has_no_report_to_publish(client_as, coordinator, plan):
    open_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
    assert client_as(coordinator).get(reverse("planning:evaluation_publish", args=[open_round.pk])).status_code == 403


@pytest.fixture
def rendered(locked_year, coordinator, tasks, django_capture_on_commit_callbacks):
    locked_year.report_intro = INTRO
    locked_year.save()
    from planning.monitoring.services import publish_report

    with django_capture_on_commit_callbacks(execute=True):
        publish_report(locked_year, coordinator)
    tasks.run_all()
    return PdfDocument.objects.for_source(locked_year, EvaluationReportLayout.name)


def test_the_pdf_is_pdf_a_3a_tagged_czech_with_embedded_fonts_and_the_data(rendered, locked_year, measure_a):
    content = stored(rendered)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(pdf_text(content).replace("\u00a0", " ").split())  # table cells wrap
    assert INTRO in text
    assert f"{measure_a.code} {measure_a.title}" in text
    assert "75 %" in text  # (100 + 50) / 2
    assert_archival(reader)
    data = json.loads(reader.attachments["vyhodnoceni.json"][0])
    assert data["year"] == 2025
    assert data["fulfilment"] == "75.0"
    assert [measure["status"] for measure in data["measures"]] == ["done", "partly"]


def test_a_correction_of_a_published_year_renders_the_report_again(client_as, coordinator, rendered, locked_year,
                                                                    measure_b, tasks,
                                                                    django_capture_on_commit_callbacks):
    client = client_as(coordinator)
    url = reverse("planning:evaluate_measure", args=[locked_year.pk, measure_b.pk])
    opened = open_form(client, url)
    form = opened.context["form"]
    data = {name: (form[name].value() if form[name].value() is not None else "") for name in
            ("revision", "status", "comment", "evidence_url")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "status": "done", "fulfilment": "", "correction_reason": "Doloženo."})
    tasks.run_all()
    data = json.loads(PdfReader(io.BytesIO(stored(rendered))).attachments["vyhodnoceni.json"][0])
    assert data["fulfilment"] == "100.0"  # it was 75.0


def test_the_report_page_runs_a_fixed_number_of_queries(client, locked_year, coordinator):
    """However many questionnaires are attached to it, within the public pages' limit; each
    questionnaire's results are its own."""
    from datetime import timedelta

    from django.utils import timezone

    from planning.models import Answer, Question, Questionnaire, Response
    from tests.helpers import assert_queries_do_not_grow

    locked_year.publish_report(coordinator)
    now = timezone.now()

    def attach(count):
        for _index in range(count):
            questionnaire = Questionnaire.objects.create(
                title=f"Dotazník {Questionnaire.objects.count() + 1}", slug=f"dotaznik-{Questionnaire.objects.count()}",
                opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1), plan=locked_year.plan,
                attach_to_report=True)
            question = Question.objects.create(questionnaire=questionnaire, position=1, kind=Question.Kind.SCALE,
                                               text="Jak jste spokojeni?")
            for value in range(1, questionnaire.pk % 5 + 2):  # each questionnaire its own count
                Answer.objects.create(response=Response.objects.create(questionnaire=questionnaire),
                                      question=question, value=value)

    assert assert_queries_do_not_grow(lambda: client.get(report_url(locked_year)), attach) <= 15
    text = page_text(client.get(report_url(locked_year)))
    for questionnaire in Questionnaire.objects.all():
        assert questionnaire.title in text
