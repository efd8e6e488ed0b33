"""Who may reach which plan and which part of its strategy.

- the public reads every plan past the draft;
- the coordinator and members of any group also read drafts (they write them);
- a working-group member changes only the goals, measures, activities and SWOT items of their
  own groups, and only while the plan is editable; the coordinator changes all of them.

Outsiders get 404 for objects of other groups (a 403 would tell them the object exists); a member
of the right group gets 403 when the plan is not open for editing.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.access import is_group_staff, is_steering_member, member_groups
from groups.models import Group
from kpss.permissions import role_required
from planning.models import Activity, Comment, CommentRound, EvaluationRound, Goal, Measure, Plan, SwotItem

# The coordinator and the members of active groups write plans and settle comments: the same people
# who use the groups' staff pages.
is_planning_staff = is_group_staff


planning_staff_required = role_required(is_planning_staff, "planning staff")


def plans_for(user):
    return Plan.objects.all() if is_planning_staff(user) else Plan.objects.public()


def get_plan_for_reader(user, slug):
    """The plan `slug` if `user` may read it, with what its pages show besides: the midterm plan an
    action plan carries out, what the plan's status is today (its successor's start), the comment
    round open now (`open_round_id`, `open_round_closes_at`) and whether a year of it has been evaluated
    (`has_evaluated_year`), all in one query."""
    open_rounds = CommentRound.objects.filter(plan=OuterRef("pk")).open_now().order_by("pk")
    evaluated_years = EvaluationRound.objects.filter(plan=OuterRef("pk"), locked_at__isnull=False)
    return get_object_or_404(plans_for(user).select_related(
        "midterm_plan", "approving_resolution__group", "approving_resolution__meeting__group",
    ).with_successor_start().annotate(
        open_round_id=Subquery(open_rounds.values("pk")[:1]),
        open_round_closes_at=Subquery(open_rounds.values("closes_at")[:1]),
        has_evaluated_year=Exists(evaluated_years),
    ), slug=slug)


def open_round_of(plan):
    """The comment round of `plan` open now, or None: built from get_plan_for_reader's annotations
    without a query, so it holds only what the plan's pages show of it (its link and its end)."""
    if not plan.open_round_id:
        return None
    return CommentRound(pk=plan.open_round_id, plan=plan, closes_at=plan.open_round_closes_at)


def editable_groups(user):
    """The working groups whose part of a plan `user` may change."""
    if not user.is_authenticated:
        return Group.objects.none()
    if user.is_coordinator:
        return Group.objects.all()
    return member_groups(user)


# How each editable model reaches its group and its plan.
GROUP_PATH = {Goal: "group", Measure: "group", Activity: "measure__group", SwotItem: "group"}
PLAN_PATH = {Goal: "plan", Measure: "plan", Activity: "measure__plan", SwotItem: "plan"}


def get_for_edit(user, model, pk, plan):
    """The goal, measure, activity or SWOT item `pk` of `plan` if `user` may change it now.

    404 when it belongs to a group the user is not in or to another plan; 403 when the plan is
    not editable.
    """
    queryset = model.objects.filter(**{f"{GROUP_PATH[model]}__in": editable_groups(user), PLAN_PATH[model]: plan})
    obj = get_object_or_404(queryset, pk=pk)
    ensure_editable(plan)
    return obj


def ensure_editable(plan):
    if not plan.is_editable():
        raise PermissionDenied("The plan is not open for editing.")


def get_plan_for_editing(user, slug):
    """A plan the user may add to: they are staff for planning and the plan is editable."""
    if not is_planning_staff(user):
        raise Http404
    plan = get_object_or_404(Plan, slug=slug)
    ensure_editable(plan)
    return plan


def ensure_writes_for_a_working_group(user):
    """403 for planning staff with no working group to write for (the steering group only)."""
    if not working_groups_to_edit(user).exists():
        raise PermissionDenied("Only the coordinator and members of working groups add to the strategy.")


def working_groups_to_edit(user):
    """The working groups a user writes goals, measures and SWOT items for: none for a member of
    the steering group only, who reads and approves instead."""
    return editable_groups(user).filter(kind=Group.Kind.WORKING)


def comments_for(user):
    """Comments the user may settle: the coordinator's are all, a member's those of their groups."""
    if user.is_coordinator:
        return Comment.objects.all()
    return Comment.objects.filter(group__in=editable_groups(user))


def comments_to_read(user):
    """Comments the user reads on the staff pages: those they settle, and every comment for the
    steering group, which approves the whole settlement."""
    if is_steering_member(user):
        return Comment.objects.all()
    return comments_for(user)


def get_comment_for_settling(user, pk):
    """404 unless the comment is assigned to one of the user's groups; 403 when settling is over
    or has not begun (the round is still open)."""
    comment = get_object_or_404(comments_for(user).select_related("round__plan"), pk=pk)
    if not comment.round.is_being_settled():
        raise PermissionDenied("The comment cannot be settled now.")
    return comment


def settlement_comments(user, round_):
    """The rows of a round's settlement table: all of them once published; before that, the preview
    shows planning staff the comments they may settle, as the staff page does."""
    comments = round_.table_comments()
    if round_.settlement_is_published:
        return comments
    return comments.filter(pk__in=comments_to_read(user).values("pk"))


def get_settled_round(user, pk):
    """A comment round whose settlement table `user` may read: published, or any for planning staff."""
    round_ = get_object_or_404(CommentRound.objects.select_related(
        "plan", "version", "approving_resolution__group", "approving_resolution__meeting__group",
    ), pk=pk)
    if not round_.settlement_is_published and not is_planning_staff(user):
        raise Http404("The settlement is not published yet.")
    return round_
