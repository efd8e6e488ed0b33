"""The public calendar feeds: valid RFC 5545 that Outlook, Google and Thunderbird subscribe to once
and stay current with (stable UIDs, SEQUENCE raised on a move, STATUS:CANCELLED), Europe/Prague
times right across the daylight-saving change, and only public meetings of active groups."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from groups.calendar import meeting_uid
from tests.factories import GroupFactory
from tests.test_group_pages import make_meeting

PRAGUE = ZoneInfo("Europe/Prague")


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def last_sunday_of_october(year):
    day = datetime.date(year, 10, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def at_prague(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PRAGUE)


@pytest.mark.parametrize("url", ["/skupiny/kalendar.ics", "/skupiny/seniori/kalendar.ics"])
def test_a_feed_is_valid_icalendar_in_prague_time_and_briefly_cacheable(client, group_a, url):
    meeting = make_meeting(group_a, 10, hour=15)
    response, calendar = feed(client, url)
    assert "public" in response["Cache-Control"]
    assert "max-age=900" in response["Cache-Control"]
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Prague"]
    event = events(calendar)[meeting_uid(meeting)]
    assert event["dtstart"].params["TZID"] == "Europe/Prague"
    assert event["dtstart"].dt.hour == 15
    assert str(event["status"]) == "CONFIRMED"
    assert meeting.get_absolute_url() in str(event["url"])
    assert "Zahájení" in str(event["description"])  # the agenda
    assert b"\r\n" in response.content


def test_uids_stay_and_a_move_raises_the_sequence(client, group_a, coordinator):
    meeting = make_meeting(group_a, 10)
    _response, before = feed(client, "/skupiny/kalendar.ics")
    assert int(events(before)[meeting_uid(meeting)]["sequence"]) == 0
    meeting.reschedule(coordinator, meeting.starts_at + datetime.timedelta(days=1),
                       meeting.ends_at + datetime.timedelta(days=1))
    _response, after = feed(client, "/skupiny/kalendar.ics")
    assert list(events(after)) == list(events(before))
    event = events(after)[meeting_uid(meeting)]
    assert int(event["sequence"]) == 1
    assert event["dtstart"].dt == meeting.starts_at


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(client, group_a, coordinator):
    meeting = make_meeting(group_a, 10)
    meeting.cancel(coordinator, "Nemoc předsedkyně")
    _response, calendar = feed(client, f"/skupiny/{group_a.slug}/kalendar.ics")
    event = events(calendar)[meeting_uid(meeting)]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1


def test_times_stay_local_across_the_daylight_saving_change(client, group_a):
    """15:00 on the Tuesdays before and after the last Sunday of October: 15:00 in Prague both times,
    13:00 UTC in summer time (+02) and 14:00 UTC in winter time (+01)."""
    from groups.models import Meeting, Minutes

    sunday = last_sunday_of_october(datetime.date.today().year + 1)
    meetings = []
    for number, day in enumerate([sunday - datetime.timedelta(days=5), sunday + datetime.timedelta(days=2)], 1):
        meeting = Meeting.objects.create(group=group_a, number=number, starts_at=at_prague(day, 15),
                                         ends_at=at_prague(day, 17))
        Minutes.objects.create(meeting=meeting)
        meetings.append(meeting)
    response, calendar = feed(client, "/skupiny/kalendar.ics")
    found = events(calendar)
    summer, winter = (found[meeting_uid(meeting)]["dtstart"].dt for meeting in meetings)
    assert (summer.hour, winter.hour) == (15, 15)
    assert summer.utcoffset() == datetime.timedelta(hours=2)
    assert winter.utcoffset() == datetime.timedelta(hours=1)
    assert summer.astimezone(datetime.UTC).hour == 13
    assert winter.astimezone(datetime.UTC).hour == 14
    text = response.content.decode()
    assert f"DTSTART;TZID=Europe/Prague:{summer:%Y%m%d}T150000" in text
    assert f"DTSTART;TZID=Europe/Prague:{winter:%Y%m%d}T150000" in text
    # The zone's rules travel with the feed: both its summer and its winter offsets.
    zone = calendar.walk("VTIMEZONE")[0]
    offsets = {part["tzoffsetto"].to_ical() for part in zone.subcomponents}
    assert {"+0200", "+0100"} <= offsets


def test_non_public_meetings_inactive_groups_and_old_meetings_are_left_out(client, group_a):
    shown = make_meeting(group_a, 10)
    hidden = make_meeting(group_a, 11, is_public=False)
    old = make_meeting(group_a, -400)
    recent = make_meeting(group_a, -30)
    inactive = GroupFactory(is_active=False)
    of_inactive = make_meeting(inactive, 10)
    _response, calendar = feed(client, "/skupiny/kalendar.ics")
    uids = set(events(calendar))
    assert meeting_uid(shown) in uids
    assert meeting_uid(recent) in uids
    assert meeting_uid(hidden) not in uids
    assert meeting_uid(old) not in uids
    assert meeting_uid(of_inactive) not in uids
    assert client.get(f"/skupiny/{inactive.slug}/kalendar.ics").status_code == 404


def test_a_groups_feed_holds_only_its_meetings(client, group_a, group_b):
    own = make_meeting(group_a, 10)
    make_meeting(group_b, 10)
    _response, calendar = feed(client, f"/skupiny/{group_a.slug}/kalendar.ics")
    assert set(events(calendar)) == {meeting_uid(own)}
    assert str(calendar["x-wr-calname"]) == group_a.name
