"""Staff pages for settling comments: moderation and assignment by the coordinator, answers by groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Group
from kpss.models import PdfDocument
from kpss.permissions import coordinator_required
from kpss.tracking import StaleEdit, form_after_conflict
from planning import access, services
from planning.access import planning_staff_required
from planning.documents import SettlementLayout
from planning.forms import BulkSettleForm, HideCommentForm, SettleForm
from planning.models import Comment, CommentRound


@planning_staff_required
def round_comments(request, pk):
    """All comments of a round for the coordinator; the comments of their groups for a member."""
    round_ = get_object_or_404(CommentRound.objects.select_related("plan"), pk=pk)
    visible = access.comments_for(request.user).filter(round=round_)
    comments = visible.for_table().order_by("number")
    if request.GET.get("stav") == "nevyporadane":
        comments = comments.filter(outcome="")
    # A member sees their groups' comments: their progress is of those, and the round's is told apart.
    settled, total = round_.progress(visible)
    round_settled, round_total = (settled, total) if request.user.is_coordinator else round_.progress()
    return render(request, "planning/comments/staff_round.html", {
        "round": round_, "comments": comments, "settled": settled, "total": total,
        "round_settled": round_settled, "round_total": round_total,
        "groups": Group.objects.active().filter(kind=Group.Kind.WORKING),
        "bulk_form": BulkSettleForm(), "can_settle": round_.is_being_settled(),
        "publication_problems": round_.publication_problems() if request.user.is_coordinator else [],
        "pdf": PdfDocument.objects.for_source(round_, SettlementLayout.name),
    })


@planning_staff_required
def comment_settle(request, pk):
    comment = access.get_comment_for_settling(request.user, pk)
    form = SettleForm(request.POST if request.method == "POST" else None, instance=comment)
    conflict = None
    if request.method == "POST" and form.is_valid():
        answer = {name: form.cleaned_data[name] for name in Comment.SETTLEMENT_FIELDS}
        try:
            comment.settle(request.user, **answer, expected_revision=form.cleaned_data["revision"])
        except StaleEdit as stale:
            conflict = stale.conflict
            form = form_after_conflict(form, conflict)
        else:
            messages.success(request, _("Comment %(reference)s is settled.") % {"reference": comment.reference})
            return redirect("planning:round_comments", pk=comment.round_id)
    return render(request, "planning/comments/settle.html", {
        "comment": comment, "round": comment.round, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@planning_staff_required
@require_POST
def bulk_settle(request, pk):
    """One answer for several selected comments; only those the user may settle are touched."""
    round_ = get_object_or_404(CommentRound, pk=pk)
    if not round_.is_being_settled():
        raise PermissionDenied("The comments cannot be settled now.")
    form = BulkSettleForm(request.POST)
    selected = request.POST.getlist("comments")
    if not form.is_valid() or not selected:
        messages.error(request, _("Select comments and give the outcome and, unless accepted, a justification."))
        return redirect("planning:round_comments", pk=round_.pk)
    comments = access.comments_for(request.user).filter(round=round_, pk__in=selected)
    answer = form.cleaned_data
    count = services.settle_comments(comments, request.user, answer["outcome"], answer["justification"])
    messages.success(request, _("%(count)s comments settled.") % {"count": count})
    return redirect("planning:round_comments", pk=round_.pk)


@coordinator_required
@require_POST
def assign(request, pk):
    """The coordinator assigns the selected comments to a working group."""
    round_ = get_object_or_404(CommentRound, pk=pk)
    group = get_object_or_404(Group, pk=request.POST.get("group") or 0)
    try:
        count = round_.assign_comments(request.POST.getlist("comments"), group, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s comments assigned to %(group)s.") % {"count": count, "group": group})
    return redirect("planning:round_comments", pk=round_.pk)


@coordinator_required
def hide(request, pk):
    """The coordinator hides spam or an abusive comment; the reason is kept and the comment stays."""
    comment = get_object_or_404(Comment.objects.select_related("round"), pk=pk)
    form = HideCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        comment.hide(request.user, form.cleaned_data["reason"])
        messages.success(request, _("Comment %(reference)s is hidden.") % {"reference": comment.reference})
        return redirect("planning:round_comments", pk=comment.round_id)
    return render(request, "planning/comments/hide.html", {"comment": comment, "form": form})


@coordinator_required
@require_POST
def redact(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    comment.redact(request.user)
    messages.success(request, _("Personal data of comment %(reference)s removed.") % {"reference": comment.reference})
    return redirect("planning:round_comments", pk=comment.round_id)


@coordinator_required
@require_POST
def publish_settlement(request, pk):
    """Publish the settlement table and send every commenter with an e-mail their answer."""
    round_ = get_object_or_404(CommentRound, pk=pk)
    try:
        count = services.publish_settlement(round_, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planning:round_comments", pk=round_.pk)
    messages.success(request, _("The settlement is published; %(count)s commenters are sent their answer.") % {
        "count": count,
    })
    return redirect("planning:settlement_table", pk=round_.pk)
