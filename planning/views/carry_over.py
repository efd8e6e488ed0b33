"""The coordinator's pages of the next cycle: next year's action plan and the next midterm plan,
each a confirmation that says what goes forward, then the plan made as a draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kpss.permissions import coordinator_required
from planning.models import Plan
from planning.monitoring import carry_over


@coordinator_required
def next_action_plan(request, slug):
    """From an action plan (the next year's) or a midterm plan (its latest action plan's next year,
    or its first action plan)."""
    plan = get_object_or_404(Plan.objects.select_related("midterm_plan"), slug=slug)
    if plan.kind == Plan.Kind.ACTION and plan.midterm_plan_id is None:
        raise Http404("An action plan without its midterm plan has no next year.")
    return _confirm_and_create(request, plan, carry_over.preview_next_action_plan, carry_over.create_next_action_plan,
                               title=_("Create the action plan for %(year)s"))


@coordinator_required
def next_midterm_plan(request, slug):
    plan = get_object_or_404(Plan.objects.midterm(), slug=slug)
    return _confirm_and_create(request, plan, carry_over.preview_next_midterm_plan,
                               carry_over.start_next_midterm_plan, title=_("Start the next midterm plan %(period)s"))


def _confirm_and_create(request, plan, preview, create, title):
    status = 200
    if request.method == "POST":
        try:
            new_plan = create(plan, request.user)
        except ValidationError as error:
            problems, status = error.messages, 400
        else:
            carried = new_plan.measures.filter(carried_from__isnull=False).count()
            messages.success(request, _("The plan %(plan)s is created as a draft. Measures carried forward: "
                                        "%(count)s.") % {"plan": new_plan.title, "count": carried})
            return redirect("planning:workspace", slug=new_plan.slug)
    result = preview(plan)
    if request.method != "POST":
        problems = result.problems
    return render(request, "planning/monitoring/carry_over_confirm.html", {
        "plan": plan, "result": result, "problems": problems,
        "title": title % {"year": result.year_from, "period": result.period},
    }, status=status)
