"""How far the approval of a plan has come: each body it names with its decisions, and whether all
of them approved the version the steering group approved last (the one they decide on)."""

from dataclasses import dataclass, field

from planning.models import ApprovingBody, Decision, PlanVersion


@dataclass
class BodyState:
    body: ApprovingBody
    decisions: list = field(default_factory=list)  # every decision of the body, oldest first
    current: Decision | None = None  # its last decision on the version under approval

    @property
    def approved(self):
        return self.current is not None and self.current.approves


@dataclass
class ApprovalProgress:
    version: PlanVersion | None  # the version under approval (the steering group's last)
    bodies: list = field(default_factory=list)  # BodyState, in the plan's order

    @property
    def required(self):
        return len(self.bodies)

    @property
    def approved(self):
        return sum(state.approved for state in self.bodies)

    @property
    def complete(self):
        return bool(self.bodies) and self.approved == self.required

    @property
    def missing(self):
        return [state.body for state in self.bodies if not state.approved]


DECISION_FIELDS = ["pk", "outcome", "resolution_number", "decided_on", "note", "extract", "version_id"]


def approval_progress(plan, versions=None):
    """The ApprovalProgress of `plan` in one query (two without `versions`, the plan's versions
    where a page has them already): its bodies left-joined to their decisions, a row each."""
    if versions is None:
        versions = plan.versions.defer("snapshot").filter(reason=PlanVersion.Reason.APPROVAL).order_by("number")
    versions = {version.pk: version for version in versions}
    under_approval = [version for version in versions.values() if version.reason == PlanVersion.Reason.APPROVAL]
    progress = ApprovalProgress(version=under_approval[-1] if under_approval else None)
    rows = ApprovingBody.objects.filter(plan=plan).order_by(
        "position", "pk", "decisions__decided_on", "decisions__pk",
    ).values("pk", "name", "kind", "territory_id", "position", *(f"decisions__{name}" for name in DECISION_FIELDS))
    states = {}
    for row in rows:
        state = states.get(row["pk"])
        if state is None:
            body = ApprovingBody(plan=plan, **{name: row[name] for name in ("pk", "name", "kind", "territory_id",
                                                                            "position")})
            state = states[row["pk"]] = BodyState(body=body)
        if row["decisions__pk"] is None:
            continue
        decision = Decision(body=state.body, **{name: row[f"decisions__{name}"] for name in DECISION_FIELDS})
        if decision.version_id in versions:
            decision.version = versions[decision.version_id]
        state.decisions.append(decision)
        if progress.version and decision.version_id == progress.version.pk:
            state.current = decision
    progress.bodies = list(states.values())
    return progress


def attach_approvals(plans):
    """Set `approvals` on each plan approved by its bodies: each body's last approving decision, in
    the plan's order of the bodies (one query for all the plans)."""
    approved = {plan.pk: plan for plan in plans if plan.status in (
        plan.Status.COUNCIL_APPROVED, plan.Status.IN_FORCE, plan.Status.ARCHIVED)}
    for plan in plans:
        plan.approvals = []
    last = {}
    decisions = Decision.objects.filter(body__plan__in=list(approved), outcome__in=Decision.APPROVING).select_related(
        "body").order_by("body__position", "body_id", "decided_on", "pk")
    for decision in decisions:
        last[decision.body_id] = decision
    for decision in last.values():
        approved[decision.body.plan_id].approvals.append(decision)
    return plans
