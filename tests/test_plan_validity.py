"""A plan is in force only from its valid_from to its valid_to; its successor takes over on the day
it starts (Plan.current_status, computed from the dates, so no daily job has to flip it)."""

import datetime

import pytest
from django.urls import reverse

from planning.models import Plan
from tests.factories import ChapterFactory, MeasureFactory, PlanFactory
from tests.helpers import page_text
from tests.test_plan_lifecycle import STEERING, approve_by_the_council

NOVEMBER_2026 = datetime.date(2026, 11, 25)


def take_to_force(plan, coordinator, valid_from, valid_to):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    plan.transition("approve_by_steering", coordinator, **STEERING)
    approve_by_the_council(plan, coordinator)
    plan.transition("put_in_force", coordinator, valid_from=valid_from, valid_to=valid_to)
    return Plan.objects.get(pk=plan.pk)


@pytest.fixture
def today(monkeypatch):
    """Set the day the portal lives in: today(datetime.date(...))."""

    def set_day(day):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    set_day(NOVEMBER_2026)
    return set_day


@pytest.fixture
def current(plan, coordinator):
    """The 2025–2027 plan, in force."""
    return take_to_force(plan, coordinator, datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))


@pytest.fixture
def successor(current, coordinator):
    """The 2028–2030 plan replacing it, put in force in November 2026 from 1. 1. 2028."""
    successor = PlanFactory(title="Střednědobý plán 2028–2030", slug="sp-2028-2030", year_from=2028,
                            year_to=2030, supersedes=current)
    ChapterFactory(plan=successor)
    MeasureFactory(goal__priority__plan=successor)
    return take_to_force(successor, coordinator, datetime.date(2028, 1, 1), datetime.date(2030, 12, 31))


def test_a_successor_put_in_force_early_leaves_the_current_plan_in_force(today, current, successor, client):
    current.refresh_from_db()
    assert current.status == Plan.Status.IN_FORCE  # nothing is archived ahead of time
    assert (current.current_status(), successor.current_status()) == (Plan.Status.IN_FORCE, Plan.COMING)
    assert list(Plan.objects.in_force_on(NOVEMBER_2026)) == [current]
    listing = page_text(client.get(reverse("planning:plan_list")))
    in_force, coming = listing.index("Platné plány"), listing.index("Schválené plány, které teprve nabudou")
    assert in_force < listing.index(current.title) < coming < listing.index(successor.title)
    home = page_text(client.get("/"))
    assert current.title in home
    assert successor.title not in home


def test_on_the_day_the_successor_starts_it_takes_over(today, current, successor, client):
    today(datetime.date(2027, 12, 31))
    assert list(Plan.objects.in_force_on(datetime.date(2027, 12, 31))) == [current]
    today(datetime.date(2028, 1, 1))
    assert list(Plan.objects.in_force_on(datetime.date(2028, 1, 1))) == [successor]
    assert Plan.objects.get(pk=current.pk).current_status() == Plan.Status.ARCHIVED
    listing = page_text(client.get(reverse("planning:plan_list")))
    assert listing.index("Platné plány") < listing.index(successor.title) < listing.index(
        "Archiv předchozích plánů") < listing.index(current.title)


def test_a_successor_starting_early_archives_its_predecessor_that_day(today, current, coordinator):
    early = PlanFactory(slug="sp-2027-2029", year_from=2027, year_to=2029, supersedes=current)
    ChapterFactory(plan=early)
    MeasureFactory(goal__priority__plan=early)
    take_to_force(early, coordinator, datetime.date(2027, 7, 1), datetime.date(2029, 12, 31))
    assert current.current_status(datetime.date(2027, 6, 30)) == Plan.Status.IN_FORCE
    assert Plan.objects.get(pk=current.pk).current_status(datetime.date(2027, 7, 1)) == Plan.Status.ARCHIVED


def test_an_action_plan_whose_year_has_ended_is_no_longer_in_force(today, current, coordinator, client):
    action = PlanFactory(kind=Plan.Kind.ACTION, midterm_plan=current, title="Akční plán 2025", slug="ap-2025",
                         year_from=2025, year_to=2025)
    ChapterFactory(plan=action)
    MeasureFactory(goal__priority__plan=action)
    action = take_to_force(action, coordinator, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert action.current_status() == Plan.Status.ARCHIVED
    assert "Akční plán 2025" not in page_text(client.get("/"))
    detail = page_text(client.get(current.get_absolute_url()))
    assert "Akční plán 2025</a> (archivováno)" in detail


def test_when_no_midterm_plan_is_in_force_the_portal_says_so(today, current, client):
    message = "V současné době není v platnosti žádný střednědobý plán."
    assert message not in page_text(client.get("/"))
    today(datetime.date(2028, 3, 1))  # the 2025–2027 plan has ended and nothing replaced it
    assert message in page_text(client.get("/"))
    assert message in page_text(client.get(reverse("planning:plan_list")))
