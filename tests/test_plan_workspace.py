"""The plan workspace: goals, activities and SWOT by group, reordering, deleting, lifecycle steps."""

import pytest
from django.urls import reverse

from kpss.models import ActionLog
from planning.models import Activity, Goal, Plan, SwotItem
from tests.factories import ActivityFactory, GoalFactory, MeasureFactory, SwotItemFactory, UserFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text
from tests.test_plan_lifecycle import STEERING


def workspace_url(plan):
    return reverse("planning:workspace", args=[plan.slug])


class TestAccessByRole:
    """Every staff URL × every persona: who gets in, who gets 404/403, who is sent to sign in."""

    @pytest.fixture
    def urls(self, plan, measure_a, group_a):
        activity = ActivityFactory(measure=measure_a)
        swot = SwotItemFactory(plan=plan, group=group_a)
        slug = plan.slug
        return {
            "workspace": reverse("planning:workspace", args=[slug]),
            "goal": reverse("planning:goal_edit", args=[slug, measure_a.goal_id]),
            "measure": reverse("planning:measure_edit", args=[slug, measure_a.pk]),
            "activity": reverse("planning:activity_edit", args=[slug, activity.pk]),
            "swot": reverse("planning:swot_edit", args=[slug, swot.pk]),
            "delete": reverse("planning:delete", args=[slug, "opatreni", measure_a.pk]),
            "history": reverse("planning:plan_history", args=[slug]),
            "step": reverse("planning:plan_transition", args=[slug, "open_for_comments"]),
        }

    EXPECTED = {
        # persona: (workspace, group A's goal/measure/activity/swot/delete, history, lifecycle step)
        "coordinator": (200, 200, 200, 200),
        "member_a": (200, 200, 404, 403),
        "member_b": (200, 404, 404, 403),
        "steering_member": (200, 404, 404, 403),
        "outsider": (404, 404, 404, 404),
    }

    @pytest.mark.parametrize("persona", list(EXPECTED))
    def test_access(self, request, client_as, urls, persona):
        user = UserFactory() if persona == "outsider" else request.getfixturevalue(persona)
        client = client_as(user)
        workspace, group_a_item, history, step = self.EXPECTED[persona]
        assert client.get(urls["workspace"]).status_code == workspace
        for name in ("goal", "measure", "activity", "swot", "delete"):
            assert client.get(urls[name]).status_code == group_a_item, name
        assert client.get(urls["history"]).status_code == history
        assert client.get(urls["step"]).status_code == step

    def test_the_public_is_sent_to_sign_in_everywhere(self, client, urls):
        for url in urls.values():
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url


def test_workspace_shows_edit_links_only_for_own_groups(client_as, member_a, plan, measure_a, measure_b):
    content = client_as(member_a).get(workspace_url(plan)).content.decode()
    assert reverse("planning:measure_edit", args=[plan.slug, measure_a.pk]) in content
    assert reverse("planning:measure_edit", args=[plan.slug, measure_b.pk]) not in content


def test_workspace_query_count_does_not_grow_with_measures(client_as, coordinator, plan, measure_a):
    def add(n):
        for _ in range(n):
            ActivityFactory(measure=MeasureFactory(goal=measure_a.goal))
            GoalFactory(priority=measure_a.goal.priority, group=measure_a.group)
            SwotItemFactory(plan=plan, group=measure_a.group)

    client = client_as(coordinator)
    assert_queries_do_not_grow(lambda: client.get(workspace_url(plan)), add)


def test_a_member_adds_a_goal_only_for_their_own_group(client_as, member_a, plan, group_a, group_b):
    client = client_as(member_a)
    url = reverse("planning:goal_create", args=[plan.slug])
    priority = plan.priorities.get()
    open_form(client, url, fields=["priority", "group", "title"])
    refused = client.post(url, {"priority": priority.pk, "group": group_b.pk, "title": "Cíl pro cizí skupinu"})
    assert refused.status_code == 200
    assert "group" in refused.context["form"].errors
    assert client.post(url, {"priority": priority.pk, "group": group_a.pk, "title": "Nový cíl"}).status_code == 302
    assert Goal.objects.get(title="Nový cíl").code == "1.3"


def test_a_member_adds_an_activity_to_their_measure_but_not_to_another_groups(
    client_as, member_a, plan, measure_a, measure_b,
):
    client = client_as(member_a)
    url = reverse("planning:activity_create", args=[plan.slug])
    assert client.get(f"{url}?opatreni={measure_b.pk}").status_code == 404
    open_form(client, f"{url}?opatreni={measure_a.pk}", fields=["title"])
    assert client.post(f"{url}?opatreni={measure_b.pk}", {"title": "Cizí aktivita"}).status_code == 404
    assert client.post(f"{url}?opatreni={measure_a.pk}", {"title": "Setkání s pečujícími"}).status_code == 302
    assert Activity.objects.get(title="Setkání s pečujícími").code == f"{measure_a.code}.1"


def test_a_member_writes_swot_items_for_their_group(client_as, member_a, plan, group_a, group_b):
    client = client_as(member_a)
    url = reverse("planning:swot_create", args=[plan.slug])
    open_form(client, url, fields=["group", "kind", "text"])
    assert client.post(url, {"group": group_b.pk, "kind": "W", "text": "Cizí"}).status_code == 200
    assert client.post(url, {"group": group_a.pk, "kind": "W", "text": "Málo terénních služeb"}).status_code == 302
    assert SwotItem.objects.get(text="Málo terénních služeb").group == group_a


def test_moving_a_measure_renumbers_the_codes(client_as, member_a, plan, measure_a):
    second = MeasureFactory(goal=measure_a.goal, title="Druhé opatření")
    plan.renumber()
    goal_code = measure_a.goal.code
    client_as(member_a).post(reverse("planning:move", args=[plan.slug, "opatreni", second.pk]), {"smer": "nahoru"})
    second.refresh_from_db()
    measure_a.refresh_from_db()
    assert (second.code, measure_a.code) == (f"{goal_code}.1", f"{goal_code}.2")
    assert ActionLog.objects.for_object(second).get().data == {"old_code": f"{goal_code}.2",
                                                               "new_code": f"{goal_code}.1"}


def test_move_needs_post(client_as, member_a, plan, measure_a):
    url = reverse("planning:move", args=[plan.slug, "opatreni", measure_a.pk])
    assert client_as(member_a).get(url).status_code == 405


def test_deleting_a_measure_renumbers_the_rest_and_is_logged(client_as, member_a, plan, measure_a):
    second = MeasureFactory(goal=measure_a.goal)
    plan.renumber()
    url = reverse("planning:delete", args=[plan.slug, "opatreni", measure_a.pk])
    assert measure_a.title in page_text(open_form(client_as(member_a), url))
    response = client_as(member_a).post(url)
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.code.endswith(".1")
    assert ActionLog.objects.filter(action="measure.delete", user=member_a).exists()


class TestLifecycleSteps:
    def step_url(self, plan, name):
        return reverse("planning:plan_transition", args=[plan.slug, name])

    ROUND = {"round_title": "Připomínky k návrhu plánu", "round_intro": "Připomínkovat může kdokoli.",
             "opens_at": "2026-11-25T08:00", "closes_at": "2099-12-31T23:59"}

    def test_opening_for_comments_opens_the_round_and_publishes_version_1(self, client_as, coordinator, plan):
        client = client_as(coordinator)
        url = self.step_url(plan, "open_for_comments")
        page = client.get(url)
        assert page.status_code == 200
        assert page.context["form"]["round_title"].value() == f"Připomínky k návrhu: {plan.title}"
        assert page.context["form"]["closes_at"].value().strftime("%H:%M") == "23:59"
        response = client.post(url, {"note": "Kolo 1", **self.ROUND}, follow=True)
        assert "Byla zveřejněna verze 1 plánu; její PDF se vykresluje." in page_text(response)
        plan.refresh_from_db()
        assert plan.status == Plan.Status.COMMENTS
        version = plan.versions.get()
        assert version.reason == "comments"
        round_ = plan.comment_rounds.get()
        assert (round_.version, round_.title, round_.intro) == (version, "Připomínky k návrhu plánu",
                                                                 "Připomínkovat může kdokoli.")
        assert round_.is_open()

    def test_a_round_that_would_close_in_the_past_opens_nothing(self, client_as, coordinator, plan):
        client = client_as(coordinator)
        url = self.step_url(plan, "open_for_comments")
        assert client.get(url).status_code == 200
        response = client.post(url, {**self.ROUND, "note": "", "closes_at": "2020-01-01T12:00"})
        assert response.status_code == 400
        assert response.context["form"].errors["closes_at"] == ["Připomínkování musí skončit v budoucnu."]
        assert response.context["form"]["round_intro"].value() == "Připomínkovat může kdokoli."  # kept
        plan.refresh_from_db()
        assert (plan.status, plan.versions.count(), plan.comment_rounds.count()) == (Plan.Status.DRAFT, 0, 0)

    def test_a_refused_step_says_why_and_changes_nothing(self, client_as, coordinator, plan):
        plan.measures.all().delete()
        client = client_as(coordinator)
        page = page_text(client.get(self.step_url(plan, "open_for_comments")))
        assert "Plán zatím nemá žádná opatření" in page
        response = client.post(self.step_url(plan, "open_for_comments"), self.ROUND)
        assert response.status_code == 400
        assert "Plán zatím nemá žádná opatření" in page_text(response)
        plan.refresh_from_db()
        assert (plan.status, plan.comment_rounds.count()) == (Plan.Status.DRAFT, 0)

    def test_the_steering_group_records_its_approval_with_a_resolution(self, client_as, coordinator, steering_member,
                                                                      plan):
        plan.transition("open_for_comments", coordinator)
        plan.transition("close_comments", coordinator)
        client = client_as(steering_member)
        open_form(client, self.step_url(plan, "approve_by_steering"), fields=["steering_resolution",
                                                                             "steering_approved_on"])
        missing = client.post(self.step_url(plan, "approve_by_steering"), {"steering_resolution": ""})
        assert missing.status_code == 400
        assert "steering_resolution" in missing.context["form"].errors
        response = client.post(self.step_url(plan, "approve_by_steering"), {
            "steering_resolution": STEERING["steering_resolution"], "steering_approved_on": "20. 11. 2024",
        })
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.status == Plan.Status.STEERING_APPROVED
        assert plan.steering_resolution == "ŘS/4/2024"

    def test_the_coordinator_reads_the_history(self, client_as, coordinator, plan):
        plan.transition("open_for_comments", coordinator, note="Zveřejněno na úřední desce")
        text = page_text(client_as(coordinator).get(reverse("planning:plan_history", args=[plan.slug])))
        assert "návrh → otevřeno připomínkám" in text
        assert "Zveřejněno na úřední desce" in text
        assert "Jana Nováková" in text


def test_unknown_kinds_and_steps_are_not_found(client_as, coordinator, plan, measure_a):
    client = client_as(coordinator)
    assert client.get(reverse("planning:delete", args=[plan.slug, "nic", measure_a.pk])).status_code == 404
    assert client.post(reverse("planning:move", args=[plan.slug, "swot", measure_a.pk])).status_code == 404
    assert client.get(reverse("planning:plan_transition", args=[plan.slug, "zrusit"])).status_code == 404
