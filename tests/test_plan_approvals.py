"""A plan approved by several bodies: each decision recorded on its own against the version the
steering group approved last; the plan approved when every body approved that same version (or by
the coordinator's logged exception); a rejection returns it for changes; the pages and the PDF cover
list every decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kpss.models import ActionLog
from planning.approvals import approval_progress
from planning.models import Decision, Plan
from tests.factories import ApprovingBodyFactory, decide
from tests.helpers import assert_queries_do_not_grow, open_form, page_text
from tests.test_plan_lifecycle import IN_FORCE, STEERING

APPROVED, REJECTED = Decision.Outcome.APPROVED, Decision.Outcome.REJECTED


def awaiting_approval(plan, coordinator, steering=STEERING):
    if plan.status == Plan.Status.DRAFT:
        plan.transition("open_for_comments", coordinator)
        plan.transition("close_comments", coordinator)
    plan.transition("approve_by_steering", coordinator, **steering)
    return plan


@pytest.fixture
def bodies(plan):
    """ORP Klatovy plans with Mikroregion Touškovsko: the town's council, the town's board and the
    union's general assembly must approve."""
    return [ApprovingBodyFactory(plan=plan, name=name, kind=kind) for name, kind in [
        ("Zastupitelstvo města Klatovy", "council"), ("Rada města Klatovy", "board"),
        ("Valná hromada Mikroregionu Touškovsko", "assembly")]]


def actions(plan):
    return [entry.action for entry in ActionLog.objects.for_object(plan).order_by("pk")]


def test_the_plan_is_approved_when_every_body_approved_the_same_version(plan, coordinator, bodies):
    awaiting_approval(plan, coordinator)
    council, board, assembly = bodies
    decide(plan, coordinator, council, number="ZM/1/2024")
    decide(plan, coordinator, assembly, outcome=Decision.Outcome.NOT_DISCUSSED, number="")
    progress = approval_progress(plan)
    assert (progress.approved, progress.required, progress.complete) == (1, 3, False)
    assert [body.name for body in progress.missing] == ["Rada města Klatovy", "Valná hromada Mikroregionu Touškovsko"]
    decide(plan, coordinator, board, number="RM/2/2024", outcome=Decision.Outcome.APPROVED_WITH_CHANGES,
           note="Doplnit rozpočet opatření 2.1.")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.STEERING_APPROVED
    version = decide(plan, coordinator, assembly, number="VH/3/2024", on=datetime.date(2024, 12, 11))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.COUNCIL_APPROVED
    assert version.reason == "approved"
    assert version.number == 3
    assert [approval["resolution_number"] for approval in version.snapshot["plan"]["approvals"]] == [
        "ZM/1/2024", "RM/2/2024", "VH/3/2024"]
    assert set(Decision.objects.values_list("version__number", flat=True)) == {2}
    assert actions(plan)[-5:] == ["plan.decision"] * 4 + ["plan.approve_by_council"]
    plan.transition("put_in_force", coordinator, **IN_FORCE)


def test_a_rejection_returns_the_plan_and_the_next_version_needs_every_body_again(plan, coordinator, bodies):
    council, board, assembly = bodies
    awaiting_approval(plan, coordinator)
    decide(plan, coordinator, council, number="ZM/1/2024")
    decide(plan, coordinator, board, number="RM/2/2024")
    decide(plan, coordinator, assembly, outcome=REJECTED, number="VH/3/2024", note="Chybí služby v Kozolupech.")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SETTLING
    entry = ActionLog.objects.for_object(plan).order_by("pk").last()
    assert entry.action == "plan.returned_for_changes"
    assert entry.data["body"] == "Valná hromada Mikroregionu Touškovsko"
    assert entry.data["note"] == "Chybí služby v Kozolupech."
    # The groups change the plan; the steering group approves version 3, which every body decides on anew.
    awaiting_approval(plan, coordinator, {**STEERING, "steering_resolution": "ŘS/5/2024"})
    progress = approval_progress(plan)
    assert progress.version.number == 3
    assert (progress.approved, progress.required) == (0, 3)
    assert [len(state.decisions) for state in progress.bodies] == [1, 1, 1]  # the history stays
    decide(plan, coordinator, council, number="ZM/9/2025", on=datetime.date(2025, 1, 20))
    decide(plan, coordinator, board, number="RM/9/2025", on=datetime.date(2025, 1, 21))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.STEERING_APPROVED
    decide(plan, coordinator, assembly, number="VH/1/2025", on=datetime.date(2025, 1, 22))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.COUNCIL_APPROVED


def test_the_coordinator_may_approve_without_the_remaining_bodies_only_with_a_reason(plan, coordinator, bodies):
    awaiting_approval(plan, coordinator)
    decide(plan, coordinator, bodies[0], number="ZM/1/2024")
    with pytest.raises(ValidationError) as refused:
        plan.transition("approve_by_council", coordinator)
    message = " ".join(refused.value.messages)
    assert "Schváleno 1 z 3 orgánů" in message
    assert "Rada města Klatovy, Valná hromada Mikroregionu Touškovsko" in message
    plan.transition("approve_by_council", coordinator, note="Valná hromada se do konce roku nesejde; "
                                                            "rada k plánu nemá působnost.")
    assert plan.status == Plan.Status.COUNCIL_APPROVED
    entry = ActionLog.objects.for_object(plan).order_by("pk").last()
    assert entry.data["without_bodies"] == ["Rada města Klatovy", "Valná hromada Mikroregionu Touškovsko"]
    assert "nesejde" in entry.data["note"]


def test_a_plan_that_names_no_body_needs_the_exception_too(plan, coordinator):
    awaiting_approval(plan, coordinator)
    with pytest.raises(ValidationError) as refused:
        plan.transition("approve_by_council", coordinator)
    assert "Plán neuvádí žádné schvalující orgány." in " ".join(refused.value.messages)


def test_decisions_are_recorded_only_while_the_plan_awaits_approval_and_not_before_the_steering_group(
    plan, coordinator, bodies,
):
    with pytest.raises(ValidationError):
        decide(plan, coordinator, bodies[0])
    awaiting_approval(plan, coordinator)
    with pytest.raises(ValidationError) as refused:
        decide(plan, coordinator, bodies[0], on=datetime.date(2024, 11, 1))
    assert "dříve, než ho schválila řídící skupina (20. 11. 2024)" in " ".join(refused.value.messages)
    assert not Decision.objects.exists()


def test_the_plan_pages_list_every_decision_and_the_progress(client, plan, coordinator, bodies):
    awaiting_approval(plan, coordinator)
    decide(plan, coordinator, bodies[0], number="ZM/1/2024")
    text = page_text(client.get(plan.get_absolute_url()))
    assert "Verze 2: schváleno 1 z 3 orgánů." in text
    assert "Zastupitelstvo města Klatovy" in text
    assert "ZM/1/2024" in text
    assert "Rada města Klatovy" in text
    assert "zatím nerozhodl" in text
    decide(plan, coordinator, bodies[1], number="RM/2/2024")
    decide(plan, coordinator, bodies[2], number="VH/3/2024")
    plan.refresh_from_db()
    listed = page_text(client.get(reverse("planning:plan_list")))
    assert ("Schváleno: Zastupitelstvo města Klatovy (usnesení č. ZM/1/2024 ze dne 9. 12. 2024), Rada města Klatovy"
            in listed)
    version = page_text(client.get(reverse("planning:version_detail", args=[plan.slug, 3])))
    assert "Valná hromada Mikroregionu Touškovsko (schváleno), usnesení č. VH/3/2024 ze dne 9. 12. 2024" in version


def test_the_plan_page_queries_do_not_grow_with_the_bodies(client, plan, coordinator):
    """A microregion of 40 obce: the council of each approves."""
    awaiting_approval(plan, coordinator)

    def add_bodies(count):
        for _ in range(count):
            body = ApprovingBodyFactory(plan=plan)
            Decision.objects.create(body=body, version=plan.versions.last(), outcome=APPROVED,
                                    resolution_number="OZ/1/2024", decided_on=datetime.date(2024, 12, 9))

    assert_queries_do_not_grow(lambda: client.get(plan.get_absolute_url()), add_bodies, few=2, many=40)


def test_the_coordinator_records_a_decision_on_the_approval_page(client, plan, coordinator, bodies, member_a):
    awaiting_approval(plan, coordinator)
    url = reverse("planning:plan_approvals", args=[plan.slug])
    client.force_login(member_a)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    open_form(client, url, ["body", "outcome", "resolution_number", "decided_on", "note", "extract"])
    extract = SimpleUploadedFile("usneseni.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    response = client.post(url, {"body": bodies[0].pk, "outcome": "approved", "resolution_number": "ZM/1/2024",
                                 "decided_on": "2024-12-09", "extract": extract})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.recorded_by == coordinator
    assert decision.version.number == 2
    download = client.get(decision.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "Verze 2: schváleno 1 z 3 orgánů." in page_text(client.get(url))


def test_bad_input_is_refused_next_to_the_field_in_czech_and_kept(client, plan, coordinator, bodies):
    awaiting_approval(plan, coordinator)
    url = reverse("planning:plan_approvals", args=[plan.slug])
    client.force_login(coordinator)
    open_form(client, url)
    not_a_pdf = SimpleUploadedFile("usneseni.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(url, {"body": bodies[0].pk, "outcome": "approved", "resolution_number": "",
                                 "decided_on": "2999-01-01", "note": "Poznámka zůstane", "extract": not_a_pdf})
    assert response.status_code == 400
    form = response.context["form"]
    assert "Uveďte číslo usnesení." in form.errors["resolution_number"]
    assert "Datum usnesení nemůže být v budoucnosti." in form.errors["decided_on"]
    assert form.errors["extract"]
    assert "Poznámka zůstane" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_approval_page_in_each_state_of_the_plan(client, plan, coordinator, bodies):
    client.force_login(coordinator)
    url = reverse("planning:plan_approvals", args=[plan.slug])
    assert "po schválení řídící skupinou" in page_text(client.get(url))  # a draft: nothing to record yet
    awaiting_approval(plan, coordinator)
    assert 'name="resolution_number"' in client.get(url).content.decode()
    for body, number in zip(bodies, ["ZM/1/2024", "RM/2/2024", "VH/3/2024"], strict=True):
        decide(plan, coordinator, body, number=number)
    approved = client.get(url)
    assert approved.status_code == 200
    assert 'name="resolution_number"' not in approved.content.decode()
    refused = client.post(url, {"body": bodies[0].pk, "outcome": "approved", "resolution_number": "X",
                                "decided_on": "2024-12-10"})
    assert refused.status_code == 400
    assert Decision.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_one_council_approval_of_existing_plans():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("planning", "0015_plan_area")], [("planning", "0016_approving_bodies")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    plan = old.get_model("planning", "Plan").objects.create(
        title="Plán 2022–2024", slug="sp-2022", year_from=2022, year_to=2024, status="in_force",
        steering_approved_on=datetime.date(2021, 11, 15), council_body="Zastupitelstvo města Lipovec",
        council_resolution_number="ZM/18/231/2021", council_resolution_date=datetime.date(2021, 12, 13))
    versions = old.get_model("planning", "PlanVersion").objects
    for number, reason in [(1, "comments"), (2, "approval"), (3, "approved")]:
        versions.create(plan=plan, number=number, reason=reason, snapshot={})
    old.get_model("planning", "Plan").objects.create(title="Návrh", slug="navrh", year_from=2025, year_to=2027)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    decision = new.get_model("planning", "Decision").objects.get()
    assert (decision.body.name, decision.body.kind, decision.body.plan.slug) == (
        "Zastupitelstvo města Lipovec", "council", "sp-2022")
    assert (decision.outcome, decision.resolution_number, decision.decided_on, decision.version.number) == (
        "approved", "ZM/18/231/2021", datetime.date(2021, 12, 13), 2)
    assert new.get_model("planning", "ApprovingBody").objects.count() == 1

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(before)  # and back: the decision is the council approval again
    back = executor.loader.project_state(before).apps.get_model("planning", "Plan").objects.get(slug="sp-2022")
    assert (back.council_body, back.council_resolution_number) == ("Zastupitelstvo města Lipovec", "ZM/18/231/2021")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_pdf_cover_of_the_approved_version_lists_every_approval(plan, coordinator, bodies):
    from kpss.pdf import html_for
    from planning.documents import PlanVersionLayout

    awaiting_approval(plan, coordinator)
    for body, number in zip(bodies, ["ZM/1/2024", "RM/2/2024", "VH/3/2024"], strict=True):
        version = decide(plan, coordinator, body, number=number)
    cover = html_for(PlanVersionLayout(), version).replace("\u00a0", " ")
    cover = cover[cover.index('class="cover"'):cover.index("</section>")]
    for name, number in [("Zastupitelstvo města Klatovy", "ZM/1/2024"), ("Rada města Klatovy", "RM/2/2024"),
                         ("Valná hromada Mikroregionu Touškovsko", "VH/3/2024")]:
        assert f"{name} (schváleno), usnesení č. {number} ze dne 9. 12. 2024" in cover


def test_the_council_of_every_municipality_of_the_area_is_added_once(client_as, coordinator, plan, town):
    """A Slovak microregion: the obecné zastupiteľstvo of each obec approves the common plan."""
    from kpss.models import Territory
    from tests.factories import TerritoryFactory

    town.country = "SK"
    town.save()
    obce = [TerritoryFactory(name=name) for name in ("Javorová", "Horná Ves", "Dolná Ves")]
    microregion = TerritoryFactory(name="Mikroregión Pod Javorom", kind=Territory.Kind.MICROREGION, code="")
    microregion.members.set(obce)
    plan.set_area([microregion])
    ApprovingBodyFactory(plan=plan, name="Obecné zastupiteľstvo obce Javorová", territory=obce[0], position=0)
    client = client_as(coordinator)
    changelist = reverse("admin:planning_plan_changelist")
    assert "add_municipal_councils" in client.get(changelist).content.decode()
    response = client.post(changelist, {"action": "add_municipal_councils", "_selected_action": [plan.pk]},
                           follow=True)
    assert "Pridané 2 schvaľujúce orgány." in page_text(response)
    names = list(plan.approving_bodies.values_list("name", "kind"))
    assert names == [("Obecné zastupiteľstvo obce Javorová", "council"),
                     ("Obecné zastupiteľstvo obce Dolná Ves", "municipal_council_sk"),
                     ("Obecné zastupiteľstvo obce Horná Ves", "municipal_council_sk")]
    client.post(changelist, {"action": "add_municipal_councils", "_selected_action": [plan.pk]})
    assert plan.approving_bodies.count() == 3
