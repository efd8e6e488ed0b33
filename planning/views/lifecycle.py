"""Lifecycle steps of a plan (open for comments, approvals, in force, archive) and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kpss.history import history_page
from kpss.permissions import coordinator_required
from planning import services
from planning.access import planning_staff_required
from planning.forms import transition_form_class
from planning.models import Plan


@planning_staff_required
def plan_transition(request, slug, name):
    """A lifecycle step's page: what stops it now, and the form that takes it."""
    plan = get_object_or_404(Plan, slug=slug)
    if name not in Plan.TRANSITIONS:
        raise Http404
    transition = Plan.TRANSITIONS[name]
    if not plan.may_transition(request.user, transition):
        raise PermissionDenied
    form = transition_form_class(transition)(request.POST if request.method == "POST" else None, plan=plan)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.take_step(plan, name, request.user, form)
        except ValidationError as error:
            problems = error.messages
        else:
            plan.refresh_from_db()
            messages.success(request, _("Done: %(step)s. The plan is now “%(status)s”.") % {
                "step": transition.label, "status": plan.get_status_display(),
            })
            if version:
                messages.info(request, _("Version %(number)s of the plan was published; its PDF is being rendered.") % {
                    "number": version.number,
                })
            return redirect("planning:workspace", slug=plan.slug)
    elif request.method == "GET":
        problems = plan.transition_problems(transition)
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/staff/transition.html", {
        "plan": plan, "transition": transition, "form": form, "problems": problems,
    }, status=status)


@coordinator_required
def plan_history(request, slug):
    """Everything done to the plan and within it (strategy, comments, versions), newest first."""
    plan = get_object_or_404(Plan, slug=slug)
    return history_page(request, plan, _("History of the plan %(plan)s") % {"plan": plan.title},
                        back_url=reverse("planning:workspace", args=[plan.slug]), back_label=plan.title)
