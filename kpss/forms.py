"""The sign-in forms: the portal's login page and the admin's."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class CappedUsernameMixin:
    """Refuse a username longer than the User model allows before anyone tries to authenticate it.

    AuthenticationForm sets the field's max_length after the field is built, which adds no validator:
    a 300-character username reached authenticate(), and django-axes' 255-character column made that
    a 500 on PostgreSQL. With the validator the field answers with Django's (translated) length
    message, and clean() skips authentication because the username is missing from cleaned_data.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(CappedUsernameMixin, AuthenticationForm):
    """Django's login form with the browser hints that help password managers and screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class AdminLoginForm(CappedUsernameMixin, AdminAuthenticationForm):
    """The admin's login form, with the same cap on the username."""
