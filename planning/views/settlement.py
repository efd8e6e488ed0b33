"""Staff pages for settling comments: moderation and assignment by the coordinator, answers by groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.models import Group
from kpss.models import PdfDocument, log_action
from kpss.permissions import coordinator_required
from kpss.tasks import request_rendering
from planning import access
from planning.access import planning_staff_required
from planning.documents import SettlementLayout
from planning.editing import form_after_conflict, save_tracked
from planning.forms import BulkSettleForm, HideCommentForm, SettleForm
from planning.models import Comment, CommentRound
from planning.notifications import send_settlement_answers


@planning_staff_required
def round_comments(request, pk):
    """All comments of a round for the coordinator; the comments of their groups for a member."""
    round_ = get_object_or_404(CommentRound.objects.select_related("plan"), pk=pk)
    comments = access.comments_for(request.user).filter(round=round_).for_table().order_by("number")
    if request.GET.get("stav") == "nevyporadane":
        comments = comments.filter(outcome="")
    settled, total = round_.progress()
    return render(request, "planning/comments/staff_round.html", {
        "round": round_, "comments": comments, "settled": settled, "total": total,
        "groups": Group.objects.active().filter(kind=Group.Kind.WORKING),
        "bulk_form": BulkSettleForm(), "can_settle": round_.has_closed() and not round_.settlement_is_published,
        "publication_problems": round_.publication_problems() if request.user.is_coordinator else [],
        "pdf": PdfDocument.objects.for_source(round_, SettlementLayout.name),
    })


@planning_staff_required
def comment_settle(request, pk):
    comment = access.get_comment_for_settling(request.user, pk)
    form = SettleForm(request.POST if request.method == "POST" else None, instance=comment)
    conflict = None
    if request.method == "POST" and form.is_valid():
        comment.settled_by = request.user
        comment.settled_at = timezone.now()
        conflict = save_tracked(form, request.user, action_prefix="comment.settle")
        if conflict is None:
            messages.success(request, _("Comment %(reference)s is settled.") % {"reference": comment.reference})
            return redirect("planning:round_comments", pk=comment.round_id)
        form = form_after_conflict(form, conflict)
    return render(request, "planning/comments/settle.html", {
        "comment": comment, "round": comment.round, "form": form, "conflict": conflict,
    }, status=409 if conflict else 200)


@planning_staff_required
@require_POST
def bulk_settle(request, pk):
    """One answer for several selected comments; only those the user may settle are touched."""
    round_ = get_object_or_404(CommentRound, pk=pk)
    if round_.settlement_is_published or not round_.has_closed():
        raise PermissionDenied("The comments cannot be settled now.")
    form = BulkSettleForm(request.POST)
    selected = request.POST.getlist("comments")
    if not form.is_valid() or not selected:
        messages.error(request, _("Select comments and give the outcome and, unless accepted, a justification."))
        return redirect("planning:round_comments", pk=round_.pk)
    with transaction.atomic():
        comments = list(access.comments_for(request.user).select_for_update().filter(round=round_, pk__in=selected))
        for comment in comments:
            comment.settle(request.user, form.cleaned_data["outcome"], form.cleaned_data["justification"])
            comment.save_change(request.user)
            log_action(comment, "comment.settle", request.user, revision=comment.revision, bulk=True,
                       outcome=comment.outcome)
    messages.success(request, _("%(count)s comments settled.") % {"count": len(comments)})
    return redirect("planning:round_comments", pk=round_.pk)


@coordinator_required
@require_POST
def assign(request, pk):
    """The coordinator assigns the selected comments to a working group."""
    round_ = get_object_or_404(CommentRound, pk=pk)
    group = get_object_or_404(Group, pk=request.POST.get("group") or 0)
    with transaction.atomic():
        selected = request.POST.getlist("comments")
        comments = list(Comment.objects.select_for_update().filter(round=round_, pk__in=selected))
        for comment in comments:
            comment.group = group
            comment.save_change(request.user, update_fields=["group"])
            log_action(comment, "comment.assign", request.user, group=group.name)
    messages.success(request, _("%(count)s comments assigned to %(group)s.") % {
        "count": len(comments), "group": group,
    })
    return redirect("planning:round_comments", pk=round_.pk)


@coordinator_required
def hide(request, pk):
    """The coordinator hides spam or an abusive comment; the reason is kept and the comment stays."""
    comment = get_object_or_404(Comment.objects.select_related("round"), pk=pk)
    form = HideCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        comment.is_hidden = True
        comment.hidden_reason = form.cleaned_data["reason"]
        comment.save_change(request.user, update_fields=["is_hidden", "hidden_reason"])
        log_action(comment, "comment.hide", request.user, reason=comment.hidden_reason)
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
        to_notify = round_.publish_settlement(request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("planning:round_comments", pk=round_.pk)
    pks = [comment.pk for comment in to_notify]
    transaction.on_commit(lambda: send_settlement_answers.enqueue(pks))
    request_rendering(round_, SettlementLayout.name, by=request.user)
    messages.success(request, _("The settlement is published; %(count)s commenters are sent their answer.") % {
        "count": len(pks),
    })
    return redirect("planning:settlement_table", pk=round_.pk)
