"""Questionnaires (dotazníková šetření): short anonymous surveys of providers, users, municipalities
or the public, answered through a public link between an open and a close date.

Answers are anonymous: a response keeps when it came and what was answered, nothing of who sent
it (not even a hash of the address; the hourly limit of kpss.antispam counts addresses in the
cache only). Results are public once the questionnaire closes (planning.questionnaires).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpss.tracking import TrackedChanges
from planning.models.plans import Plan

SCALE = range(1, 6)


class QuestionnaireQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def open_now(self):
        return self.open_at(timezone.now())

    def with_public_results(self):
        """Closed questionnaires: their results are public."""
        return self.filter(closes_at__lte=timezone.now())


class Questionnaire(TrackedChanges):
    """A survey the coordinator builds; open or not is a matter of the clock, as for comment rounds."""

    class Audience(models.TextChoices):
        PROVIDERS = "providers", _("service providers")
        USERS = "users", _("service users")
        MUNICIPALITIES = "municipalities", _("municipalities")
        PUBLIC = "public", _("the public")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=100, unique=True,
                            help_text=_("The end of the questionnaire's public link."))
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("What the survey is for and how its results will be used."))
    audience = models.CharField(_("for whom"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="questionnaires",
                             help_text=_("The plan whose analyses the results serve."))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    attach_to_report = models.BooleanField(_("attach the results to the evaluation report"), default=False)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-opens_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("planning:questionnaire_detail", args=[self.slug])

    def get_results_url(self):
        return reverse("planning:questionnaire_results", args=[self.slug])

    def log_contexts(self):
        return [(Plan, self.plan_id)] if self.plan_id else []

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A questionnaire must close after it opens.")})

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def has_opened(self, moment=None):
        return (moment or timezone.now()) >= self.opens_at

    def has_closed(self, moment=None):
        return (moment or timezone.now()) >= self.closes_at

    def results_are_public(self, moment=None):
        return self.has_closed(moment)


class Question(models.Model):
    """One question; its kind decides the form field and how its answers are counted."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        SCALE = "scale", _("scale 1–5")
        TEXT = "text", _("free text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE,
                                      related_name="questions")
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.CharField(_("question"), max_length=500)
    options = models.TextField(_("options"), blank=True,
                               help_text=_("For a single or multiple choice: one option per line."))
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_choice(self):
        return self.kind in self.CHOICE_KINDS

    def choices(self):
        """The options, one per line, without empty lines and repeats."""
        return list(dict.fromkeys(line.strip() for line in self.options.splitlines() if line.strip()))

    def clean(self):
        if self.is_choice and len(self.choices()) < 2:
            raise ValidationError({"options": _("A choice question needs at least two options, one per line.")})
        if not self.is_choice and self.options.strip():
            raise ValidationError({"options": _("Only choice questions have options; leave this empty.")})


class Response(models.Model):
    """One filled-in questionnaire. Deliberately without any data about who sent it."""

    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE,
                                      related_name="responses")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["questionnaire", "submitted_at", "pk"]

    def __str__(self):
        return f"{self.questionnaire} #{self.pk}"

    @classmethod
    def submit(cls, questionnaire, answers):
        """File a response with its `answers` (unsaved Answer rows without a response); refused when
        the questionnaire is not open."""
        if not questionnaire.is_open():
            raise ValidationError(_("The questionnaire is closed; answers can no longer be submitted."))
        with transaction.atomic():
            response = cls.objects.create(questionnaire=questionnaire)
            for answer in answers:
                answer.response = response
            Answer.objects.bulk_create(answers)
        return response


class Answer(models.Model):
    """The answer to one question: one row per ticked option of a multiple choice, so that the
    database counts them; `value` holds a point of the scale, `text` a free answer."""

    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")
    choice = models.CharField(_("chosen option"), max_length=500, blank=True)
    value = models.PositiveSmallIntegerField(_("value on the scale"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                                   name="answer_value_on_the_scale"),
        ]

    def __str__(self):
        return self.choice or self.text or str(self.value or "")
