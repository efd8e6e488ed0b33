"""The workflows of a year's evaluation: opening the round, saving a measure's evaluation with its
details (a correction with its reason once the year is locked), the progress of each working
group, and reminding the groups that have not finished."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from groups.models import Group, Membership
from kpss.country import in_site_language
from kpss.models import SiteSettings, log_action
from kpss.tasks import request_rendering
from kpss.tracking import save_tracked
from planning.models import ActivityEvaluation, EvaluationRound, IndicatorValue, Measure, MeasureEvaluation
from planning.monitoring.documents import EvaluationReportLayout
from planning.monitoring.rollup import measures_of_year


def open_round(form, by):
    """Open the round of a plan's year from the coordinator's valid OpenRoundForm."""
    with transaction.atomic():
        evaluation_round = form.save()
        log_action(evaluation_round, "evaluationround.open", by, year=evaluation_round.year,
                   deadline=evaluation_round.deadline.isoformat())
    return evaluation_round


class _Details:
    """The indicator values, spending and activities of an evaluation form, saved by save_tracked
    with the evaluation (as it saves inline formsets), so the history holds them in the same entry."""

    def __init__(self, form):
        self.form = form
        self.instance = form.instance

    def save(self):
        evaluation = self.instance
        indicators, spending, activities = self.form.details()
        evaluation.indicator_values.exclude(indicator__in=indicators).delete()
        for indicator, actual in indicators.items():
            IndicatorValue.objects.update_or_create(evaluation=evaluation, indicator=indicator,
                                                    defaults={"actual": actual})
        evaluation.spending.exclude(source__in=spending).delete()
        for source, amount in spending.items():
            evaluation.spending.update_or_create(source=source, defaults={"amount": amount})
        evaluation.activity_evaluations.exclude(activity__in=activities).delete()
        for activity, (status, comment) in activities.items():
            ActivityEvaluation.objects.update_or_create(evaluation=evaluation, activity=activity,
                                                        defaults={"status": status, "comment": comment})


def save_evaluation(form, by):
    """Save a valid MeasureEvaluationForm; returns the Conflict when someone saved the evaluation
    since the form was opened (or created it first), None when saved. In a locked year the save is
    a correction, logged with its reason."""
    evaluation = form.instance
    with transaction.atomic():
        Measure.objects.select_for_update().filter(pk=evaluation.measure_id).first()  # one creator at a time
        # A form opened before anyone evaluated the measure carries no revision: if an evaluation
        # exists now, someone else saved it first.
        existing = MeasureEvaluation.objects.filter(round=evaluation.round, measure=evaluation.measure).first()
        if existing is not None and (evaluation.pk is None or form.cleaned_data.get("revision") is None):
            return existing.conflict_since(0)
        conflict = save_tracked(form, by, formsets=[_Details(form)])
        if conflict is None and form.evaluation_round.is_locked:
            log_action(form.instance, "measureevaluation.correct", by, revision=form.instance.revision,
                       reason=form.cleaned_data["correction_reason"].strip())
            if form.evaluation_round.is_published:  # the report's PDF follows the correction
                transaction.on_commit(lambda: request_rendering(form.evaluation_round, EvaluationReportLayout.name,
                                                                by=by))
    return conflict


def publish_report(evaluation_round, by):
    """Publish the year's report; its archival PDF is rendered by the worker after the commit."""
    with transaction.atomic():
        published = evaluation_round.publish_report(by)
        transaction.on_commit(lambda: request_rendering(published, EvaluationReportLayout.name, by=by))
    return published


@dataclass
class GroupProgress:
    group: Group
    measures: int
    evaluated: int

    @property
    def finished(self):
        return self.evaluated == self.measures


def progress_by_group(evaluation_round, measures=None):
    """How far each working group with measures in the year has got, in the order of their names."""
    if measures is None:
        measures = list(measures_of_year(evaluation_round.plan, evaluation_round.year))
    evaluated = set(evaluation_round.evaluations.values_list("measure_id", flat=True))
    progress = {}
    for measure in measures:
        entry = progress.setdefault(measure.group_id, GroupProgress(measure.group, 0, 0))
        entry.measures += 1
        entry.evaluated += measure.pk in evaluated
    return sorted(progress.values(), key=lambda entry: entry.group.name)


def remind_unfinished_groups(evaluation_round, by):
    """E-mail the current members of every group that has not finished (after the commit, by the
    worker); returns the groups reminded."""
    unfinished = [entry.group for entry in progress_by_group(evaluation_round) if not entry.finished]
    if unfinished:
        log_action(evaluation_round, "evaluationround.remind", by, groups=[group.name for group in unfinished])
        group_ids = [group.pk for group in unfinished]
        transaction.on_commit(lambda: send_evaluation_reminders.enqueue(evaluation_round.pk, group_ids))
    return unfinished


@task()
@in_site_language
def send_evaluation_reminders(round_pk, group_ids):
    evaluation_round = EvaluationRound.objects.select_related("plan").get(pk=round_pk)
    site = SiteSettings.get_solo()
    url = settings.SITE_URL + reverse("planning:evaluation_round", args=[round_pk])
    for group in Group.objects.filter(pk__in=group_ids):
        members = Membership.objects.current().filter(group=group).select_related("person__user")
        emails = sorted({membership.person.contact_email for membership in members} - {""})
        if not emails:
            continue
        body = render_to_string("planning/monitoring/email/reminder.txt", {
            "round": evaluation_round, "group": group, "url": url, "site": site})
        send_mail(_("Evaluation of %(plan)s for %(year)s: please finish by %(deadline)s") % {
            "plan": evaluation_round.plan.title, "year": evaluation_round.year,
            "deadline": date_format(evaluation_round.deadline)},
            body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=False)
