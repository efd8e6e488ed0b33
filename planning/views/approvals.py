"""The approval of a plan by its bodies: the coordinator records each decision; anyone who may read
the plan downloads the extract of a resolution."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kpss.files import serve_file
from kpss.permissions import coordinator_required, public
from planning import services
from planning.access import get_plan_for_reader, plans_for
from planning.approvals import approval_progress
from planning.forms import DecisionForm
from planning.models import Decision, Plan


@coordinator_required
def plan_approvals(request, slug):
    """Each body's decisions and the progress on the version under approval; the form records one."""
    plan = get_object_or_404(plans_for(request.user), slug=slug)
    form = DecisionForm(request.POST or None, request.FILES or None, plan=plan)
    awaiting = plan.status == Plan.Status.STEERING_APPROVED
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(plan, request.user, form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            plan.refresh_from_db()
            messages.success(request, _("The decision is recorded. The plan is now “%(status)s”.") % {
                "status": plan.get_status_display()})
            return redirect("planning:plan_approvals", slug=plan.slug)
    return render(request, "planning/staff/approvals.html", {
        "plan": plan, "progress": approval_progress(plan), "form": form, "awaiting": awaiting,
    }, status=400 if request.method == "POST" else 200)


@public
def decision_extract(request, slug, pk):
    """The extract of a body's resolution on the plan, for whoever may read the plan."""
    plan = get_plan_for_reader(request.user, slug)
    decision = get_object_or_404(Decision.objects.exclude(extract=""), body__plan=plan, pk=pk)
    return serve_file(request, decision.extract, public=plan.is_public())
