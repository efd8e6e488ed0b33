"""Spam protection for the public forms, without third-party captchas.

Four checks, each with a message that says why a submission was refused:
- a honeypot field that people never see or fill, but form-filling robots do;
- a minimum time between opening the form and sending it (robots send at once), read from the
  form's signed start token;
- the start token serves one submission: it is recorded as used in the transaction that files the
  submission, so a captured form cannot be replayed;
- a limit of submissions per client IP address per hour (kpss.ratelimits.PUBLIC_SUBMISSIONS).

The views check the limit with `over_limit` before validating, and file with `file_submission`,
which spends the token and counts the submission together with filing it.
"""

import hashlib
import hmac
import secrets
import time
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kpss.models import UsedFormToken
from kpss.ratelimits import PUBLIC_SUBMISSIONS
from kpss.security import client_ip

SIGNING_SALT = "kpss.antispam.started"
# How long an opened form may be sent; a used token is remembered as long as it would be accepted.
TOKEN_MAX_AGE = timedelta(hours=24)


def new_start_token():
    # The random part makes two forms opened in the same instant two tokens, each good for one submission.
    return signing.dumps([time.time(), secrets.token_hex(8)], salt=SIGNING_SALT)


def ip_hash(request):
    return hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()


class SpamProtectedForm(forms.Form):
    """Mix into a public form; the view files it with `file_submission`."""

    # The honeypot is hidden from sight and from assistive technology, and out of the tab order.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = new_start_token()
        for field in self.fields.values():
            # A textarea's maxlength would cut a pasted text short without a word; the length is
            # checked when the form is sent, with the text kept and a message next to it.
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.pop("maxlength", None)

    def _renew_start_token(self):
        self.data = self.data.copy()
        self.data["started"] = new_start_token()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(
                _("The form was refused as automated: a field meant to stay empty was filled in."), code="honeypot",
            )
        try:
            started = signing.loads(cleaned_data.get("started") or "", salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            self._renew_start_token()
            raise forms.ValidationError(
                _("The form has expired. Please check your text and send it again."), code="expired",
            ) from None
        # Forms opened before tokens carried a random part hold just the time.
        if isinstance(started, list):
            started = started[0]
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly after it was opened, as robots do. Please wait a few "
                  "seconds and send it again; your text is kept."), code="too_fast",
            )
        return cleaned_data

    def spend_start_token(self):
        """Record the start token as used; call it in the transaction that files the submission.

        A token used before is refused with a ValidationError, and the form gets a fresh token, so
        the person can check their text and send it once more.
        """
        now = timezone.now()
        UsedFormToken.objects.filter(used_at__lt=now - TOKEN_MAX_AGE).delete()
        digest = hashlib.sha256(self.cleaned_data["started"].encode()).hexdigest()
        try:
            with transaction.atomic():
                UsedFormToken.objects.create(digest=digest, used_at=now)
        except IntegrityError:
            self._renew_start_token()
            raise forms.ValidationError(
                _("This form has already been sent, and we received it. To send another one, check your text "
                  "below and send the form again."), code="used",
            ) from None


def over_limit(request):
    """True when the client's address sent as many submissions in the last hour as the portal accepts."""
    return PUBLIC_SUBMISSIONS.exceeded(client_ip(request))


def file_submission(request, form, submit):
    """File a valid public form: `submit(ip_hash)` creates the submission and returns it.

    One transaction spends the form's start token, files the submission and counts it against the
    address's hourly limit, so a failure leaves none of them behind. Raises ValidationError when the
    token was used before (or when `submit` refuses).
    """
    with transaction.atomic():
        form.spend_start_token()
        submission = submit(ip_hash(request))
        PUBLIC_SUBMISSIONS.record(client_ip(request))
    return submission
