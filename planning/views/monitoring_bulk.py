"""Bulk entry of a year's evaluation by spreadsheet: the export of the measures a user evaluates (CSV
or XLSX) and the import of the filled-in file (planning.monitoring.spreadsheet)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kpss.exports import csv_response, xlsx_response
from planning.access import planning_staff_required
from planning.monitoring import access, spreadsheet
from planning.monitoring.forms import SpreadsheetImportForm


def _filename(evaluation_round):
    return f"vyhodnoceni-{evaluation_round.year}-{evaluation_round.plan.slug}"


def _export(request, pk):
    evaluation_round = access.get_round_for_staff(request.user, pk)
    measures = access.get_measures_for_spreadsheet(request.user, evaluation_round, to_import=False)
    return evaluation_round, spreadsheet.table(evaluation_round, measures)


@planning_staff_required
def round_csv(request, pk):
    evaluation_round, rows = _export(request, pk)
    return csv_response(spreadsheet.csv_rows(rows), _filename(evaluation_round))


@planning_staff_required
def round_xlsx(request, pk):
    evaluation_round, rows = _export(request, pk)
    return xlsx_response(rows, _filename(evaluation_round), sheet_title=_("Evaluation %(year)s") % {
        "year": evaluation_round.year}, column_widths=spreadsheet.column_widths(spreadsheet.funding_sources()))


@planning_staff_required
def round_import(request, pk):
    """The upload of a filled-in spreadsheet: everything imported, or nothing and a table of what to
    fix (the file is not kept; it is fixed and uploaded again)."""
    evaluation_round = access.get_round_for_staff(request.user, pk)
    measures = access.get_measures_for_spreadsheet(request.user, evaluation_round, to_import=True)
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None, evaluation_round=evaluation_round)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = spreadsheet.import_evaluations(evaluation_round, measures, form.cleaned_data["file"], request.user,
                                                form.cleaned_data.get("correction_reason", ""))
        if not result.errors:
            messages.success(request, _("%(updated)s, %(unchanged)s.") % {
                "updated": ngettext("%(count)s evaluation updated", "%(count)s evaluations updated",
                                    len(result.updated)) % {"count": len(result.updated)},
                "unchanged": ngettext("%(count)s unchanged", "%(count)s unchanged",
                                      result.unchanged) % {"count": result.unchanged}})
            return redirect("planning:evaluation_round", evaluation_round.pk)
        errors = result.errors
    return render(request, "planning/monitoring/import.html", {
        "round": evaluation_round, "form": form, "errors": errors, "measures": measures,
    })
