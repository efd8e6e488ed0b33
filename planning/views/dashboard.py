"""The staff landing page: what waits for the coordinator and for the member signed in."""

from django.conf import settings
from django.shortcuts import render

from groups.access import member_groups
from planning import waiting
from planning.access import planning_staff_required


@planning_staff_required
def dashboard(request):
    groups = list(member_groups(request.user).order_by("order", "name"))
    return render(request, "planning/staff/dashboard.html", {
        "coordinator": waiting.for_coordinator() if request.user.is_coordinator else None,
        "groups": groups,
        "member": waiting.for_member(groups) if groups else None,
        "minutes_approval_days": settings.MINUTES_APPROVAL_DAYS,
    })
