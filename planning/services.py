"""Workflows of planning that span several models or reach outside the database (e-mail, PDFs).

Single-object rules live on the models (`comment.settle`, `plan.transition`); what here combines
them runs in one transaction and queues its side effects to happen after the commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kpss import country
from kpss.country import Country
from kpss.models import log_action
from kpss.tasks import request_rendering
from planning.approvals import approval_progress
from planning.documents import PlanVersionLayout, SettlementLayout
from planning.models import ApprovingBody, CommentRound, Decision, Plan
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


def record_decision(plan, by, decision, render_pdf=True):
    """Record an approving body's `decision` (unsaved, its fields checked) on the version under
    approval, and move the plan on: a rejection returns it for changes; the last approval the
    version needed approves it (the step "approve_by_council", which freezes the approved version).
    All or nothing; returns the version frozen, if any, its PDF queued unless `render_pdf` is false
    (the demo renders its PDFs at the end)."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != Plan.Status.STEERING_APPROVED:
            raise ValidationError(_("Decisions are recorded while the plan awaits approval by its bodies."))
        if decision.body.plan_id != plan.pk:
            raise ValidationError(_("The body does not approve this plan."))
        if plan.steering_approved_on and decision.decided_on < plan.steering_approved_on:
            raise ValidationError(
                _("A body cannot decide on the plan before the steering group approved it (%(date)s).")
                % {"date": date_format(plan.steering_approved_on)})
        decision.version = approval_progress(plan).version
        decision.recorded_by = by
        decision.save()
        log_action(plan, "plan.decision", by, body=decision.body.name, outcome=decision.outcome,
                   resolution_number=decision.resolution_number, decided_on=str(decision.decided_on),
                   version=decision.version.number, note=decision.note)
        if decision.outcome == Decision.Outcome.REJECTED:
            plan.return_for_changes(by, decision)
            return None
        if decision.approves and approval_progress(plan).complete:
            version = plan.transition("approve_by_council", by)
            if render_pdf:
                request_rendering(version, PlanVersionLayout.name, by=by)
            return version
    return None


COUNCIL_NAMES = {Country.CZ: (ApprovingBody.Kind.COUNCIL, "Zastupitelstvo obce {name}"),
                 Country.SK: (ApprovingBody.Kind.MUNICIPAL_COUNCIL_SK, "Obecné zastupiteľstvo obce {name}")}


def add_municipal_councils(plan, by):
    """Name the council of every municipality of the plan's area as a body that must approve it, as
    the obce of a Slovak microregion each approve their common plan; a municipality that already has
    a body keeps it. Returns the bodies added."""
    kind, name = COUNCIL_NAMES[country.current()]
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        has_body = set(plan.approving_bodies.exclude(territory=None).values_list("territory_id", flat=True))
        position = plan.approving_bodies.count()
        added = []
        for municipality in plan.covered_municipalities().exclude(pk__in=has_body):
            position += 1
            added.append(ApprovingBody(plan=plan, kind=kind, territory=municipality, position=position,
                                       name=name.format(name=municipality.name)))
        taken = set(plan.approving_bodies.values_list("name", flat=True))
        added = [body for body in added if body.name not in taken]
        ApprovingBody.objects.bulk_create(added)
        if added:
            log_action(plan, "plan.bodies_added", by, bodies=[body.name for body in added])
    return added
