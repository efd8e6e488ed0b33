"""The funder's meeting targets: which meetings count, the coordinator's overview and the CSV."""

import datetime
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Invitation, KeyActivity, Meeting, MeetingTarget, Minutes
from groups.targets import progress_of
from tests.factories import PersonFactory
from tests.helpers import admin_form_data, assert_queries_do_not_grow, count_queries, page_text

PRAGUE = ZoneInfo("Europe/Prague")
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=PRAGUE)


def at(day, hour=15, tz=PRAGUE):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)


def meeting(group, starts, length=2, kind=Meeting.Kind.GROUP_MEETING, **fields):
    """A meeting of `length` hours from `starts`; `hours=` sets the programme's hours recorded."""
    number = Meeting.objects.filter(group=group).count() + 1
    return Meeting.objects.create(group=group, number=number, kind=kind, starts_at=starts,
                                  ends_at=starts + timedelta(hours=length), **fields)


def attend(meeting_, present):
    for _index in range(present):
        Invitation.objects.create(meeting=meeting_, person=PersonFactory(), attendance=Invitation.PRESENT)
    Invitation.objects.create(meeting=meeting_, person=PersonFactory(), attendance=Invitation.ABSENT)


@pytest.fixture
def key_activity(db):
    return KeyActivity.objects.create(code="KA 01", name="Činnost pracovních skupin",
                                      starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 3, 31))


def target(key_activity, group, **fields):
    fields.setdefault("required_count", 4)
    return MeetingTarget.objects.create(key_activity=key_activity, group=group, **fields)


def counted(target_, now=NOW):
    (progress,) = progress_of(MeetingTarget.objects.filter(pk=target_.pk).select_related("key_activity", "group"),
                              now=now)
    return progress


class TestCounting:
    def test_a_held_meeting_in_the_period_counts(self, key_activity, group_a):
        held = meeting(group_a, at(datetime.date(2026, 2, 10)))
        progress = counted(target(key_activity, group_a))
        assert progress.counted == [held]
        assert (progress.held, progress.required, progress.percent) == (1, 4, 25)

    def test_a_cancelled_meeting_does_not_count(self, key_activity, group_a):
        meeting(group_a, at(datetime.date(2026, 2, 10)), status=Meeting.Status.CANCELLED)
        assert counted(target(key_activity, group_a)).held == 0

    def test_a_meeting_not_over_yet_does_not_count_but_is_planned(self, key_activity, group_a):
        starts = at(datetime.date(2026, 3, 20))
        meeting(group_a, starts)
        progress = counted(target(key_activity, group_a), now=starts + timedelta(hours=1))
        assert (progress.held, progress.upcoming) == (0, 1)

    def test_meetings_outside_the_period_do_not_count(self, key_activity, group_a):
        meeting(group_a, at(datetime.date(2025, 12, 31)))
        meeting(group_a, at(datetime.date(2026, 4, 1)))
        assert counted(target(key_activity, group_a)).held == 0

    def test_another_groups_meeting_does_not_count(self, key_activity, group_a, group_b):
        meeting(group_b, at(datetime.date(2026, 2, 10)))
        assert counted(target(key_activity, group_a)).held == 0

    def test_only_the_listed_kinds_count(self, key_activity, group_a):
        meeting(group_a, at(datetime.date(2026, 2, 10)))
        workshop = meeting(group_a, at(datetime.date(2026, 2, 11)), kind=Meeting.Kind.WORKSHOP)
        assert counted(target(key_activity, group_a, kinds=["workshop"])).counted == [workshop]
        assert counted(target(key_activity, group_a, kinds=[])).held == 2

    def test_a_too_short_meeting_does_not_count(self, key_activity, group_a):
        # The hours recorded win over the length: a day of 8 hours with a programme of 5,5 is too short.
        meeting(group_a, at(datetime.date(2026, 2, 10)), length=8, hours=Decimal("5.5"))
        long_enough = meeting(group_a, at(datetime.date(2026, 2, 11)), length=8, hours=Decimal("6"))
        assert counted(target(key_activity, group_a, min_hours=Decimal("6"))).counted == [long_enough]

    def test_without_hours_the_meetings_length_counts(self, key_activity, group_a):
        meeting(group_a, at(datetime.date(2026, 2, 10)), length=5.5)
        meeting(group_a, at(datetime.date(2026, 2, 12)), length=5.99)  # not rounded up to 6
        six = meeting(group_a, at(datetime.date(2026, 2, 11)), length=6)
        assert counted(target(key_activity, group_a, min_hours=Decimal("6"))).counted == [six]

    def test_too_few_participants_do_not_count(self, key_activity, group_a):
        few = meeting(group_a, at(datetime.date(2026, 2, 10)), guests_count=2)
        attend(few, 7)  # 9 with the guests
        enough = meeting(group_a, at(datetime.date(2026, 2, 11)), guests_count=3)
        attend(enough, 7)  # 10
        assert counted(target(key_activity, group_a, min_participants=10)).counted == [enough]

    def test_the_period_is_in_prague_days_across_the_daylight_saving_change(self, group_a):
        # Summer time begins on 29 March 2026: the period ending that day ends at 22:00 UTC, not 23:00.
        spring = KeyActivity.objects.create(code="KA 02", name="Jaro", starts_on=datetime.date(2026, 3, 1),
                                            ends_on=datetime.date(2026, 3, 29))
        utc = datetime.UTC
        last_evening = meeting(group_a, datetime.datetime(2026, 3, 29, 21, 30, tzinfo=utc), length=0.5)  # 23:30 CEST
        meeting(group_a, datetime.datetime(2026, 3, 29, 22, 0, tzinfo=utc), length=1)  # 0:00 on 30 March in Prague
        # 1 March 0:30 in Prague is still 28 February in UTC.
        first_night = meeting(group_a, datetime.datetime(2026, 2, 28, 23, 30, tzinfo=utc), length=1)
        meeting(group_a, datetime.datetime(2026, 2, 28, 22, 30, tzinfo=utc), length=1)  # 23:30 on 28 February
        assert counted(target(spring, group_a)).counted == [first_night, last_evening]

    def test_progress_stops_at_a_hundred_per_cent(self, key_activity, group_a):
        for day in (10, 11, 12):
            meeting(group_a, at(datetime.date(2026, 2, day)))
        progress = counted(target(key_activity, group_a, required_count=2))
        assert (progress.held, progress.percent, progress.is_met) == (3, 100, True)

    def test_all_targets_are_counted_in_a_constant_number_of_queries(self, key_activity, group_a, group_b):
        targets = MeetingTarget.objects.select_related("key_activity", "group")
        target(key_activity, group_a)
        few = count_queries(lambda: progress_of(targets.all(), now=NOW))
        other = KeyActivity.objects.create(code="KA 02", name="Workshopy", starts_on=datetime.date(2026, 1, 1),
                                           ends_on=datetime.date(2026, 12, 31))
        target(other, group_b, kinds=["workshop"], min_participants=5)
        for day in range(1, 20):
            attend(meeting(group_b, at(datetime.date(2026, 2, day)), kind=Meeting.Kind.WORKSHOP), 5)
        assert count_queries(lambda: progress_of(targets.all(), now=NOW)) == few == 2  # the targets, the meetings


@pytest.fixture
def targets_world(key_activity, group_a, group_b):
    target(key_activity, group_a, required_count=4)
    target(key_activity, group_b, required_count=2)
    starts = timezone.now() - timedelta(days=3)
    KeyActivity.objects.filter(pk=key_activity.pk).update(
        starts_on=timezone.localdate() - timedelta(days=60), ends_on=timezone.localdate() + timedelta(days=60))
    held = meeting(group_a, starts, title="=HYPERLINK(\"http://zle.example\")", guests_count=4, length=2)
    Minutes.objects.create(meeting=held)
    meeting(group_a, timezone.now() + timedelta(days=5))
    return held


class TestOverview:
    url = reverse("groups:targets_overview")

    def test_the_coordinator_sees_every_group_with_a_progress_bar(self, client_as, coordinator, targets_world):
        response = client_as(coordinator).get(self.url)
        text = page_text(response)
        assert "Pracovní skupina Senioři" in text
        assert "Pracovní skupina Rodiny s dětmi" in text
        assert '<progress id="progress-' in text
        assert 'value="25"' in text
        assert "1 / 4" in text
        assert reverse("groups:targets_csv", args=[targets_world.group.targets.get().key_activity_id]) in text

    def test_a_member_sees_only_their_groups_progress(self, client_as, member_a, targets_world):
        text = page_text(client_as(member_a).get(self.url))
        assert "Pracovní skupina Senioři" in text
        assert "Rodiny s dětmi" not in text
        assert ".csv" not in text

    def test_one_group_and_a_group_not_theirs(self, client_as, member_a, steering_member, group_b, targets_world):
        assert client_as(member_a).get(self.url, {"skupina": group_b.slug}).status_code == 404
        text = page_text(client_as(steering_member).get(self.url, {"skupina": group_b.slug}))
        assert "0 / 2" in text
        assert f'href="?skupina={group_b.slug}"' in text
        assert 'href="?skupina=seniori"' not in text

    def test_queries_do_not_grow_with_meetings(self, client_as, coordinator, key_activity, group_a, targets_world):
        client = client_as(coordinator)

        def add_meetings(count):
            for _index in range(count):
                attend(meeting(group_a, timezone.now() - timedelta(days=2)), 2)

        assert assert_queries_do_not_grow(lambda: client.get(self.url), add_meetings) <= 12


class TestCsv:
    def test_one_row_per_counted_meeting_formula_safe(self, client_as, coordinator, key_activity, targets_world):
        response = client_as(coordinator).get(reverse("groups:targets_csv", args=[key_activity.pk]))
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        header, *rows = [line for line in text.lstrip("\ufeff").splitlines() if line]
        assert header.split(";")[:3] == ["Klíčová aktivita", "Skupina", "Jednání"]
        assert len(rows) == 1
        assert "'=HYPERLINK" in rows[0]
        assert rows[0].endswith(";2,0;4")  # hours with a decimal comma, participants: the 4 guests

    def test_a_key_activity_without_targets_is_404(self, client_as, coordinator):
        empty = KeyActivity.objects.create(code="KA 09", name="Bez cílů", starts_on=datetime.date(2026, 1, 1),
                                           ends_on=datetime.date(2026, 12, 31))
        assert client_as(coordinator).get(reverse("groups:targets_csv", args=[empty.pk])).status_code == 404


class TestAdmin:
    def test_the_coordinator_records_a_key_activity_with_targets(self, client_as, coordinator, key_activity,
                                                               group_a):
        target(key_activity, group_a, kinds=["workshop"], min_hours=Decimal("6"), min_participants=10)
        client = client_as(coordinator)
        url = reverse("admin:groups_keyactivity_change", args=[key_activity.pk])
        page = client.get(url)
        text = page_text(page)
        assert 'type="checkbox" name="targets-0-kinds" value="workshop"' in text
        assert "workshop" in page.context["inline_admin_formsets"][0].formset.forms[0]["kinds"].value()
        assert "seminář" in text  # the kinds by their Czech names
        data = admin_form_data(page, **{"targets-0-kinds": ["workshop", "seminar"], "targets-0-min_hours": "6,5"})
        assert client.post(url, data).status_code == 302
        saved = key_activity.targets.get()
        assert (saved.kinds, saved.min_hours) == (["workshop", "seminar"], Decimal("6.5"))
