"""Password reset: throttled per e-mail address, and sent by the background worker.

Django's PasswordResetView sends its e-mail inside the request, as often as it is asked to. Here
the form counts the requests for each address (kpss.ratelimits.PASSWORD_RESETS) and queues a task
with the account's primary key; the worker makes the token and sends the link, so no reset link
waits in the task queue. The page answers the same whether an account exists or the limit was
reached, so it tells nobody which addresses have accounts.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from kpss import country
from kpss.models import SiteSettings
from kpss.ratelimits import PASSWORD_RESETS


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, queueing the e-mail instead of sending it, at most PASSWORD_RESET_LIMIT_PER_HOUR times."""

    def save(self, **kwargs):
        # Django's view passes how to build the link from the request; the worker builds it from SITE_URL.
        email = self.cleaned_data["email"]
        if PASSWORD_RESETS.exceeded(email):
            return
        with transaction.atomic():
            # Counted whether or not an account has this address: the limit must not tell either.
            PASSWORD_RESETS.record(email)
            for user in self.get_users(email):
                send_password_reset.enqueue(user.pk, translation.get_language())


@task()
def send_password_reset(user_pk, language=None):
    """E-mail an account a link to set a new password, in the language it was asked for in."""
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    # The account may have changed since the request: deactivated, or its password made unusable.
    if user is None or not user.has_usable_password() or not user.email:
        return
    site = urlsplit(settings.SITE_URL)
    with translation.override(language or country.language()):
        context = {
            "email": user.email,
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "protocol": site.scheme,
            "domain": site.netloc + site.path,
            "site_name": SiteSettings.get_solo().display_name,
        }
        subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
        body = render_to_string("registration/password_reset_email.html", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
