"""The public calendar feeds (RFC 5545): every group's public meetings, and one group's.

Calendar clients (Outlook, Google, Thunderbird) subscribe to the address once and fetch it again
every few hours; the answer is public and may be cached briefly.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from groups.calendar import calendar_of
from groups.models import Group
from groups.published import feed_meetings
from kpss.permissions import public

FEED_MAX_AGE = 15 * 60


def _feed(meetings, name, filename):
    response = HttpResponse(calendar_of(meetings, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public
@cache_control(public=True, max_age=FEED_MAX_AGE)
def calendar_all(request):
    return _feed(feed_meetings(), _("Meetings of the planning groups"), "kalendar.ics")


@public
@cache_control(public=True, max_age=FEED_MAX_AGE)
def calendar_group(request, slug):
    group = get_object_or_404(Group.objects.active(), slug=slug)
    return _feed(feed_meetings(group), group.name, f"{group.slug}.ics")
