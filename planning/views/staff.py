"""Staff pages where working groups write their part of a plan: goals, measures, activities, SWOT."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kpss.tracking import delete_tracked, form_after_conflict, save_tracked
from planning import access
from planning.access import planning_staff_required
from planning.documents import with_pdfs
from planning.forms import ActivityForm, GoalForm, IndicatorFormSet, MeasureForm, SwotItemForm
from planning.models import Activity, Goal, Measure, Plan, SwotItem
from planning.monitoring.carry_over import next_cycle


def _workspace_url(plan):
    return reverse("planning:workspace", args=[plan.slug])


@planning_staff_required
def workspace_index(request):
    plans = Plan.objects.select_related("midterm_plan").order_by("kind", "-year_from")
    return render(request, "planning/staff/index.html", {"plans": plans})


@planning_staff_required
def workspace(request, slug):
    """One plan's strategy tree with what the user may change, the lifecycle steps and SWOT."""
    plan = get_object_or_404(Plan, slug=slug)
    my_group_ids = set(access.editable_groups(request.user).values_list("pk", flat=True))
    priorities = plan.priorities.prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("group").prefetch_related(
            Prefetch("measures", queryset=Measure.objects.select_related("group").prefetch_related("activities")),
        )),
    )
    transitions = [t for t in plan.available_transitions() if plan.may_transition(request.user, t)]
    versions = with_pdfs(plan.versions.defer("snapshot"))
    return render(request, "planning/staff/workspace.html", {
        "plan": plan,
        "priorities": priorities,
        "my_group_ids": my_group_ids,
        "can_edit": plan.is_editable(),
        "can_add": plan.is_editable() and access.working_groups_to_edit(request.user).exists(),
        "swot_items": plan.swot_items.select_related("group"),
        "transitions": transitions,
        "comment_rounds": plan.comment_rounds.all(),
        "versions": versions,
        "latest_version": versions[-1] if versions else None,
        "next_cycle": next_cycle(plan) if request.user.is_coordinator else None,
    })


def _edit(request, *, plan, form, title, formsets=(), numbered=True):
    """Validate and save a tracked form, or show it again with errors or the conflict.

    A new goal, measure or activity goes to the end of its parent and gets its code (`numbered`).
    """
    conflict = None
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        created = form.instance.pk is None
        conflict = save_tracked(form, request.user, formsets)
        if conflict is None:
            if created and numbered:
                plan.renumber()
            messages.success(request, _("Saved."))
            return redirect(_workspace_url(plan))
        form = form_after_conflict(form, conflict, **_form_kwargs(form))
    return render(request, "planning/staff/edit.html", {
        "plan": plan, "form": form, "formsets": formsets, "title": title, "conflict": conflict,
        "cancel_url": _workspace_url(plan),
    }, status=409 if conflict else 200)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _form_kwargs(form):
    return getattr(form, "extra_kwargs", {})


def _make(form_class, request, instance, **kwargs):
    form = form_class(_posted(request), instance=instance, **kwargs)
    form.extra_kwargs = kwargs
    return form


@planning_staff_required
def goal_edit(request, slug, pk=None):
    plan = access.get_plan_for_editing(request.user, slug)
    if pk is None:
        access.ensure_writes_for_a_working_group(request.user)
    goal = access.get_for_edit(request.user, Goal, pk, plan) if pk else Goal(position=10_000)
    groups = access.editable_groups(request.user)
    form = _make(GoalForm, request, goal, plan=plan, groups=groups)
    return _edit(request, plan=plan, form=form,
                 title=_("Edit goal %(code)s") % {"code": goal.code} if pk else _("New goal"))


@planning_staff_required
def measure_edit(request, slug, pk=None):
    plan = access.get_plan_for_editing(request.user, slug)
    if pk is None:
        access.ensure_writes_for_a_working_group(request.user)
    measure = access.get_for_edit(request.user, Measure, pk, plan) if pk else Measure(position=10_000)
    groups = access.editable_groups(request.user)
    if not pk and request.GET.get("cil"):
        measure.goal = get_object_or_404(plan.goals.filter(group__in=groups), pk=_int(request.GET["cil"]))
    form = _make(MeasureForm, request, measure, plan=plan, groups=groups)
    indicators = IndicatorFormSet(_posted(request), instance=measure, prefix="indicators")
    return _edit(request, plan=plan, form=form, formsets=[indicators],
                 title=_("Edit measure %(code)s") % {"code": measure.code} if pk else _("New measure"))


@planning_staff_required
def activity_edit(request, slug, pk=None):
    plan = access.get_plan_for_editing(request.user, slug)
    if pk:
        activity = access.get_for_edit(request.user, Activity, pk, plan)
    else:
        measure = access.get_for_edit(request.user, Measure, _int(request.GET.get("opatreni")), plan)
        activity = Activity(measure=measure, position=10_000)
    form = _make(ActivityForm, request, activity)
    return _edit(request, plan=plan, form=form,
                 title=_("Edit activity %(code)s") % {"code": activity.code} if pk else _("New activity"))


@planning_staff_required
def swot_edit(request, slug, pk=None):
    plan = access.get_plan_for_editing(request.user, slug)
    if pk is None:
        access.ensure_writes_for_a_working_group(request.user)
    item = access.get_for_edit(request.user, SwotItem, pk, plan) if pk else SwotItem(plan=plan)
    form = _make(SwotItemForm, request, item, plan=plan, groups=access.editable_groups(request.user))
    return _edit(request, plan=plan, form=form, numbered=False,
                 title=_("Edit SWOT item") if pk else _("New SWOT item"))


MOVABLE_MODELS = {"cil": Goal, "opatreni": Measure, "aktivita": Activity}
EDITABLE_MODELS = {**MOVABLE_MODELS, "swot": SwotItem}


@planning_staff_required
def delete(request, slug, kind, pk):
    if kind not in EDITABLE_MODELS:
        raise Http404
    model = EDITABLE_MODELS[kind]
    plan = access.get_plan_for_editing(request.user, slug)
    obj = access.get_for_edit(request.user, model, pk, plan)
    if request.method == "POST":
        delete_tracked(obj, request.user)
        plan.renumber()
        messages.success(request, _("Deleted: %(item)s") % {"item": obj})
        return redirect(_workspace_url(plan))
    return render(request, "planning/staff/delete.html", {"plan": plan, "object": obj})


@planning_staff_required
@require_POST
def move(request, slug, kind, pk):
    """Move a goal, measure or activity one place up or down among its siblings, and renumber."""
    if kind not in MOVABLE_MODELS:
        raise Http404
    plan = access.get_plan_for_editing(request.user, slug)
    item = access.get_for_edit(request.user, MOVABLE_MODELS[kind], pk, plan)
    plan.move_item(item, up=request.POST.get("smer") == "nahoru", by=request.user)
    return redirect(_workspace_url(plan))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None

