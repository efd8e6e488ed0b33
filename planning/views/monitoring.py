"""Staff pages of the yearly evaluation: the rounds, a round's overview (each group's progress,
reminders, the lock), a measure's evaluation form, and the report's own text."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.access import reads_all_groups
from kpss.files import serve_file
from kpss.permissions import coordinator_required
from kpss.tracking import form_after_conflict, save_tracked
from planning.access import planning_staff_required
from planning.models import MeasureEvaluation
from planning.monitoring import access, services
from planning.monitoring.forms import MeasureEvaluationForm, OpenRoundForm, ReportForm
from planning.monitoring.rollup import round_results


@planning_staff_required
def round_list(request):
    rounds = access.rounds_for(request.user).select_related("plan").order_by("-year", "plan__title")
    return render(request, "planning/monitoring/round_list.html", {"rounds": rounds})


@coordinator_required
def round_open(request):
    form = OpenRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation_round = services.open_round(form, request.user)
        messages.success(request, _("The evaluation of %(year)s is open.") % {"year": evaluation_round.year})
        return redirect("planning:evaluation_round", evaluation_round.pk)
    return render(request, "planning/monitoring/round_open.html", {"form": form})


@planning_staff_required
def round_detail(request, pk):
    """A round's overview: each group's progress, and the measures the user reads with their status."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    measures = list(access.visible_measures(request.user, evaluation_round))
    evaluable = set(access.evaluating_groups(request.user).values_list("pk", flat=True))
    results = round_results(evaluation_round, measures)
    rows = [(measure, results.evaluations.get(measure.pk), measure.group_id in evaluable) for measure in measures]
    # The spreadsheet holds the measures the user evaluates (access.get_measures_for_spreadsheet).
    may_export = any(may_evaluate for _measure, _evaluation, may_evaluate in rows)
    return render(request, "planning/monitoring/round_detail.html", {
        "round": evaluation_round, "rows": rows, "results": results,
        "may_export": may_export, "may_import": may_export and (not evaluation_round.is_locked
                                                                or request.user.is_coordinator),
        "progress": services.progress_by_group(evaluation_round, measures) if reads_all_groups(request.user) else [],
        "is_coordinator": request.user.is_coordinator,
    })


@planning_staff_required
def evaluate_measure(request, pk, measure_pk):
    evaluation_round = access.get_round_for_staff(request.user, pk)
    measure = access.get_measure_for_evaluation(request.user, evaluation_round, measure_pk)
    evaluation = (MeasureEvaluation.objects.filter(round=evaluation_round, measure=measure).first()
                  or MeasureEvaluation(round=evaluation_round, measure=measure))
    form_kwargs = {"evaluation_round": evaluation_round, "measure": measure}
    form = MeasureEvaluationForm(request.POST or None, request.FILES or None, instance=evaluation, **form_kwargs)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = services.save_evaluation(form, request.user)
        if conflict is None:
            messages.success(request, _("The evaluation of %(measure)s is saved.") % {"measure": measure})
            return redirect("planning:evaluation_round", evaluation_round.pk)
        form.instance = MeasureEvaluation.objects.get(round=evaluation_round, measure=measure)  # theirs, maybe new
        form = form_after_conflict(form, conflict, **form_kwargs)
    return render(request, "planning/monitoring/evaluate.html", {
        "round": evaluation_round, "measure": measure, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@coordinator_required
def round_lock(request, pk):
    """Lock the year, after a confirmation that names the groups that have not finished."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    if request.method == "POST":
        evaluation_round.lock(request.user)
        messages.success(request, _("The year %(year)s is locked.") % {"year": evaluation_round.year})
        return redirect("planning:evaluation_round", evaluation_round.pk)
    unfinished = [entry for entry in services.progress_by_group(evaluation_round) if not entry.finished]
    return render(request, "planning/monitoring/lock_confirm.html", {"round": evaluation_round,
                                                                      "unfinished": unfinished})


@coordinator_required
@require_POST
def round_remind(request, pk):
    evaluation_round = access.get_round_for_staff(request.user, pk)
    reminded = services.remind_unfinished_groups(evaluation_round, request.user)
    if reminded:
        messages.success(request, _("Reminder sent to: %(groups)s.") % {
            "groups": ", ".join(group.name for group in reminded)})
    else:
        messages.info(request, _("Every group has finished; nobody to remind."))
    return redirect(reverse("planning:evaluation_round", args=[evaluation_round.pk]))


@coordinator_required
def report_edit(request, pk):
    """The report's own text (introduction, conclusions), and the way to publishing it."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    form = ReportForm(request.POST or None, instance=evaluation_round)
    conflict = None
    if request.method == "POST" and form.is_valid():
        conflict = save_tracked(form, request.user, action_prefix="evaluationround.report")
        if conflict is None:
            messages.success(request, _("Saved."))
            return redirect("planning:evaluation_report_edit", evaluation_round.pk)
        form = form_after_conflict(form, conflict)
    return render(request, "planning/monitoring/report_edit.html", {
        "round": evaluation_round, "form": form, "conflict": conflict}, status=409 if conflict else 200)


@coordinator_required
def report_publish(request, pk):
    """Publish the report of a locked year, after a confirmation."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    if not evaluation_round.is_locked:
        raise PermissionDenied("Only a locked year has a report to publish.")
    if request.method == "POST":
        services.publish_report(evaluation_round, request.user)
        messages.success(request, _("The report for %(year)s is published; its PDF is being prepared.") % {
            "year": evaluation_round.year})
        return redirect("planning:evaluation_report", evaluation_round.plan.slug, evaluation_round.year)
    return render(request, "planning/monitoring/publish_confirm.html", {"round": evaluation_round})


@planning_staff_required
def evidence_download(request, pk, measure_pk):
    """The evidence file of a measure's evaluation, for those who read the measure's evaluations."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    measure = get_object_or_404(access.visible_measures(request.user, evaluation_round), pk=measure_pk)
    evaluation = get_object_or_404(MeasureEvaluation.objects.exclude(evidence_file=""), round=evaluation_round,
                                   measure=measure)
    return serve_file(request, evaluation.evidence_file)
