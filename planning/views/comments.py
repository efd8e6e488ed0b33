"""Public pages of comment rounds: the list, a round with its comment form, the settlement table."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss.antispam import file_submission, over_limit
from kpss.exports import csv_response, xlsx_response
from kpss.models import PdfDocument
from kpss.permissions import public
from planning.access import get_settled_round, settlement_comments
from planning.documents import SettlementLayout
from planning.forms import CommentForm
from planning.models import Comment, CommentRound
from planning.notifications import send_comment_confirmation


@public
def comment_round_list(request):
    rounds = list(CommentRound.objects.visible().select_related("plan", "version"))
    now = timezone.now()
    return render(request, "planning/comment_round_list.html", {
        "open_rounds": [r for r in rounds if r.is_open(now)],
        "closed_rounds": [r for r in rounds if not r.is_open(now)],
    })


@public
def comment_round_detail(request, pk):
    """The round's page with the comment form; a comment is filed in one transaction."""
    round_ = get_object_or_404(CommentRound.objects.visible().select_related("plan", "version"), pk=pk)
    initial = {}
    if request.GET.get("opatreni"):
        initial["part"] = f"opatreni-{request.GET['opatreni']}"
    elif request.GET.get("kapitola"):
        initial["part"] = f"kapitola-{request.GET['kapitola']}"
    form = CommentForm(request.POST if request.method == "POST" else None, round_=round_, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if not round_.is_open():
            form.add_error(None, _("The comment round is closed; comments can no longer be submitted."))
        elif over_limit(request):
            form.add_error(None, _("Too many comments came from your address in the last hour. Please try again "
                                   "later, or send your comment to the coordinator by e-mail."))
            status = 429
        elif form.is_valid():
            try:
                comment = file_submission(request, form, lambda hashed_ip: Comment.submit(
                    round_, ip_hash=hashed_ip, **form.comment_fields(),
                ))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                transaction.on_commit(lambda: send_comment_confirmation.enqueue(comment.pk))
                messages.success(request, _("Thank you. Your comment was received under number %(reference)s.") % {
                    "reference": comment.reference,
                })
                return redirect("planning:comment_round_detail", pk=round_.pk)
    return render(request, "planning/comments/round_detail.html", {
        "round": round_, "form": form, "is_open": round_.is_open(),
        "retention_years": max(1, settings.PERSONAL_DATA_RETENTION_DAYS // 365),
    }, status=status)


@public
def settlement_table(request, pk):
    round_ = get_settled_round(request.user, pk)
    comments = settlement_comments(request.user, round_)
    return render(request, "planning/comments/settlement_table.html", {
        # The progress of the rows shown: a member's preview has their groups' comments only.
        "round": round_, "comments": comments, "progress": round_.progress(comments),
        "pdf": PdfDocument.objects.for_source(round_, SettlementLayout.name),
    })


def _table_rows(comments):
    yield [_("Number"), _("Received"), _("Commenter"), _("Part of the document"), _("Comment"),
           _("Proposed wording"), _("Outcome"), _("Justification"), _("Worked into")]
    for comment in comments:
        worked_in = comment.worked_in_measure or comment.worked_in_chapter or ""
        yield [comment.reference, timezone.localtime(comment.received_at).strftime("%d.%m.%Y"), comment.public_name,
               str(comment.part), comment.text, comment.proposed_wording, comment.get_outcome_display(),
               comment.justification, str(worked_in)]


@public
def settlement_csv(request, pk):
    round_ = get_settled_round(request.user, pk)
    return csv_response(_table_rows(settlement_comments(request.user, round_)), f"vyporadani-pripominek-{round_.pk}")


@public
def settlement_xlsx(request, pk):
    round_ = get_settled_round(request.user, pk)
    return xlsx_response(
        _table_rows(settlement_comments(request.user, round_)), f"vyporadani-pripominek-{round_.pk}",
        sheet_title=_("Settlement"), column_widths=[8, 11, 24, 28, 60, 40, 18, 60, 28],
    )
