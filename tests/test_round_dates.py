"""A comment round's dates are given with their times: "do 31. 10. 2026 23:59", not "do 31. 10. 2026".

A round that closes at noon refuses what is sent in the afternoon of the same day, so a date alone
misleads; and a closed round says it took comments, not that it takes them.
"""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.helpers import page_text


def czech_datetime(moment):
    with translation.override("cs"):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def set_days(round_, first, last):
    """The round runs from the first minute of day `first` to the last of day `last` (days from today)."""
    today = timezone.localdate()
    round_.opens_at = timezone.make_aware(datetime.combine(today + timedelta(days=first), time(0, 0)))
    round_.closes_at = timezone.make_aware(datetime.combine(today + timedelta(days=last), time(23, 59)))
    round_.save()
    return czech_datetime(round_.opens_at), czech_datetime(round_.closes_at)


@pytest.fixture
def closed_round(comment_round):
    return comment_round, set_days(comment_round, -40, -10)


def test_the_workspace_gives_the_times_of_a_round(client_as, coordinator, closed_round, plan):
    _round, (opens, closes) = closed_round
    text = page_text(client_as(coordinator).get(reverse("planning:workspace", args=[plan.slug])))
    assert closes.endswith(" 23:59")
    assert f"{opens} – {closes}" in text


def test_the_list_of_rounds_gives_the_times_of_a_closed_round(client, closed_round):
    _round, (opens, closes) = closed_round
    assert f"{opens} – {closes}" in page_text(client.get(reverse("planning:comment_round_list")))


def sentences(opens, closes):
    with translation.override("cs"):
        return [translation.gettext(text) % {"opens": opens, "closes": closes} for text in (
            "Comments are taken from %(opens)s until %(closes)s.",
            "Comments were taken from %(opens)s until %(closes)s.",
        )]


def test_an_open_round_says_it_takes_comments_and_a_closed_one_that_it_took_them(client, comment_round):
    url = reverse("planning:comment_round_detail", args=[comment_round.pk])
    take, took = sentences(*set_days(comment_round, -10, 10))
    text = page_text(client.get(url))
    assert take in text
    assert took not in text
    take, took = sentences(*set_days(comment_round, -40, -10))
    text = page_text(client.get(url))
    assert took in text
    assert take not in text
