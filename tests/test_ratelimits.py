"""The registry of rate limits: declared once, counted in the database, keyed hashes only, old rows cleaned."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from kpss.models import RateLimitHit
from kpss.ratelimits import LIMITS, PASSWORD_RESETS, PUBLIC_SUBMISSIONS


@pytest.mark.parametrize("limit", LIMITS.values(), ids=LIMITS.keys())
def test_every_limit_has_its_setting(limit):
    assert isinstance(getattr(settings, limit.setting), int)
    assert limit.allowed > 0


def test_a_limit_counts_in_its_window(db, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
    PUBLIC_SUBMISSIONS.record("203.0.113.5")
    assert not PUBLIC_SUBMISSIONS.exceeded("203.0.113.5")
    PUBLIC_SUBMISSIONS.record("203.0.113.5")
    assert PUBLIC_SUBMISSIONS.exceeded("203.0.113.5")
    assert not PUBLIC_SUBMISSIONS.exceeded("198.51.100.7")
    RateLimitHit.objects.update(at=timezone.now() - timedelta(hours=1, seconds=1))
    assert not PUBLIC_SUBMISSIONS.exceeded("203.0.113.5")


def test_only_keyed_hashes_are_stored_and_they_differ_between_limits(db, settings):
    PUBLIC_SUBMISSIONS.record("clen@example.cz")
    PASSWORD_RESETS.record("clen@example.cz")
    keys = set(RateLimitHit.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("clen" in key for key in keys)
    settings.SECRET_KEY = "another-secret-key-another-secret-key-another-secret-key"
    assert PASSWORD_RESETS.key("clen@example.cz") not in keys


def test_recording_deletes_the_limits_rows_older_than_its_window(db):
    PUBLIC_SUBMISSIONS.record("203.0.113.5")
    PASSWORD_RESETS.record("clen@example.cz")
    RateLimitHit.objects.update(at=timezone.now() - timedelta(hours=2))
    PUBLIC_SUBMISSIONS.record("198.51.100.7")
    assert sorted(RateLimitHit.objects.values_list("name", flat=True)) == ["password-resets", "public-submissions"]
    assert RateLimitHit.objects.get(name="public-submissions").key == PUBLIC_SUBMISSIONS.key("198.51.100.7")
