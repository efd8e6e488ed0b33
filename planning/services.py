"""Workflows of planning that span several models or reach outside the database (e-mail, PDFs).

Single-object rules live on the models (`comment.settle`, `plan.transition`); what here combines
them runs in one transaction and queues its side effects to happen after the commit.
"""

from django.db import transaction

from kpss.tasks import request_rendering
from planning.documents import PlanVersionLayout, SettlementLayout
from planning.models import CommentRound
from planning.notifications import send_settlement_answers


def take_step(plan, name, by, form):
    """Take lifecycle step `name` with what its page's form recorded; returns the version it froze.

    Opening for comments also opens the comment round on the version it publishes, so a plan is
    never open for comments with nothing to comment in. All or nothing: ValidationError (the
    step's problems) leaves the plan as it was. A frozen version's PDF is queued in the same
    transaction.
    """
    transition = plan.TRANSITIONS[name]
    values = {field: form.cleaned_data[field] for field in transition.fields}
    values.update({field: form.cleaned_data.get(field) for field in transition.links})
    with transaction.atomic():
        version = plan.transition(name, by, note=form.cleaned_data["note"], **values)
        if transition.opens_comment_round:
            CommentRound.open_on(version, by, **form.round_fields())
        if version:
            request_rendering(version, PlanVersionLayout.name, by=by)
    return version


def settle_comments(comments, by, outcome, justification):
    """One answer for several comments (duplicates, comments outside the plan): all or none.

    `comments` is already scoped to what `by` may settle (planning.access.comments_for).
    """
    with transaction.atomic():
        comments = list(comments.select_for_update())
        for comment in comments:
            comment.settle(by, outcome, justification, bulk=True)
    return len(comments)


def publish_settlement(round_, by, resolution=None):
    """Publish a round's settlement table, then tell every commenter with an e-mail their answer
    and render the table's archival PDF (both after the commit). Returns how many are told.

    Raises ValidationError with the reasons when the settlement cannot be published yet.
    """
    with transaction.atomic():
        to_notify = [comment.pk for comment in round_.publish_settlement(by, resolution)]
        transaction.on_commit(lambda: send_settlement_answers.enqueue(to_notify))
        request_rendering(round_, SettlementLayout.name, by=by)
    return len(to_notify)
