"""The coordinator runs plan cycles in admin: plans with chapters, phases and the strategy tree."""

from decimal import Decimal

from django.urls import reverse

from planning.models import Measure, Plan, PlanVersion
from tests.factories import MeasureFactory
from tests.helpers import open_form


def inline_management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


def test_the_coordinator_creates_a_midterm_plan_with_chapters_phases_and_priorities(client_as, coordinator, town):
    data = {
        "kind": "midterm", "title": "Střednědobý plán 2028–2030", "slug": "sp-2028-2030",
        "year_from": 2028, "year_to": 2030, "phase": "preparatory", "summary": "",
        **inline_management("phases", 1), "phases-0-phase": "preparatory", "phases-0-starts_on": "1. 3. 2027",
        **inline_management("chapters", 1), "chapters-0-position": 1, "chapters-0-kind": "introduction",
        "chapters-0-title": "Úvod", "chapters-0-body": "Text",
        **inline_management("priorities", 2),
        "priorities-0-position": 2, "priorities-0-title": "Druhá priorita",
        "priorities-1-position": 1, "priorities-1-title": "První priorita",
        **inline_management("analyses"), **inline_management("approving_bodies"),
    }
    open_form(client_as(coordinator), reverse("admin:planning_plan_add"),
              fields=["title", "phases-TOTAL_FORMS", "chapters-TOTAL_FORMS", "priorities-TOTAL_FORMS"])
    response = client_as(coordinator).post(reverse("admin:planning_plan_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = Plan.objects.get(slug="sp-2028-2030")
    assert plan.status == Plan.Status.DRAFT
    assert list(plan.priorities.values_list("code", "title")) == [("1", "První priorita"), ("2", "Druhá priorita")]
    assert plan.phases.get().starts_on.isoformat() == "2027-03-01"


def test_an_action_plan_must_lie_within_its_midterm_plan(client_as, coordinator, plan):
    data = {
        "kind": "action", "midterm_plan": plan.pk, "title": "Akční plán 2031", "slug": "ap-2031",
        "year_from": 2031, "year_to": 2031, "phase": "implementation",
        **inline_management("phases"), **inline_management("chapters"), **inline_management("priorities"),
        **inline_management("analyses"), **inline_management("approving_bodies"),
    }
    open_form(client_as(coordinator), reverse("admin:planning_plan_add"), fields=["kind", "midterm_plan"])
    response = client_as(coordinator).post(reverse("admin:planning_plan_add"), data)
    assert response.status_code == 200
    assert "Roky akčního plánu musí ležet v období jeho střednědobého plánu (2025–2027)." in (
        response.content.decode().replace("\u00a0", " ")
    )


def test_reordering_measures_in_admin_renumbers_their_codes(client_as, coordinator, plan, measure_a):
    second = MeasureFactory(goal=measure_a.goal, title="Druhé")
    plan.renumber()
    url = reverse("admin:planning_measure_change", args=[second.pk])
    form = client_as(coordinator).get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({"position": 0, "goal": measure_a.goal_id, "group": measure_a.group_id,
                 **inline_management("indicators"), **inline_management("activities")})
    response = client_as(coordinator).post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Measure.objects.get(pk=second.pk).code.endswith(".1")
    assert Measure.objects.get(pk=measure_a.pk).code.endswith(".2")
    assert Measure.objects.get(pk=second.pk).revision == 2  # a staff-page editor with the old form is warned


def test_versions_are_read_only_in_admin(client_as, coordinator, plan):
    version = plan.transition("open_for_comments", coordinator)
    client = client_as(coordinator)
    assert client.get(reverse("admin:planning_planversion_change", args=[version.pk])).status_code == 200
    delete_url = reverse("admin:planning_planversion_delete", args=[version.pk])
    assert client.get(delete_url).status_code == 403
    client.post(delete_url, {"post": "yes"})
    assert PlanVersion.objects.filter(pk=version.pk).exists()


def test_members_have_no_admin(client_as, member_a):
    response = client_as(member_a).get(reverse("admin:planning_plan_changelist"))
    assert response.status_code == 302


def test_another_comment_round_opens_only_on_a_plan_open_for_comments_and_leads_back(
    client_as, coordinator, plan, measure_a,
):
    from tests.helpers import admin_form_data, page_text

    client = client_as(coordinator)
    version = plan.transition("open_for_comments", coordinator)
    workspace = page_text(client.get(reverse("planning:workspace", args=[plan.slug])))
    assert "Vyhlásit další připomínkování k verzi 1" in workspace
    add_url = reverse("admin:planning_commentround_add") + f"?version={version.pk}"
    page = client.get(add_url)
    response = client.post(add_url, admin_form_data(
        page, title="Druhé kolo", opens_at_0="1. 12. 2026", opens_at_1="8:00", closes_at_0="31. 12. 2099",
        closes_at_1="23:59",
    ))
    assert response["Location"] == reverse("planning:workspace", args=[plan.slug])
    assert plan.comment_rounds.filter(title="Druhé kolo").exists()
    # An existing round keeps its version when the plan has moved on.
    round_ = plan.comment_rounds.get()
    change_url = reverse("admin:planning_commentround_change", args=[round_.pk])
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SETTLING)
    renamed = client.post(change_url, admin_form_data(client.get(change_url), title="Přejmenované kolo"))
    assert renamed.status_code == 302
    # A plan that is no longer open for comments is not offered.
    assert str(version.pk) not in [str(choice[0]) for choice in client.get(add_url).context[
        "adminform"].form.fields["version"].choices]
    assert "Vyhlásit další připomínkování" not in page_text(client.get(reverse("planning:workspace", args=[plan.slug])))


def test_the_admin_takes_a_decimal_comma_too(client_as, coordinator, measure_a):
    from tests.helpers import admin_form_data

    client = client_as(coordinator)
    url = reverse("admin:planning_measure_change", args=[measure_a.pk])
    page = client.get(url)
    assert page.context["inline_admin_formsets"][0].formset.forms[0]["target"].value() == Decimal("25.00")
    assert 'value="25"' in page.content.decode()
    assert client.post(url, admin_form_data(page, **{"indicators-0-target": "30,75"})).status_code == 302
    assert measure_a.indicators.get().target == Decimal("30.75")
