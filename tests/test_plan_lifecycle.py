"""A plan's lifecycle: each step checks who takes it and its preconditions, records and freezes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kpss.models import ActionLog
from planning.models import Plan, PlanVersion
from tests.factories import ApprovingBodyFactory, PlanFactory, decide

STEERING = {"steering_resolution": "ŘS/4/2024", "steering_approved_on": datetime.date(2024, 11, 20)}
IN_FORCE = {"valid_from": datetime.date(2025, 1, 1), "valid_to": datetime.date(2027, 12, 31)}


def approve_by_the_council(plan, coordinator):
    """The town's council, the one body the plan names, approves the version under approval."""
    decide(plan, coordinator, ApprovingBodyFactory(plan=plan, name="Zastupitelstvo města Lipovec"))


def take_to_force(plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    plan.transition("approve_by_steering", coordinator, **STEERING)
    approve_by_the_council(plan, coordinator)
    plan.transition("put_in_force", coordinator, **IN_FORCE)


def test_a_plan_goes_from_draft_to_in_force_and_each_publication_freezes_a_version(plan, coordinator):
    take_to_force(plan, coordinator)
    assert plan.status == Plan.Status.IN_FORCE
    assert plan.phase == Plan.Phase.IMPLEMENTATION
    versions = list(plan.versions.values_list("number", "reason"))
    assert versions == [(1, "comments"), (2, "approval"), (3, "approved")]
    approved = plan.versions.get(number=3).snapshot
    assert approved["plan"]["approvals"] == [{"body": "Zastupitelstvo města Lipovec", "outcome": "approved",
                                              "resolution_number": "ZM/12/154/2024", "decided_on": "2024-12-09"}]
    assert len(approved["measures"]) == 2


def test_every_step_is_recorded_with_who_and_what(plan, coordinator):
    take_to_force(plan, coordinator)
    entries = list(ActionLog.objects.for_object(plan).order_by("pk"))
    assert [entry.action for entry in entries] == [
        "plan.open_for_comments", "plan.close_comments", "plan.approve_by_steering", "plan.decision",
        "plan.approve_by_council", "plan.put_in_force",
    ]
    assert all(entry.user == coordinator for entry in entries)
    assert entries[3].data["resolution_number"] == "ZM/12/154/2024"
    assert entries[3].data["version"] == 2
    assert "without_bodies" not in entries[4].data
    assert entries[2].data["from_status"] == "settling"


def test_a_step_out_of_order_is_refused_in_czech(plan, coordinator):
    with pytest.raises(ValidationError) as refused:
        plan.transition("approve_by_council", coordinator, note="Výjimka")
    assert "tento krok teď není možný" in str(refused.value.messages)
    assert plan.status == Plan.Status.DRAFT
    assert not plan.versions.exists()


def test_a_plan_without_measures_cannot_be_opened_for_comments(coordinator):
    empty = PlanFactory()
    with pytest.raises(ValidationError) as refused:
        empty.transition("open_for_comments", coordinator)
    assert any("nemá žádná opatření" in message for message in refused.value.messages)


def test_a_resolution_cannot_be_dated_in_the_future(plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    with pytest.raises(ValidationError):
        plan.transition("approve_by_steering", coordinator, **{**STEERING,
                                                                  "steering_approved_on": datetime.date(2999, 1, 1)})


def test_members_may_not_take_steps_but_the_steering_group_records_its_own_approval(
    plan, coordinator, member_a, steering_member,
):
    with pytest.raises(ValidationError):
        plan.transition("open_for_comments", member_a)
    plan.transition("open_for_comments", coordinator)
    plan.transition("close_comments", coordinator)
    with pytest.raises(ValidationError):
        plan.transition("approve_by_steering", member_a, **STEERING)
    plan.transition("approve_by_steering", steering_member, **STEERING)
    with pytest.raises(ValidationError):
        plan.transition("approve_by_council", steering_member, note="Výjimka")
    assert plan.status == Plan.Status.STEERING_APPROVED


def test_a_version_can_be_neither_changed_nor_deleted(plan, coordinator):
    version = plan.transition("open_for_comments", coordinator)
    version.snapshot["plan"]["title"] = "Přepsáno"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    assert PlanVersion.objects.get(pk=version.pk).snapshot["plan"]["title"] == plan.title


def test_only_drafts_and_plans_in_settlement_are_editable(plan, coordinator):
    assert plan.is_editable()
    plan.transition("open_for_comments", coordinator)
    assert not plan.is_editable()
    plan.transition("close_comments", coordinator)
    assert plan.is_editable()
    plan.transition("approve_by_steering", coordinator, **STEERING)
    assert not plan.is_editable()
