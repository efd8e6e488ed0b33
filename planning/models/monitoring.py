"""Monitoring of a plan in force: a yearly evaluation round (vyhodnocení) in which each working group
evaluates its measures and activities, the coordinator locks the year, and a locked year changes
only by a logged correction with its reason.

Depends on the plan modules, never the other way round: plans know nothing of their evaluations.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kpss.files import FileTypeValidator, UnguessablePath
from kpss.models import log_action
from kpss.numbers import DecimalField
from kpss.tracking import TrackedChanges
from planning.models.plans import Activity, FundingSource, Indicator, Measure, Plan


class EvaluationStatus(models.TextChoices):
    """How a measure or activity stands at the end of a year (the statuses of a zpráva o plnění)."""

    DONE = "done", pgettext_lazy("evaluation status", "fulfilled")
    PARTLY = "partly", pgettext_lazy("evaluation status", "partly fulfilled")
    IN_PROGRESS = "in_progress", pgettext_lazy("evaluation status", "in progress")
    NOT_DONE = "not_done", pgettext_lazy("evaluation status", "not fulfilled")
    CANCELLED = "cancelled", pgettext_lazy("evaluation status", "cancelled")
    MOVED = "moved", pgettext_lazy("evaluation status", "moved")


# A measure cancelled or moved elsewhere leaves the base of its goal's fulfilment (rollup.py).
OUTSIDE_THE_BASE = {EvaluationStatus.CANCELLED, EvaluationStatus.MOVED}


class EvaluationRound(TrackedChanges):
    """One year's evaluation of a plan: opened by the coordinator with a deadline, filled in by the
    working groups, locked when complete, and reported on (zpráva o plnění)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="evaluation_rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline for the working groups"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("locked by"), on_delete=models.SET_NULL,
                                  null=True, blank=True, editable=False, related_name="+")
    report_intro = models.TextField(_("introduction of the report"), blank=True)
    report_conclusions = models.TextField(_("conclusions of the report"), blank=True)
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["plan", "-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="one_evaluation_round_a_year")]

    def __str__(self):
        return _("Evaluation of %(plan)s for %(year)s") % {"plan": self.plan, "year": self.year}

    def log_contexts(self):
        return [(Plan, self.plan_id)]

    @property
    def is_locked(self):
        return self.locked_at is not None

    @property
    def is_published(self):
        return self.report_published_at is not None

    def clean(self):
        if self.plan_id and self.year and not (self.plan.year_from <= self.year <= self.plan.year_to):
            raise ValidationError({"year": _("The year must be one of the plan's years (%(period)s).")
                                   % {"period": self.plan.period}})

    def lock(self, by):
        """Lock the year: from now on its evaluations change only by a correction with a reason."""
        with transaction.atomic():
            current = EvaluationRound.locked(self.pk)
            if current.is_locked:
                return current
            current.locked_at, current.locked_by = timezone.now(), by
            current.save_change(by, update_fields=["locked_at", "locked_by"])
            log_action(current, "evaluationround.lock", by, revision=current.revision)
        return current

    def publish_report(self, by):
        """Publish the year's report (its page and its archival PDF); only a locked year has one."""
        with transaction.atomic():
            current = EvaluationRound.locked(self.pk)
            if not current.is_locked:
                raise ValidationError(_("Lock the year before publishing its report."))
            current.report_published_at = timezone.now()
            current.save_change(by, update_fields=["report_published_at"])
            log_action(current, "evaluationround.publish", by, revision=current.revision)
        return current


class MeasureEvaluation(TrackedChanges):
    """How one measure did in one year: status, fulfilment, the actual cost and its sources, the
    actual value of each indicator (IndicatorValue), a comment and evidence."""

    round = models.ForeignKey(EvaluationRound, verbose_name=_("evaluation round"), on_delete=models.CASCADE,
                              related_name="evaluations")
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE,
                                related_name="evaluations")
    status = models.CharField(_("status"), max_length=20, choices=EvaluationStatus.choices)
    fulfilment = models.PositiveSmallIntegerField(
        _("fulfilment (%)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("0 to 100; left empty, a fulfilled measure counts 100 % and an unfulfilled one 0 %."),
    )
    actual_cost = DecimalField(_("actual cost (CZK)"), max_digits=12, decimal_places=0, null=True, blank=True)
    comment = models.TextField(pgettext_lazy("evaluation", "comment"), blank=True, max_length=10_000)
    evidence_url = models.URLField(_("evidence (link)"), blank=True, max_length=500)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to=UnguessablePath("evaluations"), max_length=255, blank=True,
        validators=[FileTypeValidator("documents")],
    )
    moved_to = models.ForeignKey(
        Measure, verbose_name=_("moved to"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Where a moved measure continues (it counts there)."),
    )

    class Meta:
        verbose_name = _("evaluation of a measure")
        verbose_name_plural = _("evaluations of measures")
        ordering = ["round", "measure__position", "measure__pk"]
        constraints = [models.UniqueConstraint(fields=["round", "measure"], name="one_evaluation_of_a_measure_a_year")]

    def __str__(self):
        return f"{self.measure} – {self.round.year}"

    def log_contexts(self):
        return [(Plan, self.measure.plan_id), (EvaluationRound, self.round_id)]

    def get_download_url(self):
        """The evidence file, served to those who read the year's evaluations of the measure's group."""
        return reverse("planning:evaluation_evidence", args=[self.round_id, self.measure_id])

    def clean(self):
        errors = {}
        if self.actual_cost is not None and self.actual_cost < 0:
            errors["actual_cost"] = _("A cost cannot be negative.")
        if self.status == EvaluationStatus.MOVED and not self.moved_to_id:
            errors["moved_to"] = _("Say where the measure moved to.")
        if self.moved_to_id and self.moved_to_id == self.measure_id:
            errors["moved_to"] = _("A measure cannot move to itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def counted_fulfilment(self):
        """The fulfilment this evaluation adds to its goal's, in %: None when it leaves the base
        (cancelled, moved) or says nothing (in progress without a figure)."""
        if self.status in OUTSIDE_THE_BASE:
            return None
        if self.fulfilment is not None:
            return self.fulfilment
        return {EvaluationStatus.DONE: 100, EvaluationStatus.NOT_DONE: 0}.get(self.status)


class IndicatorValue(models.Model):
    """The actual value of an indicator in a year."""

    evaluation = models.ForeignKey(MeasureEvaluation, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="values")
    actual = DecimalField(_("actual value"), max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("actual value of an indicator")
        verbose_name_plural = _("actual values of indicators")
        constraints = [models.UniqueConstraint(fields=["evaluation", "indicator"], name="one_value_of_an_indicator")]

    def __str__(self):
        return f"{self.indicator}: {self.actual}"


class SpendingBySource(models.Model):
    """How much of a measure's actual cost in a year came from a funding source."""

    evaluation = models.ForeignKey(MeasureEvaluation, on_delete=models.CASCADE, related_name="spending")
    source = models.ForeignKey(FundingSource, verbose_name=_("funding source"), on_delete=models.PROTECT,
                               related_name="+")
    amount = DecimalField(_("amount (CZK)"), max_digits=12, decimal_places=0)

    class Meta:
        verbose_name = _("spending by funding source")
        verbose_name_plural = _("spending by funding sources")
        constraints = [models.UniqueConstraint(fields=["evaluation", "source"], name="one_amount_from_a_source")]

    def __str__(self):
        return f"{self.source}: {self.amount}"


class ActivityEvaluation(models.Model):
    """How an activity of the measure stands at the end of the year."""

    evaluation = models.ForeignKey(MeasureEvaluation, on_delete=models.CASCADE, related_name="activity_evaluations")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="evaluations")
    status = models.CharField(_("status"), max_length=20, choices=EvaluationStatus.choices, blank=True)
    comment = models.CharField(pgettext_lazy("evaluation", "comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("evaluation of an activity")
        verbose_name_plural = _("evaluations of activities")
        constraints = [models.UniqueConstraint(fields=["evaluation", "activity"], name="one_evaluation_of_an_activity")]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display()}"


class CarriedMeasure(models.Model):
    """A measure carried forward into a later plan (the next action plan, or the next midterm plan)
    because it was unfinished at the end of `year`: where it came from, how it stood, and whether
    its evaluation of that year was set to "moved" (not when the year was locked or not evaluated:
    this row is then the only link, and the lineage of a measure reads it either way)."""

    source = models.ForeignKey(Measure, verbose_name=_("carried from"), on_delete=models.CASCADE,
                               related_name="carried_to")
    target = models.ForeignKey(Measure, verbose_name=_("carried to"), on_delete=models.CASCADE,
                               related_name="carried_from")
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the measure was left unfinished in."))
    source_status = models.CharField(
        _("status at the time"), max_length=20, choices=EvaluationStatus.choices, blank=True,
        help_text=_("Empty when the measure had not been evaluated."),
    )
    evaluation_moved = models.BooleanField(
        _("evaluation set to moved"), default=False,
        help_text=_("No when the year was locked or had no evaluation round: its evaluation stays as it was."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("measure carried forward")
        verbose_name_plural = _("measures carried forward")
        constraints = [models.UniqueConstraint(fields=["target"], name="a_measure_is_carried_from_one_place")]

    def __str__(self):
        return f"{self.source} → {self.target}"


class CarriedActivity(models.Model):
    """An unfinished activity copied with its carried measure: where it came from."""

    source = models.ForeignKey(Activity, verbose_name=_("carried from"), on_delete=models.CASCADE,
                               related_name="carried_to")
    target = models.ForeignKey(Activity, verbose_name=_("carried to"), on_delete=models.CASCADE,
                               related_name="carried_from")

    class Meta:
        verbose_name = _("activity carried forward")
        verbose_name_plural = _("activities carried forward")
        constraints = [models.UniqueConstraint(fields=["target"], name="an_activity_is_carried_from_one_place")]

    def __str__(self):
        return f"{self.source} → {self.target}"
