"""Downloads of the archival PDFs: a plan (its newest version), a given version, a settlement table."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from kpss.models import PdfDocument
from kpss.permissions import public
from kpss.views import pdf_download
from planning.access import get_plan_for_reader, get_settled_round
from planning.documents import PlanVersionLayout, SettlementLayout
from planning.models import PlanVersion


@public
def plan_pdf(request, slug):
    """The stable address of a plan's PDF: its newest version (for a plan in force, the approved one)."""
    plan = get_plan_for_reader(request.user, slug)
    version = plan.versions.defer("snapshot").last()
    if version is None:
        raise Http404("The plan has no published version.")
    return pdf_download(request, PdfDocument.objects.for_source(version, PlanVersionLayout.name))


@public
def version_pdf(request, slug, number):
    plan = get_plan_for_reader(request.user, slug)
    version = get_object_or_404(PlanVersion.objects.defer("snapshot"), plan=plan, number=number)
    return pdf_download(request, PdfDocument.objects.for_source(version, PlanVersionLayout.name))


@public
def settlement_pdf(request, pk):
    round_ = get_settled_round(request.user, pk)
    return pdf_download(request, PdfDocument.objects.for_source(round_, SettlementLayout.name))
