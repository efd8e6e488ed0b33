"""Public pages of plans: the list, a plan, a measure, frozen versions and their comparison."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from catalogue.network import services_by_type
from groups.published import resolutions_of_measure, tasks_of_measure
from kpss.files import serve_file
from kpss.models import PdfDocument
from kpss.permissions import public
from planning.access import get_plan_for_reader, is_planning_staff, open_round_of
from planning.approvals import approval_progress, attach_approvals
from planning.areas import area_of
from planning.documents import PlanVersionLayout, with_pdfs
from planning.filters import MeasureFilter
from planning.models import Comment, Measure, Plan, PlanVersion
from planning.models.plans import with_labels
from planning.monitoring.lineage import measure_with_lineage
from planning.versions import compare, measure_rows


@public
def plan_list(request):
    """The plans by where they stand today: in force, coming, open for comments, being approved,
    archived, and drafts for planning staff."""
    plans = Plan.objects.public() if not is_planning_staff(request.user) else Plan.objects.all()
    plans = attach_approvals(list(plans.with_successor_start().select_related("midterm_plan")
                                  .prefetch_related("territories").order_by("kind", "-year_from")))
    today = timezone.localdate()
    by_status = {}
    for plan in plans:
        by_status.setdefault(plan.current_status(today), []).append(plan)
    sections = [
        ("in_force", by_status.get(Plan.Status.IN_FORCE, [])),
        ("coming", by_status.get(Plan.COMING, [])),
        ("comments", by_status.get(Plan.Status.COMMENTS, [])),
        ("in_preparation", [p for status in Plan.IN_PREPARATION_STATUSES for p in by_status.get(status, [])]),
        ("archived", by_status.get(Plan.Status.ARCHIVED, [])),
        ("drafts", by_status.get(Plan.Status.DRAFT, [])),
    ]
    return render(request, "planning/plan_list.html", {
        "sections": sections, "has_plans": bool(plans),
        "no_midterm_in_force": not any(p.kind == Plan.Kind.MIDTERM for p in by_status.get(Plan.Status.IN_FORCE, [])),
    })


@public
def plan_detail(request, slug):
    plan = get_plan_for_reader(request.user, slug)
    measures = with_labels(list(Measure.objects.filter(plan=plan).select_related("group").order_by(
        "goal__priority__position", "goal__position", "position",
    )))
    measure_filter = MeasureFilter(request.GET or None, measures=measures)
    swot_by_group = {}
    for item in plan.swot_items.select_related("group"):
        kinds = swot_by_group.setdefault(item.group, {kind: [] for kind in item.Kind})
        kinds[item.kind].append(item)
    versions = with_pdfs(plan.versions.defer("snapshot"))
    context = {
        "plan": plan,
        "area": area_of(plan),
        "approval": approval_progress(plan, versions),
        "latest_version": versions[-1] if versions else None,
        "chapters": plan.chapters.all(),
        "phases": plan.phases.all(),
        "priorities": _priorities_with_goals(plan),
        "filter": measure_filter,
        "measures": measure_filter.filtered(),
        "swot_by_group": swot_by_group,
        "analyses": plan.analyses.all(),
        "questionnaires": plan.questionnaires.with_public_results(),
        "versions": versions,
        "action_plans": plan.action_plans.public().with_successor_start() if plan.kind == Plan.Kind.MIDTERM else [],
        "open_round": open_round_of(plan),
    }
    return render(request, "planning/plan_detail.html", context)


def _priorities_with_goals(plan):
    """The plan's priorities, each with its goals and their working groups, in one query: the
    priorities joined to their goals (a priority without goals comes as one row without a goal)."""
    priorities = {}
    rows = plan.priorities.order_by("position", "pk", "goals__position", "goals__pk").values_list(
        "pk", "code", "title", "goals__pk", "goals__code", "goals__title", "goals__group__name",
    )
    for pk, code, title, goal_pk, goal_code, goal_title, group_name in rows:
        priority = priorities.setdefault(pk, {"code": code, "title": title, "goals": []})
        if goal_pk is not None:
            priority["goals"].append({"code": goal_code, "title": goal_title, "group_name": group_name})
    return list(priorities.values())


@public
def analysis_download(request, slug, pk):
    """An analysis document of a plan, for whoever may read the plan (a draft's only for planning staff)."""
    plan = get_plan_for_reader(request.user, slug)
    document = get_object_or_404(plan.analyses, pk=pk)
    return serve_file(request, document.file, public=plan.is_public())


@public
def measure_detail(request, slug, pk):
    plan = get_plan_for_reader(request.user, slug)
    measure, lineage = measure_with_lineage(
        Measure.objects.for_table().select_related("goal__priority", "service_type", "implements__plan"),
        plan, pk, request.user)  # the lineage prefetches the measure's activities and evaluations too
    prefetch_related_objects(
        [measure], "indicators", "swot_items",
        Prefetch("comments_worked_in", queryset=Comment.objects.public().filter(
            round__settlement_published_at__isnull=False).select_related("round")),
        # The chain minutes → resolution → task → measure, as far as the reader may see it.
        Prefetch("resolutions", queryset=resolutions_of_measure(request.user), to_attr="shown_resolutions"),
        Prefetch("tasks", queryset=tasks_of_measure(request.user), to_attr="shown_tasks"),
    )
    return render(request, "planning/measure_detail.html", {
        "plan": plan, "measure": measure, "open_round": open_round_of(plan),
        "catalogue_services": services_by_type([measure], plan).get(measure.service_type_id, []),
        "evaluation_history": lineage.history, "lineage": lineage,
    })


@public
def version_detail(request, slug, number):
    plan = get_plan_for_reader(request.user, slug)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    snapshot = version.snapshot
    measures = [{"data": m, "rows": [row for row in measure_rows(m) if row[1]]} for m in snapshot["measures"]]
    return render(request, "planning/version_detail.html", {
        "plan": plan, "version": version, "snapshot": snapshot, "measures": measures,
        "versions": with_pdfs(plan.versions.defer("snapshot")),
        "pdf": PdfDocument.objects.for_source(version, PlanVersionLayout.name),
    })


@public
def version_compare(request, slug):
    plan = get_plan_for_reader(request.user, slug)
    versions = with_pdfs(plan.versions.defer("snapshot"))
    if len(versions) < 2:
        raise Http404("The plan has fewer than two versions.")
    numbers = [version.number for version in versions]
    asked = [_int(request.GET.get("od")), _int(request.GET.get("do"))]
    if not all(number in numbers for number in asked):
        asked = numbers[-2:]
    chosen = {version.number: version for version in plan.versions.filter(number__in=asked)}
    older, newer = chosen[min(asked)], chosen[max(asked)]
    return render(request, "planning/version_compare.html", {
        "plan": plan, "versions": versions, "older": older, "newer": newer,
        "changes": compare(older.snapshot, newer.snapshot),
    })


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
