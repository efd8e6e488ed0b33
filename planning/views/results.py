"""The public results of a plan's yearly evaluations (/plany/<plan>/vyhodnoceni/), and the CSV of a year."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from kpss.exports import csv_response
from kpss.models import PdfDocument
from kpss.permissions import public
from kpss.views import pdf_download
from planning.access import get_plan_for_reader
from planning.monitoring.documents import EvaluationReportLayout, report_context
from planning.monitoring.presentation import csv_rows, overall_by_year, year_results


def _locked_rounds(plan):
    return list(plan.evaluation_rounds.filter(locked_at__isnull=False).order_by("year"))


def _chosen(rounds, year):
    """The round of `year` (a string from the URL), or the latest; 404 for a year not evaluated."""
    if year in (None, ""):
        return rounds[-1] if rounds else None
    for evaluation_round in rounds:
        if str(evaluation_round.year) == str(year):
            return evaluation_round
    raise Http404


@public
def plan_results(request, slug):
    plan = get_plan_for_reader(request.user, slug)
    rounds = _locked_rounds(plan)
    chosen = _chosen(rounds, request.GET.get("rok"))
    report_pdf = None
    if chosen is not None and chosen.is_published:
        report_pdf = PdfDocument.objects.for_source(chosen, EvaluationReportLayout.name)
    return render(request, "planning/monitoring/results.html", {
        "plan": plan, "rounds": rounds, "year": year_results(chosen) if chosen else None,
        "overall": overall_by_year(rounds) if len(rounds) > 1 else None, "report_pdf": report_pdf,
    })


@public
def plan_results_csv(request, slug, year):
    plan = get_plan_for_reader(request.user, slug)
    chosen = _chosen(_locked_rounds(plan), year)
    return csv_response(csv_rows(year_results(chosen)), f"vyhodnoceni-{plan.slug}-{chosen.year}")


def _report_round(request, slug, year):
    """The round of `year` whose report the user may read: published, or a preview for planning staff."""
    plan = get_plan_for_reader(request.user, slug)
    evaluation_round = get_object_or_404(plan.evaluation_rounds.select_related("plan"), year=year)
    if not EvaluationReportLayout().may_read(request.user, evaluation_round):
        raise Http404
    return evaluation_round


@public
def evaluation_report(request, slug, year):
    evaluation_round = _report_round(request, slug, year)
    return render(request, "planning/monitoring/report.html", {
        **report_context(evaluation_round),
        "pdf": PdfDocument.objects.for_source(evaluation_round, EvaluationReportLayout.name)})


@public
def evaluation_report_pdf(request, slug, year):
    evaluation_round = _report_round(request, slug, year)
    return pdf_download(request, PdfDocument.objects.for_source(evaluation_round, EvaluationReportLayout.name))
