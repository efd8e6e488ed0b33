"""What the public sends without an account (comments, suggestions, and later answers to surveys):
who sent it, whether their name may be published, and the personal data removed once not needed.

The public forms around these share spam protection (kpss.antispam) and rate limits
(kpss.ratelimits); a model of a new public form inherits `PublicSubmission` and its form uses
`PERSONAL_WIDGETS`, so the same GDPR promises hold everywhere.
"""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubmitterType(models.TextChoices):
    PUBLIC = "public", _("member of the public")
    USER = "user", _("service user")
    PROVIDER = "provider", _("service provider")
    MUNICIPALITY = "municipality", _("municipality")
    CITY_BODY = "city_body", _("city body (e.g. a council committee)")
    WORKING_GROUP = "working_group", _("working group")


class PublicSubmission(models.Model):
    """Who sent a public submission. The name is published only with consent (`publish_name`);
    otherwise the public sees only who they wrote as (`commenter_type`)."""

    received_at = models.DateTimeField(_("received"), default=timezone.now)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    commenter_type = models.CharField(_("sent as"), max_length=20, choices=SubmitterType.choices,
                                      default=SubmitterType.PUBLIC)
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    publish_name = models.BooleanField(_("my name may be published"), default=False)
    # A keyed hash of the sender's address, never the address (kpss.antispam.ip_hash).
    ip_hash = models.CharField(_("hash of the sender's address"), max_length=64, blank=True, editable=False,
                               db_index=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def sender(self):
        """The name and the organisation, the organisation once when it was given as the name too
        ("Obec Kamenná" from Obec Kamenná)."""
        if self.organisation and self.organisation.strip().casefold() != self.name.strip().casefold():
            return f"{self.name}, {self.organisation}"
        return self.name

    @property
    def public_name(self):
        """The sender as the public sees them: the name only with consent, otherwise the type."""
        if self.publish_name and self.name:
            return self.sender
        return self.get_commenter_type_display()

    @staticmethod
    def removed_personal_data(placeholder, now):
        """The field values that remove a sender's personal data, for `QuerySet.update`."""
        return {"name": placeholder, "organisation": "", "email": "", "ip_hash": "", "publish_name": False,
                "anonymised_at": now}


# WCAG 1.3.5: browsers may fill in who the person is.
PERSONAL_WIDGETS = {
    "name": forms.TextInput(attrs={"autocomplete": "name"}),
    "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
    "email": forms.EmailInput(attrs={"autocomplete": "email"}),
}
