"""Meetings as calendar events (RFC 5545, made with the `icalendar` package).

One event per meeting, the same in the public feeds and in an invitation's attachment, so a member
who subscribed and one who opened the invitation see one event: its UID is stable, its times are
in Europe/Prague (with the zone's rules included, so clients get the daylight-saving change
right), SEQUENCE rises each time the meeting moves or is cancelled, and a cancelled meeting says
STATUS:CANCELLED, which makes calendars strike it out.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//KPSS Portal//Jednani skupin//CS"


def meeting_uid(meeting):
    """A UID that stays the same for the meeting's whole life, unique to this portal."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"meeting-{meeting.pk}@{host}"


def meeting_event(meeting):
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at, zone))
    event.add("dtend", timezone.localtime(meeting.ends_at, zone))
    event.add("summary", f"{meeting} – {meeting.group}" if meeting.title else str(meeting))
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    agenda = "\n".join(f"{number}. {item.title}" for number, item in enumerate(meeting.agenda.all(), start=1))
    description = [_("Agenda:") + "\n" + agenda if agenda else "", settings.SITE_URL + meeting.get_absolute_url()]
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def calendar_of(meetings, name, method=None):
    """An iCalendar of `meetings` (a feed, or with `method` REQUEST/CANCEL an invitation)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if method:
        calendar.add("method", method)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
