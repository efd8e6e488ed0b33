"""The yearly evaluation on the staff pages: the coordinator opens a year, members evaluate their own
group's measures (and nothing of other groups), bad input is refused next to the field with nothing
lost or half-saved, a stale save is refused with what changed, the coordinator reminds and locks,
and a locked year changes only by a correction with its reason."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from kpss.models import ActionLog
from planning.models import ActivityEvaluation, EvaluationRound, FundingSource, MeasureEvaluation
from tests.factories import ActivityFactory, GoalFactory, MeasureFactory, MembershipFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(plan_in_force):
    return EvaluationRound.objects.create(plan=plan_in_force, year=2025, deadline="2026-01-31")


def evaluate_url(evaluation_round, measure):
    return reverse("planning:evaluate_measure", args=[evaluation_round.pk, measure.pk])


def round_url(evaluation_round):
    return reverse("planning:evaluation_round", args=[evaluation_round.pk])


def form_data(response, **changes):
    """The form's values as the page shows them (files aside), with `changes`."""
    from django import forms

    form = response.context["form"]
    data = {}
    for bound in form:
        if isinstance(bound.field, forms.FileField):
            continue
        value = bound.value()
        data[bound.name] = "" if value is None else bound.field.widget.format_value(value) or value
    data.update(changes)
    return data


class TestOpening:
    def test_the_coordinator_opens_a_year_of_a_plan_in_force(self, client_as, coordinator, plan_in_force):
        client = client_as(coordinator)
        url = reverse("planning:evaluation_open")
        opened = open_form(client, url, fields=["plan", "year", "deadline"])
        assert [plan.pk for plan in opened.context["form"].fields["plan"].queryset] == [plan_in_force.pk]
        response = client.post(url, {"plan": plan_in_force.pk, "year": "2026", "deadline": "2027-01-31"})
        created = EvaluationRound.objects.get()
        assert response["Location"] == round_url(created)
        assert ActionLog.objects.filter(action="evaluationround.open").exists()
        assert "2026" in page_text(client.get(reverse("planning:evaluation_rounds")))

    def test_a_year_outside_the_plan_or_twice_is_refused_next_to_the_field(self, client_as, coordinator, year):
        client = client_as(coordinator)
        url = reverse("planning:evaluation_open")
        open_form(client, url)
        outside = client.post(url, {"plan": year.plan_id, "year": "2031", "deadline": "2031-12-31"})
        assert outside.status_code == 200
        assert outside.context["form"].errors["year"]
        assert 'value="2031"' in page_text(outside)
        twice = client.post(url, {"plan": year.plan_id, "year": "2025", "deadline": "2026-01-31"})
        assert twice.context["form"].errors
        assert EvaluationRound.objects.count() == 1


class TestEvaluating:
    def test_a_member_evaluates_a_measure_of_the_group_with_its_details(self, client_as, member_a, year, measure_a):
        ActivityFactory(measure=measure_a, title="Rozšířit provoz o víkendy")
        client = client_as(member_a)
        overview = client.get(round_url(year))
        assert evaluate_url(year, measure_a) in page_text(overview)
        url = evaluate_url(year, measure_a)
        opened = open_form(client, url, fields=["status", "fulfilment", "actual_cost", "source_obec"])
        indicator = measure_a.indicators.get()
        activity = measure_a.activities.get()
        response = client.post(url, form_data(opened, **{
            "status": "partly", "fulfilment": "60", "actual_cost": "1 200 000", "source_obec": "200 000",
            "source_mpsv": "1 000 000", f"indicator_{indicator.pk}": "12,5", "comment": "Služba rozšířena.",
            "evidence_url": "lipovec.example/zprava", f"activity_{activity.pk}_status": "done",
            f"activity_{activity.pk}_comment": "Hotovo v březnu."}))
        assert response.status_code == 302, response.context["form"].errors
        evaluation = MeasureEvaluation.objects.get()
        assert (evaluation.status, evaluation.fulfilment, evaluation.actual_cost) == ("partly", 60, 1200000)
        assert evaluation.evidence_url == "https://lipovec.example/zprava"
        assert evaluation.indicator_values.get().actual == Decimal("12.5")
        assert {spending.source.code: spending.amount for spending in evaluation.spending.all()} == {
            "obec": 200000, "mpsv": 1000000}
        assert ActivityEvaluation.objects.get().comment == "Hotovo v březnu."
        assert ActionLog.objects.filter(action="measureevaluation.create", user=member_a).exists()
        again = client.get(url)
        assert "12,5" in page_text(again)
        assert again.context["form"]["source_obec"].value() == 200000

    def test_a_member_of_another_group_gets_404(self, client_as, member_b, year, measure_a):
        assert client_as(member_b).get(evaluate_url(year, measure_a)).status_code == 404

    def test_the_steering_group_reads_every_group_but_evaluates_nothing(self, client_as, steering_member, year,
                                                                       measure_a, measure_b):
        client = client_as(steering_member)
        overview = page_text(client.get(round_url(year)))
        assert measure_a.title in overview
        assert measure_b.title in overview
        assert evaluate_url(year, measure_a) not in overview
        assert client.get(evaluate_url(year, measure_a)).status_code == 404

    @pytest.mark.parametrize(("changes", "field"), [
        ({"fulfilment": "150"}, "fulfilment"),
        ({"status": ""}, "status"),
        ({"status": "moved"}, "moved_to"),
        ({"actual_cost": "-5"}, "actual_cost"),
        ({"actual_cost": "1000", "source_obec": "300"}, "actual_cost"),
        ({"evidence_url": "not a link"}, "evidence_url"),
    ])
    def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(self, client_as, member_a, year,
                                                                         measure_a, changes, field):
        client = client_as(member_a)
        url = evaluate_url(year, measure_a)
        opened = open_form(client, url)
        data = form_data(opened, **{"status": "done", "comment": "Můj dlouhý komentář", **changes})
        response = client.post(url, data)
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert "Můj dlouhý komentář" in page_text(response)
        assert not MeasureEvaluation.objects.exists()

    def test_a_stale_save_is_refused_with_what_changed_and_keeps_the_text(self, client, client_as, member_a,
                                                                          year, measure_a, group_a):
        other = MembershipFactory(group=group_a, user__username="kolega").user
        first = client_as(member_a)
        opened = open_form(first, evaluate_url(year, measure_a))
        first.post(evaluate_url(year, measure_a), form_data(opened, status="in_progress"))
        mine = form_data(first.get(evaluate_url(year, measure_a)), status="done", comment="Moje verze")
        second = client_as(other)
        second.post(evaluate_url(year, measure_a), form_data(open_form(second, evaluate_url(year, measure_a)),
                                                             status="not_done", comment="Jeho verze"))
        refused = client_as(member_a).post(evaluate_url(year, measure_a), mine)
        assert refused.status_code == 409
        assert "Moje verze" in page_text(refused)
        assert MeasureEvaluation.objects.get().comment == "Jeho verze"
        saved = client_as(member_a).post(evaluate_url(year, measure_a), form_data(refused))
        assert saved.status_code == 302
        assert MeasureEvaluation.objects.get().comment == "Moje verze"

    def test_two_first_saves_do_not_make_two_evaluations(self, client_as, member_a, year, measure_a, group_a):
        other = MembershipFactory(group=group_a, user__username="kolega").user
        mine = form_data(open_form(client_as(member_a), evaluate_url(year, measure_a)), status="done")
        theirs = client_as(other)
        theirs.post(evaluate_url(year, measure_a), form_data(open_form(theirs, evaluate_url(year, measure_a)),
                                                             status="not_done"))
        refused = client_as(member_a).post(evaluate_url(year, measure_a), mine)
        assert refused.status_code == 409
        assert MeasureEvaluation.objects.get().status == "not_done"

    def test_the_overview_does_not_grow_in_queries_with_measures(self, client_as, coordinator, year, measure_a):
        client = client_as(coordinator)

        def add_measures(count):
            for _number in range(count):
                measure = MeasureFactory(goal=GoalFactory(priority=measure_a.goal.priority))
                MeasureEvaluation.objects.create(round=year, measure=measure, status="done")

        assert_queries_do_not_grow(lambda: client.get(round_url(year)), add_measures)


class TestLockAndCorrect:
    def test_the_coordinator_reminds_the_groups_that_have_not_finished(self, client_as, coordinator, year,
                                                                       measure_a, group_b, tasks,
                                                                       django_capture_on_commit_callbacks):
        MembershipFactory(group=group_b, user__username="clen-rodiny", user__email="rodiny@example.cz")
        MeasureEvaluation.objects.create(round=year, measure=measure_a, status="done")
        client = client_as(coordinator)
        overview = client.get(round_url(year))
        assert reverse("planning:evaluation_remind", args=[year.pk]) in page_text(overview)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("planning:evaluation_remind", args=[year.pk]))
        tasks.run_all()
        assert [message.to for message in mail.outbox] == [["rodiny@example.cz"]]
        assert "31. 1. 2026" in mail.outbox[0].subject

    def test_the_coordinator_locks_the_year_and_members_can_no_longer_change_it(
        self, client_as, coordinator, member_a, year, measure_a, measure_b,
    ):
        MeasureEvaluation.objects.create(round=year, measure=measure_a, status="done")
        client = client_as(coordinator)
        lock_url = reverse("planning:evaluation_lock", args=[year.pk])
        confirm = open_form(client, lock_url)
        assert "Pracovní skupina Rodiny s dětmi" in page_text(confirm)  # has not finished
        client.post(lock_url)
        year.refresh_from_db()
        assert year.is_locked
        assert year.locked_by == coordinator
        assert client_as(member_a).get(evaluate_url(year, measure_a)).status_code == 403

    def test_a_locked_year_is_corrected_only_with_a_reason_which_is_logged(self, client_as, coordinator, year,
                                                                           measure_a):
        MeasureEvaluation.objects.create(round=year, measure=measure_a, status="done")
        year.lock(coordinator)
        client = client_as(coordinator)
        url = evaluate_url(year, measure_a)
        opened = open_form(client, url, fields=["correction_reason"])
        without = client.post(url, form_data(opened, status="partly", fulfilment="80"))
        assert "correction_reason" in without.context["form"].errors
        assert MeasureEvaluation.objects.get().status == "done"
        client.post(url, form_data(opened, status="partly", fulfilment="80",
                                   correction_reason="Poskytovatel doložil skutečný stav."))
        assert MeasureEvaluation.objects.get().fulfilment == 80
        entry = ActionLog.objects.get(action="measureevaluation.correct")
        assert entry.data["reason"] == "Poskytovatel doložil skutečný stav."


def test_funding_sources_are_the_code_list(db):
    assert FundingSource.objects.filter(code="obec").exists()
