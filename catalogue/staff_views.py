"""The network overview for planners: registered capacity by service type, target group and
municipality, as a table and as CSV.

For planning staff (`planning.access.planning_staff_required`: the coordinator and the members of
active groups, the steering group among them): the same people who reach the staff dashboard
and write the plan whose provider analysis this feeds. The data are public, but the page is a
working tool of the plan's authors, so it lives under /sprava/ with their other pages.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from catalogue.codes import target_group_choices
from catalogue.network import CapacityOverview, municipality_choices
from kpss.exports import csv_response
from planning.access import planning_staff_required


def _overview(request):
    target_groups, municipalities = target_group_choices(), municipality_choices()
    target_group = request.GET.get("cilova_skupina", "")
    municipality = request.GET.get("obec", "")
    # An unknown value is ignored, as a filter that does not apply, rather than an empty table.
    if target_group not in {code for code, _name in target_groups}:
        target_group = ""
    if municipality not in {code for code, _name in municipalities}:
        municipality = ""
    return CapacityOverview(target_group, municipality), target_groups, municipalities


@planning_staff_required
def capacity_overview(request):
    overview, target_groups, municipalities = _overview(request)
    units = overview.units()
    rows = overview.rows()
    total = overview.total()
    return render(request, "catalogue/staff/capacity_overview.html", {
        "overview": overview, "units": [(unit, overview_unit) for unit, overview_unit in
                                        zip(units, overview.unit_names(), strict=True)],
        "rows": [(row, row.cells(units)) for row in rows], "total": total, "total_cells": total.cells(units),
        "target_groups": target_groups, "municipalities": municipalities,
        "query": request.GET.urlencode(),
    })


@planning_staff_required
def capacity_csv(request):
    overview, _target_groups, _municipalities = _overview(request)
    header = [_("Section"), _("Service type"), _("Target group code"), _("Target group"), _("Municipality code"),
              _("Municipality"), _("Unit code"), _("Unit"), _("Registered capacity"), _("Services")]
    return csv_response([header, *overview.cube()], "kapacity-socialnich-sluzeb")
