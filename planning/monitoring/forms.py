"""The forms of a year's evaluation: opening a round, evaluating a measure (with its indicators'
actual values, the spending by funding source and its activities on the same page), and the
report's own text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kpss.files import DownloadLinkFileInput, FileTypeValidator
from kpss.numbers import LocalDecimalFormField, display_number
from planning.forms import TrackedForm, https_links
from planning.models import EvaluationRound, EvaluationStatus, FundingSource, Measure, MeasureEvaluation, Plan

EVIDENCE_TYPES = FileTypeValidator("documents")


class OpenRoundForm(forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = ["plan", "year", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("-year_from")
        self.fields["plan"].help_text = _("Plans in force; a year is evaluated once.")


class MeasureEvaluationForm(TrackedForm):
    """The evaluation of one measure in one year. Besides the row's own fields, one field per
    indicator (its actual value), per funding source (the amount spent from it) and two per
    activity (status, comment): all on one form, so an error keeps everything typed."""

    correction_reason = forms.CharField(
        label=_("Reason for the correction"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The year is locked: a change is a correction, recorded with its reason."),
    )

    class Meta:
        model = MeasureEvaluation
        formfield_callback = https_links
        fields = ["status", "fulfilment", "actual_cost", "comment", "evidence_url", "evidence_file", "moved_to"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4}),
                   # the stored file links to its download view (/media/ is not served)
                   "evidence_file": DownloadLinkFileInput(attrs={"accept": EVIDENCE_TYPES.accept()})}

    def __init__(self, *args, evaluation_round, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluation_round, self.measure = evaluation_round, measure
        self.instance.round, self.instance.measure = evaluation_round, measure
        if not evaluation_round.is_locked:
            del self.fields["correction_reason"]
        self.fields["moved_to"].queryset = Measure.objects.filter(
            plan__in=_plans_a_measure_may_move_to(measure.plan)).exclude(pk=measure.pk).select_related("plan")
        self.fields["moved_to"].label_from_instance = lambda target: f"{target.plan.title}: {target}"
        self.indicator_fields, self.source_fields, self.activity_fields = [], [], []
        saved = self._saved_details()
        for indicator in measure.indicators.all():
            name = f"indicator_{indicator.pk}"
            self.fields[name] = LocalDecimalFormField(
                label=f"{indicator.name} ({indicator.unit})", required=False, max_digits=12, decimal_places=2,
                help_text=_("Baseline %(baseline)s, target %(target)s.") % {
                    "baseline": display_number(indicator.baseline) if indicator.baseline is not None else "–",
                    "target": display_number(indicator.target)})
            self.fields[name].initial = saved["indicators"].get(indicator.pk)
            self.indicator_fields.append((indicator, name))
        for source in FundingSource.objects.order_by("order", "name"):
            name = f"source_{source.code}"
            self.fields[name] = LocalDecimalFormField(label=source.name, required=False, max_digits=12,
                                                      decimal_places=0, min_value=0)
            self.fields[name].initial = saved["spending"].get(source.pk)
            self.source_fields.append((source, name))
        for activity in measure.activities.all():
            status, comment = f"activity_{activity.pk}_status", f"activity_{activity.pk}_comment"
            self.fields[status] = forms.ChoiceField(
                label=_("Status of %(activity)s") % {"activity": activity}, required=False,
                choices=[("", "—"), *EvaluationStatus.choices])
            self.fields[comment] = forms.CharField(
                label=_("Comment on %(activity)s") % {"activity": activity}, required=False, max_length=1000)
            self.fields[status].initial, self.fields[comment].initial = saved["activities"].get(activity.pk, ("", ""))
            self.activity_fields.append((activity, status, comment))

    def _saved_details(self):
        if not self.instance.pk:
            return {"indicators": {}, "spending": {}, "activities": {}}
        return {
            "indicators": dict(self.instance.indicator_values.values_list("indicator_id", "actual")),
            "spending": dict(self.instance.spending.values_list("source_id", "amount")),
            "activities": {activity: (status, comment) for activity, status, comment in
                           self.instance.activity_evaluations.values_list("activity_id", "status", "comment")},
        }

    def clean(self):
        cleaned = super().clean()
        if "correction_reason" in self.fields and not (cleaned.get("correction_reason") or "").strip():
            self.add_error("correction_reason", _("Say why the locked year is corrected."))
        spent = sum(cleaned.get(name) or 0 for _source, name in self.source_fields)
        cost = cleaned.get("actual_cost")
        if spent and cost is not None and spent != cost:
            self.add_error("actual_cost", _("The amounts by funding source add up to %(spent)s CZK, not %(cost)s CZK.")
                           % {"spent": display_number(spent), "cost": display_number(cost)})
        return cleaned

    def details(self):
        """What the form says beyond the row: {indicator: actual}, {source: amount},
        {activity: (status, comment)}; only what was filled in."""
        data = self.cleaned_data
        return (
            {indicator: data[name] for indicator, name in self.indicator_fields if data.get(name) is not None},
            {source: data[name] for source, name in self.source_fields if data.get(name)},
            {activity: (data[status], data[comment].strip()) for activity, status, comment in self.activity_fields
             if data.get(status) or data.get(comment, "").strip()},
        )


def _plans_a_measure_may_move_to(plan):
    """The plan itself, and the other plans of the same midterm plan (its action plans, the midterm
    plan itself) and the plans that continue it."""
    midterm = plan.midterm_plan_id or plan.pk
    return Plan.objects.filter(pk=plan.pk) | Plan.objects.filter(midterm_plan=midterm) | Plan.objects.filter(
        pk=midterm) | Plan.objects.filter(supersedes=midterm)


class ReportForm(TrackedForm):
    class Meta:
        model = EvaluationRound
        fields = ["report_intro", "report_conclusions"]
        widgets = {"report_intro": forms.Textarea(attrs={"rows": 8}),
                   "report_conclusions": forms.Textarea(attrs={"rows": 8})}



class SpreadsheetImportForm(forms.Form):
    """The upload of a filled-in evaluation spreadsheet; in a locked year, with the reason for the
    correction (it goes with every evaluation the file changes)."""

    file = forms.FileField(label=_("Filled-in spreadsheet (CSV or XLSX)"),
                           validators=[FileTypeValidator("tables")],
                           help_text=_("The file exported from this page, with your values."))
    correction_reason = forms.CharField(
        label=_("Reason for the correction"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The year is locked: a change is a correction, recorded with its reason."),
    )

    def __init__(self, *args, evaluation_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = FileTypeValidator("tables").accept()
        if not evaluation_round.is_locked:
            del self.fields["correction_reason"]

    def clean_correction_reason(self):
        reason = self.cleaned_data["correction_reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the locked year is corrected."))
        return reason
