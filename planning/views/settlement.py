"""Staff pages for settling comments: moderation and assignment by the coordinator, answers by groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.access import is_steering_member
from groups.models import Group
from kpss.models import PdfDocument
from kpss.permissions import coordinator_required
from kpss.tracking import StaleEdit, form_after_conflict
from planning import access, services
from planning.access import planning_staff_required
from planning.documents import SettlementLayout
from planning.forms import BulkSettleForm, HideCommentForm, PublishSettlementForm, SettleForm
from planning.models import Comment, CommentRound


@planning_staff_required
def round_comments(request, pk):
    """A round's comments: all for the coordinator and the steering group (which reads them, to
    approve the settlement), those of their groups for a member."""
    round_ = get_object_or_404(CommentRound.objects.select_related("plan"), pk=pk)
    return _round_page(request, round_, BulkSettleForm())


def _round_page(request, round_, bulk_form, selected=(), status=200):
    comments = list(access.comments_to_read(request.user).filter(round=round_).for_table().order_by("number"))
    counted = [comment for comment in comments if not comment.is_hidden]
    can_settle = round_.is_being_settled()
    settleable = set(access.comments_for(request.user).filter(round=round_).values_list("pk", flat=True)
                     if can_settle else ())
    can_assign = request.user.is_coordinator and not round_.settlement_is_published
    if request.GET.get("stav") == "nevyporadane":
        comments = [comment for comment in comments if not comment.outcome]
    sees_everything = request.user.is_coordinator or is_steering_member(request.user)
    round_progress = (None, None) if sees_everything else round_.progress()
    return render(request, "planning/comments/staff_round.html", {
        "round": round_, "comments": comments,
        # The progress of what the user sees: a member sees their groups' comments only.
        "settled": sum(1 for comment in counted if comment.outcome), "total": len(counted),
        "sees_everything": sees_everything,
        # A member's progress above is of their groups' comments; the round's is told apart.
        "round_settled": round_progress[0], "round_total": round_progress[1],
        "groups": Group.objects.active().filter(kind=Group.Kind.WORKING),
        "bulk_form": bulk_form, "can_settle": can_settle, "settleable": settleable, "can_assign": can_assign,
        "selectable": settleable if not can_assign else {comment.pk for comment in comments},
        "selected": {str(pk) for pk in selected},
        "publication_problems": round_.publication_problems() if request.user.is_coordinator else [],
        "pdf": PdfDocument.objects.for_source(round_, SettlementLayout.name),
    }, status=status)


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
    valid = form.is_valid()
    if not selected:
        form.add_error(None, _("Select the comments to settle, in the first column of the table."))
        valid = False
    if not valid:
        # Shown again with the selection, the outcome and the text as they were, and why.
        return _round_page(request, round_, form, selected, status=400)
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
def redact(request, pk):
    """Remove a commenter's personal data, after a confirmation: it cannot be undone."""
    comment = get_object_or_404(Comment.objects.select_related("round"), pk=pk)
    if request.method == "POST":
        comment.redact(request.user)
        messages.success(request, _("Personal data of comment %(reference)s removed.") % {
            "reference": comment.reference,
        })
        return redirect("planning:round_comments", pk=comment.round_id)
    return render(request, "planning/comments/confirm.html", {
        "round": comment.round, "comment": comment,
        "heading": _("Remove the personal data of comment %(reference)s?") % {"reference": comment.reference},
        "consequence": _("The name, organisation and e-mail of the commenter are deleted for good; the comment and "
                         "its answer stay. This cannot be undone."),
        "button": _("Remove personal data"),
    })


@coordinator_required
def publish_settlement(request, pk):
    """Publish the settlement table and send every commenter with an e-mail their answer, after a
    confirmation: neither the publication nor the e-mails can be taken back."""
    round_ = get_object_or_404(CommentRound.objects.select_related("plan"), pk=pk)
    form = PublishSettlementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.publish_settlement(round_, request.user, form.cleaned_data["approving_resolution"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("planning:round_comments", pk=round_.pk)
        messages.success(request, _("The settlement is published; %(count)s commenters are sent their answer.") % {
            "count": count,
        })
        return redirect("planning:settlement_table", pk=round_.pk)
    total = round_.progress()[1]
    return render(request, "planning/comments/confirm.html", {
        "round": round_, "problems": round_.publication_problems(), "form": form,
        "heading": _("Publish the settlement of “%(round)s”?") % {"round": round_.title},
        "consequence": _("The settlement table of all %(total)s comments becomes public and every commenter who gave "
                         "an e-mail is sent their answer (%(emails)s e-mails). This cannot be undone.") % {
            "total": total, "emails": round_.comments_to_settle().exclude(email="").count(),
        },
        "button": _("Publish the settlement"),
    }, status=400 if request.method == "POST" else 200)
