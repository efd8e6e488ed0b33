"""Who approves a plan: the bodies its area answers to (a zastupitelstvo, a rada, the valná hromada
of a union, the obecné zastupiteľstvo of each municipality), and each of their decisions.

A plan comes into force only when every body it names approved the same version, the one the
steering group approved last (Plan.approval_progress); a rejection sends it back for changes
(planning.services.record_decision)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kpss.files import FileTypeValidator, UnguessablePath
from kpss.models import Territory


class ApprovingBody(models.Model):
    """A body whose approval the plan needs (schvalující orgán)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("council (zastupitelstvo)")
        BOARD = "board", _("board (rada)")
        ASSEMBLY = "assembly", _("general assembly of a union (valná hromada)")
        MUNICIPAL_COUNCIL_SK = "municipal_council_sk", _("municipal council (obecné zastupiteľstvo)")
        OTHER = "other", _("other body")

    plan = models.ForeignKey("planning.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="approving_bodies")
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. Zastupitelstvo města Lipovec."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.COUNCIL)
    territory = models.ForeignKey(Territory, verbose_name=_("for the territory"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+",
                                  help_text=_("The municipality or union the body decides for."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("approving body")
        verbose_name_plural = _("approving bodies")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_approving_body")]

    def __str__(self):
        return self.name


class Decision(models.Model):
    """What a body decided on a version of the plan, with its resolution (usnesení)."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("decision of a body", "approved")
        APPROVED_WITH_CHANGES = "approved_with_changes", pgettext_lazy("decision of a body", "approved with changes")
        REJECTED = "rejected", pgettext_lazy("decision of a body", "rejected")
        NOT_DISCUSSED = "not_discussed", pgettext_lazy("decision of a body", "not discussed yet")

    APPROVING = (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES)

    body = models.ForeignKey(ApprovingBody, verbose_name=_("body"), on_delete=models.CASCADE,
                             related_name="decisions")
    version = models.ForeignKey("planning.PlanVersion", verbose_name=_("version of the plan"),
                                on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    resolution_number = models.CharField(_("resolution number"), max_length=100, blank=True,
                                         help_text=_("E.g. ZM/12/154/2024."))
    decided_on = models.DateField(_("date of the session"))
    note = models.TextField(_("note"), blank=True,
                            help_text=_("The changes it asked for, or why it rejected the plan."))
    extract = models.FileField(_("extract of the resolution (PDF)"), upload_to=UnguessablePath("decisions"),
                               max_length=255, blank=True, validators=[FileTypeValidator("pdf")])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("decision of an approving body")
        verbose_name_plural = _("decisions of approving bodies")
        ordering = ["decided_on", "pk"]

    def __str__(self):
        return f"{self.body} – {self.get_outcome_display()}"

    @property
    def approves(self):
        return self.outcome in self.APPROVING

    def clean(self):
        errors = {}
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = _("The date of a resolution cannot be in the future.")
        if self.outcome and self.outcome != self.Outcome.NOT_DISCUSSED and not self.resolution_number.strip():
            errors["resolution_number"] = _("Give the number of the resolution.")
        if errors:
            raise ValidationError(errors)

    def get_download_url(self):
        return reverse("planning:decision_extract", args=[self.body.plan.slug, self.pk])
