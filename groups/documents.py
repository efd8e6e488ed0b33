"""The PDF layout of approved minutes: rendered once from a frozen version's snapshot (PDF/A, with the
snapshot attached as JSON), and again only when a correction makes a new version.

Registered in kpss.pdf_layouts by GroupsConfig.ready.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from groups.access import may_read_drafts, meetings_for
from groups.models import MinutesVersion
from kpss.models import SiteSettings
from kpss.pdf_layouts import PdfLayout, register


@register
class MinutesLayout(PdfLayout):
    """One frozen version of a meeting's minutes (zápis)."""

    name = "minutes"
    template_name = "groups/pdf/minutes.html"

    def title(self, version):
        meeting = version.snapshot["meeting"]
        return _("Minutes: %(meeting)s") % {"meeting": meeting["title"]}

    def filename(self, version):
        if version.number == 1:
            return self.title(version)
        return _("%(title)s – version %(number)s") % {"title": self.title(version), "number": version.number}

    def download_url(self, version):
        meeting = version.minutes.meeting
        return reverse("groups:minutes_pdf", args=[meeting.group.slug, meeting.pk])

    def may_read(self, user, version):
        meeting = version.minutes.meeting
        if not meetings_for(user).filter(pk=meeting.pk).exists():
            return False
        return version.minutes.is_approved or may_read_drafts(user, meeting.group)

    def document_date(self, version):
        return version.created_at

    def sources(self):
        return MinutesVersion.objects.select_related("minutes__meeting__group")

    def context(self, version):
        snapshot = version.snapshot
        meeting = snapshot["meeting"]
        return {
            "version": version, "snapshot": snapshot, "meeting": meeting, "group": snapshot["group"],
            "starts_at": parse_datetime(meeting["starts_at"]), "ends_at": parse_datetime(meeting["ends_at"]),
            "site": SiteSettings.get_solo(),
            "hours": Decimal(meeting["hours"]) if meeting.get("hours") else None,
            "tasks": [{**task, "due": parse_date(task["due_on"]) if task["due_on"] else None}
                      for task in snapshot["tasks"]],
        }

    def attachments(self, version):
        return [("minutes.json", _("Data of the minutes, version %(number)s") % {"number": version.number},
                 version.snapshot)]
