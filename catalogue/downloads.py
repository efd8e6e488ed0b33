"""Open data and the printed catalogue: the public catalogue as CSV and JSON, and its PDF.

The exports are streamed: services are read a chunk at a time while the client downloads, so
neither memory nor the number of queries grows with the catalogue.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from catalogue.documents import catalogue_document
from catalogue.opendata import CodeNames, csv_rows, each_service, service_record
from kpss.exports import csv_streaming_response
from kpss.permissions import public
from kpss.views import pdf_download

FILENAME = "katalog-socialnich-sluzeb"


@public
def export_csv(request):
    return csv_streaming_response(csv_rows(), FILENAME)


@public
def export_json(request):
    response = StreamingHttpResponse(_json_chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}.json"'
    return response


def _json_chunks():
    """{"generated_at": ..., "services": [...]}, one service at a time."""
    head = json.dumps({"generated_at": timezone.now().isoformat(timespec="seconds")}, ensure_ascii=False)
    yield head[:-1] + ', "services": ['
    names = CodeNames()
    separator = "\n"
    for service in each_service():
        yield separator + json.dumps(service_record(service, names), ensure_ascii=False, cls=DjangoJSONEncoder)
        separator = ",\n"
    yield "\n]}\n"


@public
def catalogue_pdf(request):
    """The printed catalogue; before its first rendering, a page that says so (404, as a plan's PDF
    answers before it is rendered) with the rendering's progress when it is on its way."""
    document = catalogue_document()
    if document is None or not document.is_available:
        return render(request, "catalogue/pdf_not_ready.html", {"document": document}, status=404)
    return pdf_download(request, document)
