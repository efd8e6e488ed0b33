"""E-mails of the groups, as background tasks enqueued after the commit: invitations to a meeting
(with the agenda and an .ics the calendar takes in; again when it moves, a CANCEL when it is
cancelled) and the announcement of approved minutes to the members."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from groups.calendar import calendar_of
from groups.models import Meeting, Minutes
from kpss.country import in_site_language
from kpss.models import SiteSettings


def _addresses(people):
    return sorted({person.contact_email for person in people if person.contact_email})


@task()
@in_site_language
def send_invitations(meeting_pk, change="planned", person_pks=None):
    """Tell everyone invited to the meeting (or only the persons `person_pks`, invited later) that it
    is planned, moved ("moved") or cancelled ("cancelled")."""
    meeting = Meeting.objects.select_related("group").prefetch_related("agenda", "invitations__person__user").get(
        pk=meeting_pk)
    recipients = _addresses(invitation.person for invitation in meeting.invitations.all()
                            if person_pks is None or invitation.person_id in person_pks)
    if not recipients:
        return 0
    subjects = {
        "planned": _("Invitation: %(meeting)s"), "moved": _("Meeting moved: %(meeting)s"),
        "cancelled": _("Meeting cancelled: %(meeting)s"),
    }
    body = render_to_string("groups/email/invitation.txt", {
        "meeting": meeting, "change": change, "site": SiteSettings.get_solo(),
        "url": settings.SITE_URL + meeting.get_absolute_url(),
    })
    message = EmailMessage(subjects[change] % {"meeting": meeting}, body, settings.DEFAULT_FROM_EMAIL,
                           bcc=recipients)
    method = "CANCEL" if change == "cancelled" else "REQUEST"
    message.attach("pozvanka.ics", calendar_of([meeting], str(meeting.group), method=method),
                   f"text/calendar; charset=utf-8; method={method}")
    message.send(fail_silently=False)
    return len(recipients)


@task()
@in_site_language
def announce_minutes(minutes_pk):
    """Tell the group's current members that the minutes are approved and where to read them."""
    minutes = Minutes.objects.select_related("meeting__group").get(pk=minutes_pk)
    meeting = minutes.meeting
    members = meeting.group.memberships.current().select_related("person__user")
    recipients = _addresses(membership.person for membership in members)
    if not recipients:
        return 0
    body = render_to_string("groups/email/minutes_approved.txt", {
        "meeting": meeting, "minutes": minutes, "site": SiteSettings.get_solo(),
        "url": settings.SITE_URL + meeting.get_absolute_url(),
    })
    EmailMessage(_("Minutes approved: %(meeting)s") % {"meeting": meeting}, body, settings.DEFAULT_FROM_EMAIL,
                 bcc=recipients).send(fail_silently=False)
    return len(recipients)
