"""Staff forms for the parts of a plan working groups write, and for lifecycle steps."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.db import models
from django.db.models import DateField, Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from groups.models import Group, Resolution
from kpss.antispam import SpamProtectedForm
from kpss.submissions import PERSONAL_WIDGETS
from planning.models import (
    Activity,
    Answer,
    AnswerTemplate,
    Comment,
    Decision,
    Goal,
    Indicator,
    Measure,
    Plan,
    Question,
    Suggestion,
    SwotItem,
)


def https_links(model_field, **kwargs):
    """Form fields of the model, a link typed without its scheme taken as https:// (a ModelForm's
    formfield_callback)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class TrackedForm(forms.ModelForm):
    """A form for a row with a revision: it carries the revision the user started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else None


class GoalForm(TrackedForm):
    class Meta:
        model = Goal
        fields = ["priority", "group", "title", "description"]

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["group"].queryset = groups.filter(kind="working")
        # Where there is only one to choose, it is chosen.
        for name in ("priority", "group"):
            choices = list(self.fields[name].queryset[:2])
            if len(choices) == 1 and not self.instance.pk:
                self.initial[name] = choices[0].pk


class MeasureForm(TrackedForm):
    class Meta:
        model = Measure
        fields = [
            "goal", "group", "title", "description", "rationale", "swot_items", "target_groups",
            "service_type", "service_form", "capacity_change", "capacity_unit",
            "responsible", "implementer", "partners", "year_from", "year_to",
            "annual_cost", "funding_sources", "expected_outputs", "weight",
        ]
        widgets = {
            "swot_items": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "funding_sources": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "expected_outputs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        # A measure sits under a goal of a group the user works for (its current goal stays choosable).
        self.fields["goal"].queryset = plan.goals.filter(
            Q(group__in=groups) | Q(pk=self.instance.goal_id),
        ).select_related("priority").order_by("priority__position", "position")
        self.fields["group"].queryset = groups.filter(kind="working")
        self.fields["group"].required = False
        self.fields["weight"].required = False  # left empty, the measure counts once
        self.fields["group"].help_text = _("Leave empty to take the goal's working group.")
        self.fields["swot_items"].queryset = plan.swot_items.select_related("group")
        self.fields["service_type"].queryset = self.fields["service_type"].queryset.order_by("section")

    def clean(self):
        cleaned_data = super().clean()
        goal, group = cleaned_data.get("goal"), cleaned_data.get("group")
        allowed = self.fields["group"].queryset
        if goal and not group:
            if not allowed.filter(pk=goal.group_id).exists():
                self.add_error("group", _("Choose one of your working groups."))
            else:
                cleaned_data["group"] = goal.group
        return cleaned_data

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        return Decimal(1) if weight is None else weight



class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target"]


IndicatorFormSet = inlineformset_factory(
    Measure, Indicator, form=IndicatorForm, extra=1, can_delete=True,
)


class ActivityForm(TrackedForm):
    class Meta:
        model = Activity
        fields = ["title", "description", "responsible", "timeframe"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SwotItemForm(TrackedForm):
    class Meta:
        model = SwotItem
        fields = ["group", "kind", "text"]

    def __init__(self, *args, plan, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups.filter(kind="working")


class StepForm(forms.Form):
    """The form of a lifecycle step taken on `plan`."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan


class CommentRoundFieldsForm(StepForm):
    """The comment round that opening a plan for comments opens in the same step: without it, a
    plan would be "open for comments" with nothing to comment in."""

    round_title = forms.CharField(label=_("Title of the comment round"), max_length=300)
    round_intro = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the round is about and how comments will be handled; shown above the comment form."),
    )
    opens_at = forms.DateTimeField(
        label=_("Comments are accepted from"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        label=_("Comments are accepted until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["round_title"].initial = _("Comments on the draft: %(plan)s") % {"plan": plan.title}
        self.fields["opens_at"].initial = now
        self.fields["closes_at"].initial = (now + timedelta(days=30)).replace(hour=23, minute=59)

    def clean(self):
        cleaned_data = super().clean()
        opens_at, closes_at = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if closes_at and closes_at <= timezone.now():
            self.add_error("closes_at", _("The round must close in the future."))
        elif opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A round must close after it opens."))
        return cleaned_data

    def round_fields(self):
        """What CommentRound stores."""
        data = self.cleaned_data
        return {"title": data["round_title"], "intro": data["round_intro"], "opens_at": data["opens_at"],
                "closes_at": data["closes_at"]}


class SteeringResolutionField(forms.ModelChoiceField):
    """A numbered resolution of a steering group, newest first: the one that approved a plan or a
    settlement of comments."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Resolution of the steering group"))
        kwargs.setdefault("help_text", _("If the steering group's minutes are kept in the portal, choose the "
                                         "resolution; the page then links to the meeting that passed it."))
        kwargs.setdefault("empty_label", _("– not kept in the portal –"))
        super().__init__(
            Resolution.objects.filter(group__kind=Group.Kind.STEERING, number__isnull=False)
            .select_related("group", "meeting").order_by("-year", "-number", "-pk"),
            required=False, **kwargs,
        )

    def label_from_instance(self, resolution):
        passed = date_format(timezone.localtime(resolution.meeting.starts_at), "j. n. Y")
        return f"{resolution.reference} ({passed}): {Truncator(resolution.text).chars(80)}"


class SteeringApprovalMixin:
    """A resolution chosen fills in its number and date when they are left empty."""

    def clean(self):
        data = super().clean()
        resolution = data.get("approving_resolution")
        if resolution:
            if not data.get("steering_resolution"):
                data["steering_resolution"] = resolution.reference
            if not data.get("steering_approved_on") and "steering_approved_on" not in self.errors:
                data["steering_approved_on"] = timezone.localdate(resolution.meeting.starts_at)
        for name in ("steering_resolution", "steering_approved_on"):
            if name in self.fields and not data.get(name) and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        return data


def transition_form_class(transition):
    """A form asking for what a lifecycle step records (a resolution, dates), plus a note; opening
    for comments also asks for the comment round. The steering group's approval also offers its
    resolution kept in the portal, which fills in the number and the date."""
    fields = {}
    for name in transition.links:
        fields[name] = SteeringResolutionField()
    for name in transition.fields:
        model_field = Plan._meta.get_field(name)
        if isinstance(model_field, DateField):
            fields[name] = forms.DateField(
                label=capfirst(model_field.verbose_name),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                required=not transition.links,
            )
        else:
            fields[name] = model_field.formfield(required=not transition.links)
        if transition.links:
            fields[name].help_text = _("May be left empty when the resolution is chosen above.")
    fields["note"] = forms.CharField(label=_("Note for the history"), required=False, max_length=500)
    if transition.name == "approve_by_council":
        fields["note"] = forms.CharField(
            label=_("Reason for approving without the remaining bodies"), required=False, max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("The plan is approved by itself once every body approved it; this step is the exception, "
                        "kept in the history with its reason."))
    base = CommentRoundFieldsForm if transition.opens_comment_round else StepForm
    if transition.links:
        base = type("SteeringStepForm", (SteeringApprovalMixin, base), {})
    return type("TransitionForm", (base,), fields)


class PublishSettlementForm(forms.Form):
    """The confirmation of a settlement's publication, with the steering group's resolution that
    approved it, if the portal keeps it."""

    approving_resolution = SteeringResolutionField()


class CommentForm(SpamProtectedForm, forms.ModelForm):
    """The public comment form: what to change, and who asks (the name published only with consent)."""

    part = forms.ChoiceField(label=_("Comment on"), required=False)

    class Meta:
        model = Comment
        fields = ["text", "proposed_wording", "name", "organisation", "commenter_type", "email", "publish_name"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "proposed_wording": forms.Textarea(attrs={"rows": 4}),
            **PERSONAL_WIDGETS,
        }
        labels = {"name": _("Your name"), "commenter_type": _("I comment as")}
        help_texts = {
            "proposed_wording": _("If you can, write how the text should read."),
            "email": _("Optional. We send a confirmation and, once the comments are settled, the answer."),
            "publish_name": _("Without consent the settlement table shows only who you comment as, e.g. "
                              "“service provider”."),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        plan = round_.plan
        self.chapters = {str(c.pk): c for c in plan.chapters.all()}
        self.measures = {str(m.pk): m for m in plan.measures.order_by("goal__priority__position", "goal__position",
                                                                      "position")}
        self.fields["part"].choices = [
            ("", _("the whole document")),
            (_("Chapters"), [(f"kapitola-{pk}", c.title) for pk, c in self.chapters.items()]),
            (_("Measures"), [(f"opatreni-{pk}", f"{m.code} {m.title}") for pk, m in self.measures.items()]),
        ]
        self.order_fields(["part", "text", "proposed_wording", "name", "organisation", "commenter_type", "email",
                           "publish_name"])

    def clean_part(self):
        kind, _sep, pk = self.cleaned_data["part"].partition("-")
        self.cleaned_data["chapter"] = self.chapters.get(pk) if kind == "kapitola" else None
        self.cleaned_data["measure"] = self.measures.get(pk) if kind == "opatreni" else None
        return self.cleaned_data["part"]

    def comment_fields(self):
        """What Comment.submit stores."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        return {**fields, "chapter": self.cleaned_data.get("chapter"), "measure": self.cleaned_data.get("measure")}


class SettleForm(TrackedForm):
    """A group's official answer to one comment."""

    template = forms.ModelChoiceField(
        label=_("Use an answer template"), queryset=AnswerTemplate.objects.all(), required=False,
        help_text=_("Fills in the outcome and the justification when you leave them empty."),
    )

    class Meta:
        model = Comment
        fields = ["outcome", "justification", "worked_in_measure", "worked_in_chapter"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.round.plan
        self.fields["outcome"].required = False
        self.fields["worked_in_measure"].queryset = plan.measures.order_by("code")
        self.fields["worked_in_chapter"].queryset = plan.chapters.all()
        self.order_fields(["template", "outcome", "justification", "worked_in_measure", "worked_in_chapter"])

    def clean(self):
        cleaned_data = super().clean()
        template = cleaned_data.get("template")
        if template:
            cleaned_data["outcome"] = cleaned_data.get("outcome") or template.outcome
            cleaned_data["justification"] = cleaned_data.get("justification") or template.text
        if not cleaned_data.get("outcome"):
            self.add_error("outcome", _("Choose the outcome."))
        # Comment.clean() requires the justification unless the comment is accepted.
        return cleaned_data


class BulkSettleForm(forms.Form):
    """Settle several comments with one answer (e.g. duplicates, or comments outside the plan)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Comment.Outcome.choices)
    justification = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3}),
                                    required=False)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("outcome") not in (None, Comment.Outcome.ACCEPTED) and not cleaned_data.get(
            "justification", "",
        ).strip():
            self.add_error("justification", _("Give a justification unless the comments are accepted."))
        return cleaned_data


class HideCommentForm(forms.Form):
    reason = forms.CharField(label=_("Why is it hidden?"), max_length=300,
                             help_text=_("Kept with the comment, e.g. spam or abusive language."))


class SuggestionForm(SpamProtectedForm, forms.ModelForm):
    """The public form of the agenda podnětů: anyone, at any time, without an account."""

    class Meta:
        model = Suggestion
        fields = ["text", "name", "organisation", "commenter_type", "email", "publish_name"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6}), **PERSONAL_WIDGETS}
        labels = {"text": _("Your suggestion"), "name": _("Your name"), "commenter_type": _("I write as")}
        help_texts = {
            "text": _("What is missing or could work better, e.g. a service that people in your area need."),
            "email": _("Optional. We use it only to answer you; it is never published."),
            "publish_name": _("Without consent the list of resolved suggestions shows only who you write as, e.g. "
                              "“service provider”."),
        }

    def suggestion_fields(self):
        """What Suggestion.submit stores."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class QuestionnaireForm(SpamProtectedForm):
    """The public form of a questionnaire: a field per question (named by its primary key), spam
    protection as on the comment form, and nothing about who answers."""

    TEXT_MAX_LENGTH = 5000

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {f"otazka-{question.pk}": question for question in questions}
        for name, question in self.questions.items():
            self.fields[name] = self._field(question)
        self.order_fields([*self.questions, "website", "started"])

    def _field(self, question):
        common = {"label": question.text, "required": question.required}
        if question.kind == Question.Kind.SINGLE:
            return forms.ChoiceField(choices=[(option, option) for option in question.choices()],
                                     widget=forms.RadioSelect, **common)
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(choices=[(option, option) for option in question.choices()],
                                             widget=forms.CheckboxSelectMultiple, **common)
        if question.kind == Question.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=[(value, str(value)) for value in range(1, 6)], coerce=int, empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale"}), help_text=_("1 is the least, 5 the most."),
                **common,
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=self.TEXT_MAX_LENGTH, **common)

    def answers(self):
        """Unsaved Answer rows of what was answered (an unanswered optional question has none)."""
        rows = []
        for name, question in self.questions.items():
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            if question.kind == Question.Kind.MULTIPLE:
                rows += [Answer(question=question, choice=option) for option in value]
            elif question.kind == Question.Kind.SINGLE:
                rows.append(Answer(question=question, choice=value))
            elif question.kind == Question.Kind.SCALE:
                rows.append(Answer(question=question, value=value))
            else:
                rows.append(Answer(question=question, text=value.strip()))
        return rows


class DecisionForm(forms.ModelForm):
    """What an approving body decided on the plan, for the plan's approval page."""

    class Meta:
        model = Decision
        fields = ["body", "outcome", "resolution_number", "decided_on", "note", "extract"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
            "extract": forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = plan.approving_bodies.all()
        self.fields["body"].empty_label = None
        self.fields["outcome"].choices = Decision.Outcome.choices
        self.fields["outcome"].initial = Decision.Outcome.APPROVED
