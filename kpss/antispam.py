"""Spam protection for the public forms, without third-party captchas.

Three checks, each with a message that says why a submission was refused:
- a honeypot field that people never see or fill, but form-filling robots do;
- a minimum time between opening the form and sending it (robots send at once);
- a limit of submissions per client IP address per hour, counted in the database so that every
  gunicorn worker sees the same count. Only a keyed hash of the address is stored (GDPR).
"""

import hashlib
import hmac
import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpss.security import client_ip

SIGNING_SALT = "kpss.antispam.started"


def ip_hash(request):
    return hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()


class SpamProtectedForm(forms.Form):
    """Mix into a public form; the view checks the rate limit with `over_rate_limit`."""

    # The honeypot is hidden from sight and from assistive technology, and out of the tab order.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=SIGNING_SALT)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("The form was refused as automated: a field meant to stay empty was filled in."), code="honeypot",
            )
        try:
            started = signing.loads(cleaned_data.get("started") or "", salt=SIGNING_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            self.data = self.data.copy()
            self.data["started"] = signing.dumps(time.time(), salt=SIGNING_SALT)
            raise forms.ValidationError(
                _("The form has expired. Please check your text and send it again."), code="expired",
            ) from None
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly after it was opened, as robots do. Please wait a few "
                  "seconds and send it again; your text is kept."), code="too_fast",
            )
        return cleaned_data


def over_rate_limit(hashed_ip, *querysets):
    """True when this address sent PUBLIC_FORM_LIMIT_PER_HOUR submissions in the last hour."""
    since = timezone.now() - timedelta(hours=1)
    sent = sum(qs.filter(ip_hash=hashed_ip, received_at__gte=since).count() for qs in querysets)
    return sent >= settings.PUBLIC_FORM_LIMIT_PER_HOUR
