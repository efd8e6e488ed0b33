"""The yearly evaluation report (zpráva o plnění) as an archival PDF: the coordinator's own text,
the year's charts and tables, the attached questionnaires, and the data attached as JSON.
Registered in kpss.pdf_layouts when planning starts (PlanningConfig.ready)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from kpss.models import SiteSettings
from kpss.pdf_layouts import PdfLayout, register
from planning.access import is_planning_staff
from planning.models import EvaluationRound
from planning.monitoring.presentation import year_results
from planning.questionnaires import results_for


@register
class EvaluationReportLayout(PdfLayout):
    name = "evaluation_report"
    template_name = "planning/monitoring/pdf/report.html"

    def title(self, evaluation_round):
        return _("Evaluation report of %(plan)s for %(year)s") % {
            "plan": evaluation_round.plan.title, "year": evaluation_round.year}

    def download_url(self, evaluation_round):
        return reverse("planning:evaluation_report_pdf", args=[evaluation_round.plan.slug, evaluation_round.year])

    def may_read(self, user, evaluation_round):
        return evaluation_round.is_published or is_planning_staff(user)

    def document_date(self, evaluation_round):
        return evaluation_round.report_published_at

    def sources(self):
        return EvaluationRound.objects.filter(report_published_at__isnull=False).select_related("plan")

    def context(self, evaluation_round):
        return {**report_context(evaluation_round), "site": SiteSettings.get_solo()}

    def attachments(self, evaluation_round):
        return [("vyhodnoceni.json", _("The year's evaluation as data"), report_data(year_results(evaluation_round)))]


def report_context(evaluation_round):
    """What the report shows, on its page and in its PDF."""
    questionnaires = evaluation_round.plan.questionnaires.with_public_results().filter(
        attach_to_report=True).annotate(respondent_count=Count("responses"))
    return {"round": evaluation_round, "plan": evaluation_round.plan, "year": year_results(evaluation_round),
            "questionnaires": [(results.questionnaire, results) for results in results_for(questionnaires)]}


def report_data(year):
    """The year's evaluation as plain data: the roll-up and every measure with its evaluation."""
    results = year.results
    indicators = {}
    for indicator, measure, actual in year.indicators:
        indicators.setdefault(measure.pk, []).append({
            "name": indicator.name, "unit": indicator.unit, "baseline": indicator.baseline,
            "target": indicator.target, "actual": actual})
    measures = []
    for measure, evaluation in year.measure_rows:
        measures.append({
            "code": measure.code, "title": measure.title, "group": measure.group.name, "weight": measure.weight,
            "planned_cost": measure.annual_cost,
            "status": evaluation.status if evaluation else None,
            "fulfilment": evaluation.counted_fulfilment if evaluation else None,
            "actual_cost": evaluation.actual_cost if evaluation else None,
            "spending": {spending.source.code: spending.amount for spending in evaluation.spending.all()}
            if evaluation else {},
            "comment": evaluation.comment if evaluation else "",
            "indicators": indicators.get(measure.pk, []),
        })
    return {
        "plan": year.round.plan.title, "year": year.round.year,
        "fulfilment": results.overall.percent,
        "fulfilment_by_priority": {priority.code or priority.title: results.by_priority[priority.pk].percent
                                   for priority in year.priorities},
        "fulfilment_by_group": {group.name: results.by_group[group.pk].percent for group in year.groups},
        "planned_cost": results.planned_cost, "actual_cost": results.actual_cost,
        "measures": measures,
    }
