"""Tables people open in a spreadsheet (CSV, XLSX): the one writer every export goes through.

Text from the public (a comment, a consented name) can start with `=`, `+`, `-`, `@`, a tab or a
carriage return, which Excel and LibreOffice take for the start of a formula: "=HYPERLINK(...)" in
a comment would become a live link or worse in the coordinator's spreadsheet (CSV injection,
OWASP). Every cell of every export is neutralised here, so no view has to remember it.
"""

import csv
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """A CSV cell's value that no spreadsheet evaluates: text starting like a formula gets a leading
    apostrophe, which spreadsheets read as "this is text"; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_response(rows, filename):
    """A CSV download (semicolons, UTF-8 with a BOM, as Czech Excel expects) of `rows`, the first
    being the header."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so that Excel opens the Czech text as UTF-8
    writer = csv.writer(response, delimiter=";")
    for row in rows:
        writer.writerow([defuse(value) for value in row])
    return response


class _Echo:
    """A file-like object whose write returns what it was given, for csv.writer to format one row."""

    def write(self, value):
        return value


def csv_streaming_response(rows, filename):
    """csv_response for long exports: `rows` (an iterator, the first the header) are written as the
    client reads them, so the whole table never sits in memory."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow([defuse(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows, filename, sheet_title, column_widths=()):
    """An XLSX download of `rows` (the first is the header, in bold and frozen), wrapped text.

    Text is stored as a string cell whatever it starts with, so it keeps its exact wording and
    is never evaluated (a CSV has no cell types, hence the apostrophe there).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # the longest sheet name Excel allows
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes any text starting with "=" for a formula
                cell.data_type = "s"
            if cell.row > 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(column_widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
