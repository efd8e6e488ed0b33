"""Every rate limit of the portal, declared by name in one place and counted in the database.

A limit allows a number of events (its setting) per something, e.g. per client address, in a
sliding window. Each event is a RateLimitHit row, so all gunicorn workers count the same without a
shared cache (a fresh machine has only SQLite). A row carries a hash of what it counts per, keyed
with SECRET_KEY and the limit's name, never the address itself (GDPR); rows older than their
window are deleted whenever their limit records a new one, so the table stays small.

Checking and recording are separate steps: a form is checked before it is validated and recorded
only when what it asked for is done, in the same transaction, so a typo costs nobody an attempt.
Requests that arrive at the same instant can each pass the check: the limits stop floods, they are
not exact quotas.

Sign-in throttling is django-axes' own (the AXES_* settings): it locks a username per address.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from kpss.models import RateLimitHit


@dataclass(frozen=True)
class RateLimit:
    """`setting` events per `per` in `window`; `normalise` makes spellings of one value count as one."""

    name: str
    setting: str
    per: str
    window: timedelta = timedelta(hours=1)
    normalise: Callable[[str], str] = str.strip

    @property
    def allowed(self):
        return getattr(settings, self.setting)

    def key(self, value):
        message = f"{self.name}\n{self.normalise(value)}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()

    def exceeded(self, value):
        """True when `value` has used up what this limit allows in the window."""
        since = timezone.now() - self.window
        return RateLimitHit.objects.filter(name=self.name, key=self.key(value), at__gte=since).count() >= self.allowed

    def record(self, value):
        """Count one event of `value`; call it in the transaction that does what is limited."""
        now = timezone.now()
        RateLimitHit.objects.filter(name=self.name, at__lt=now - self.window).delete()
        RateLimitHit.objects.create(name=self.name, key=self.key(value), at=now)


def _email(value):
    return value.strip().casefold()


PUBLIC_SUBMISSIONS = RateLimit(
    "public-submissions", "PUBLIC_FORM_LIMIT_PER_HOUR", per="client IP address: comments and suggestions together",
)
PASSWORD_RESETS = RateLimit(
    "password-resets", "PASSWORD_RESET_LIMIT_PER_HOUR", per="e-mail address asked for", normalise=_email,
)

LIMITS = {limit.name: limit for limit in (PUBLIC_SUBMISSIONS, PASSWORD_RESETS)}
