"""Downloads of a meeting's files: the archival PDF of its minutes and the minutes' attachments."""

import os

from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.access import get_meeting_for_reader, may_read_drafts
from groups.documents import MinutesLayout
from groups.models import Minutes, MinutesAttachment
from kpss.files import serve_file
from kpss.models import PdfDocument
from kpss.permissions import public
from kpss.views import pdf_download


def _readable_minutes(request, slug, pk):
    """The meeting's minutes if the user reads them: approved ones for its readers, drafts only for
    those who read the group's drafts."""
    meeting = get_meeting_for_reader(request.user, slug, pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    if not (minutes.is_approved or may_read_drafts(request.user, meeting.group)):
        raise Http404("The minutes are not approved.")
    return minutes


@public
def minutes_pdf(request, slug, pk):
    """The newest frozen version of the minutes as an archival PDF."""
    minutes = _readable_minutes(request, slug, pk)
    version = minutes.versions.defer("snapshot").last()
    if version is None:
        raise Http404("The minutes have no approved version.")
    return pdf_download(request, PdfDocument.objects.for_source(version, MinutesLayout.name))


@public
def attachment_download(request, slug, pk, attachment_pk):
    minutes = _readable_minutes(request, slug, pk)
    attachment = get_object_or_404(MinutesAttachment, minutes=minutes, pk=attachment_pk)
    extension = os.path.splitext(attachment.file.name)[1]
    return serve_file(request, attachment.file, filename=f"{attachment.title}{extension}",
                      public=minutes.is_approved)
