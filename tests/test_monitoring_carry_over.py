"""The next cycle: next year's action plan carries the unfinished measures of the current one
forward (cancelled, fulfilled and moved ones stay; a measure without evaluation goes), linked to
where they came from, with the old evaluation set to "moved" unless the year is locked; the next
midterm plan starts with the previous plan's final evaluation; neither is made twice; the
coordinator confirms each on a page that says what goes; a measure's page shows its lineage."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from kpss.models import ActionLog, Territory
from planning.models import (
    ActivityEvaluation,
    CarriedActivity,
    CarriedMeasure,
    Chapter,
    EvaluationRound,
    EvaluationStatus,
    MeasureEvaluation,
    Plan,
)
from planning.monitoring.carry_over import (
    create_next_action_plan,
    final_evaluation,
    preview_next_action_plan,
    start_next_midterm_plan,
)
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    TerritoryFactory,
)
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

pytestmark = pytest.mark.django_db

PARTLY = EvaluationStatus.PARTLY.label


@pytest.fixture
def midterm(plan):
    plan.status = Plan.Status.IN_FORCE
    plan.save()
    return plan


def action_plan(midterm, year, group, statuses, status=Plan.Status.IN_FORCE):
    """An action plan of `midterm` for `year` with one measure per status in `statuses` (None: not
    evaluated), each carrying out the midterm plan's measure of `group` and with an indicator."""
    plan = PlanFactory(kind=Plan.Kind.ACTION, midterm_plan=midterm, year_from=year, year_to=year,
                       title=f"Akční plán {year}", slug=f"ap-{year}", status=status)
    goal = GoalFactory(priority=PriorityFactory(plan=plan, title="Dostupné služby pro seniory a rodiny"),
                       group=group, title="Služby pro seniory")
    implements = midterm.measures.get(group=group)
    for status_ in statuses:
        measure = MeasureFactory(goal=goal, title=f"Opatření {status_ or 'bez hodnocení'}", implements=implements,
                                 year_from=year, year_to=year)
        IndicatorFactory(measure=measure)
    plan.renumber()
    return plan


def evaluate(evaluation_round, measure, status, **fields):
    return MeasureEvaluation.objects.create(round=evaluation_round, measure=measure, status=status, **fields)


def by_title(plan, title):
    return plan.measures.get(title=title)


@pytest.fixture
def year_2025(midterm, group_a):
    """Action plan 2025 with measures partly fulfilled, in progress, not fulfilled, not evaluated,
    fulfilled, cancelled and moved, in an open round."""
    plan = action_plan(midterm, 2025, group_a, ["partly", "in_progress", "not_done", None, "done", "cancelled",
                                                "moved"])
    evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
    for measure in plan.measures.all():
        status = measure.title.removeprefix("Opatření ")
        if status == "moved":
            evaluate(evaluation_round, measure, status, moved_to=midterm.measures.first())
        elif status != "bez hodnocení":
            evaluate(evaluation_round, measure, status, fulfilment=40 if status == "partly" else None)
    return plan


UNFINISHED = {"Opatření partly", "Opatření in_progress", "Opatření not_done", "Opatření bez hodnocení"}


class TestNextActionPlan:
    def test_unfinished_measures_go_forward_and_the_rest_stays(self, coordinator, year_2025, midterm, measure_a,
                                                               measure_b):
        new_plan = create_next_action_plan(year_2025, coordinator)
        assert (new_plan.kind, new_plan.status, new_plan.midterm_plan, new_plan.year_from, new_plan.year_to) == (
            "action", "draft", midterm, 2026, 2026)
        assert new_plan.title == "Akční plán 2026"
        carried = {link.target.title: link for link in CarriedMeasure.objects.select_related("source", "target")}
        assert set(carried) == UNFINISHED
        for link in carried.values():
            assert link.source.plan == year_2025
            assert link.target.plan == new_plan
            assert link.target.implements == measure_a  # still carries out the same midterm measure
            assert link.evaluation_moved
        # Group B's midterm measure runs in 2026 and nothing carries it out yet: it comes new.
        fresh = new_plan.measures.get(implements=measure_b)
        assert not CarriedMeasure.objects.filter(target=fresh).exists()
        assert new_plan.measures.count() == 5
        # The structure is made as the measures need it, numbered.
        assert list(new_plan.priorities.values_list("code", "title")) == [
            ("1", "Dostupné služby pro seniory a rodiny")]
        assert sorted(new_plan.measures.values_list("code", flat=True)) == ["1.1.1", "1.1.2", "1.1.3", "1.1.4",
                                                                            "1.2.1"]

    def test_the_old_evaluations_say_moved_to_the_new_measure(self, coordinator, year_2025):
        new_plan = create_next_action_plan(year_2025, coordinator)
        evaluations = {evaluation.measure.title: evaluation for evaluation in MeasureEvaluation.objects.filter(
            measure__plan=year_2025).select_related("measure", "moved_to")}
        for title in UNFINISHED:
            assert evaluations[title].status == "moved"
            assert evaluations[title].moved_to == by_title(new_plan, title)
        assert evaluations["Opatření partly"].fulfilment == 40  # the figure stays, for the record
        assert evaluations["Opatření done"].status == "done"
        assert evaluations["Opatření cancelled"].status == "cancelled"
        move = ActionLog.objects.get(action="measureevaluation.carry_over",
                                     object_id=evaluations["Opatření partly"].pk)
        assert move.data["from_status"] == "partly"
        created = ActionLog.objects.get(action="measureevaluation.carry_over",
                                        object_id=evaluations["Opatření bez hodnocení"].pk)
        assert created.data["from_status"] == ""
        assert ActionLog.objects.filter(action="plan.create_next_action_plan", object_id=new_plan.pk).exists()
        assert ActionLog.objects.filter(action="measure.carry_over").count() == 4

    def test_a_locked_year_keeps_its_evaluations_and_the_link_is_kept_aside(self, coordinator, year_2025):
        evaluation_round = year_2025.evaluation_rounds.get()
        evaluation_round.lock(coordinator)
        before = dict(MeasureEvaluation.objects.values_list("measure__title", "status"))
        new_plan = create_next_action_plan(year_2025, coordinator)
        assert dict(MeasureEvaluation.objects.values_list("measure__title", "status")) == before
        assert not MeasureEvaluation.objects.filter(moved_to__plan=new_plan).exists()
        links = CarriedMeasure.objects.all()
        assert {link.target.title for link in links} == UNFINISHED
        assert not any(link.evaluation_moved for link in links)
        assert {link.source_status for link in links} == {"partly", "in_progress", "not_done", ""}

    def test_a_year_with_no_evaluations_carries_everything(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, [None, None])
        evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
        new_plan = create_next_action_plan(plan, coordinator)
        assert CarriedMeasure.objects.filter(target__plan=new_plan).count() == 2
        # The open year now says where they went.
        assert set(evaluation_round.evaluations.values_list("status", flat=True)) == {"moved"}

    def test_without_an_evaluation_round_everything_goes_and_nothing_is_evaluated(self, coordinator, midterm,
                                                                                  group_a):
        plan = action_plan(midterm, 2025, group_a, [None, None])
        new_plan = create_next_action_plan(plan, coordinator)
        links = CarriedMeasure.objects.filter(target__plan=new_plan)
        assert links.count() == 2
        assert {(link.year, link.evaluation_moved) for link in links} == {(2025, False)}
        assert not MeasureEvaluation.objects.exists()

    def test_indicators_go_along_and_a_measure_without_any_goes_too(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, [None])
        bare = MeasureFactory(goal=plan.goals.get(), title="Bez indikátorů", year_from=2025, year_to=2025)
        with_indicator = plan.measures.exclude(pk=bare.pk).get()
        new_plan = create_next_action_plan(plan, coordinator)
        assert not by_title(new_plan, "Bez indikátorů").indicators.exists()
        copied = by_title(new_plan, with_indicator.title).indicators.get()
        assert (copied.name, copied.unit, copied.baseline, copied.target) == ("Počet klientů", "osob", 10, 25)

    def test_a_measure_of_weight_zero_goes_forward_with_its_weight(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, ["in_progress"])
        measure = plan.measures.get()
        measure.weight = 0
        measure.save()
        evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
        evaluate(evaluation_round, measure, "in_progress")
        new_plan = create_next_action_plan(plan, coordinator)
        assert by_title(new_plan, measure.title).weight == Decimal(0)

    def test_only_unfinished_activities_go_and_they_say_moved(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, ["partly"])
        measure = plan.measures.get()
        done = ActivityFactory(measure=measure, title="Hotová aktivita", timeframe="2025")
        open_ = ActivityFactory(measure=measure, title="Rozpracovaná aktivita", timeframe="2. pololetí 2025")
        silent = ActivityFactory(measure=measure, title="Nehodnocená aktivita")
        evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
        evaluation = evaluate(evaluation_round, measure, "partly")
        ActivityEvaluation.objects.create(evaluation=evaluation, activity=done, status="done")
        ActivityEvaluation.objects.create(evaluation=evaluation, activity=open_, status="in_progress")
        new_plan = create_next_action_plan(plan, coordinator)
        copy = by_title(new_plan, measure.title)
        assert list(copy.activities.values_list("title", "timeframe", "code")) == [
            ("Rozpracovaná aktivita", "", "1.1.1.1"), ("Nehodnocená aktivita", "", "1.1.1.2")]
        assert {link.source for link in CarriedActivity.objects.all()} == {open_, silent}
        assert dict(evaluation.activity_evaluations.values_list("activity__title", "status")) == {
            "Hotová aktivita": "done", "Rozpracovaná aktivita": "moved", "Nehodnocená aktivita": "moved"}

    def test_a_fulfilled_measure_leaves_its_activities_behind(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, ["done"])
        ActivityFactory(measure=plan.measures.get())
        evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
        evaluate(evaluation_round, plan.measures.get(), "done")
        new_plan = create_next_action_plan(plan, coordinator)
        assert not CarriedMeasure.objects.exists()
        assert not CarriedActivity.objects.exists()
        # The midterm measure still runs in 2026: it comes into the new plan fresh, its activities unlinked.
        assert new_plan.measures.filter(implements__group=group_a).count() == 1

    def test_a_second_time_is_refused_with_the_existing_plan_named(self, coordinator, year_2025):
        new_plan = create_next_action_plan(year_2025, coordinator)
        with pytest.raises(ValidationError) as refused:
            create_next_action_plan(year_2025, coordinator)
        assert refused.value.messages == [_("The action plan for %(year)s exists already: %(plan)s.") % {
            "year": 2026, "plan": new_plan.title}]
        assert Plan.objects.filter(kind="action").count() == 2
        assert CarriedMeasure.objects.count() == 4

    def test_no_year_after_the_midterm_plan(self, coordinator, midterm, group_a):
        last = action_plan(midterm, 2027, group_a, [None])
        with pytest.raises(ValidationError) as refused:
            create_next_action_plan(last, coordinator)
        assert "2028" in refused.value.messages[0]
        assert not Plan.objects.filter(year_from=2028).exists()

    def test_the_first_action_plan_from_the_midterm_plan(self, coordinator, midterm, measure_a, measure_b):
        ActivityFactory(measure=measure_a, title="Aktivita střednědobého plánu")
        new_plan = create_next_action_plan(midterm, coordinator)
        assert (new_plan.year_from, new_plan.title) == (2025, _("Action plan %(year)s") % {"year": 2025})
        assert set(new_plan.measures.values_list("implements", flat=True)) == {measure_a.pk, measure_b.pk}
        assert new_plan.measures.get(implements=measure_a).activities.get().title == "Aktivita střednědobého plánu"
        assert not CarriedMeasure.objects.exists()
        assert new_plan.goals.count() == 2  # one per working group, as in the midterm plan

    def test_from_the_midterm_plan_the_next_year_follows_its_latest_action_plan(self, coordinator, year_2025):
        assert preview_next_action_plan(year_2025.midterm_plan).year_from == 2026
        assert preview_next_action_plan(year_2025.midterm_plan).source_plan == year_2025


@pytest.fixture
def cycle(midterm, coordinator, group_a, group_b):
    """The midterm plan 2025–2027 with action plans 2025 (locked: one measure fulfilled, one partly at
    50 %) and 2026 (open: one in progress, one fulfilled)."""
    first = action_plan(midterm, 2025, group_a, ["done", "partly"])
    first_round = EvaluationRound.objects.create(plan=first, year=2025, deadline="2026-01-31")
    evaluate(first_round, by_title(first, "Opatření done"), "done")
    evaluate(first_round, by_title(first, "Opatření partly"), "partly", fulfilment=50)
    first_round.lock(coordinator)
    second = action_plan(midterm, 2026, group_b, ["in_progress", "done"])
    second_round = EvaluationRound.objects.create(plan=second, year=2026, deadline="2027-01-31")
    evaluate(second_round, by_title(second, "Opatření in_progress"), "in_progress")
    evaluate(second_round, by_title(second, "Opatření done"), "done")
    return first, second


class TestNextMidtermPlan:
    def test_it_follows_the_previous_plan_with_its_evaluation_and_unfinished_measures(self, coordinator, midterm,
                                                                                     cycle):
        first, second = cycle
        new_plan = start_next_midterm_plan(midterm, coordinator)
        assert (new_plan.kind, new_plan.status, new_plan.phase, new_plan.supersedes) == (
            "midterm", "draft", "preparatory", midterm)
        assert (new_plan.year_from, new_plan.year_to) == (2028, 2030)
        assert new_plan.title == "Střednědobý plán rozvoje sociálních služeb na Lipovecku 2028–2030"
        chapter = new_plan.chapters.get()
        assert (chapter.position, chapter.kind, chapter.title) == (1, Chapter.Kind.EVALUATION,
                                                                   _("Evaluation of the previous plan"))
        assert "## 2025: Akční plán 2025" in chapter.body
        assert "75 %" in chapter.body  # (100 + 50) / 2
        assert "| 1 Dostupné služby pro seniory a rodiny | 75 % | 2/2 |" in chapter.body
        assert "2026" not in chapter.body.split("\n", 2)[2]  # the open year is not final
        # The last evaluated year is 2026: its unfinished measure goes forward, marked moved there.
        link = CarriedMeasure.objects.get()
        assert (link.source, link.target.plan, link.target.implements, link.evaluation_moved) == (
            by_title(second, "Opatření in_progress"), new_plan, None, True)
        assert MeasureEvaluation.objects.get(measure=link.source).moved_to == link.target
        assert ActionLog.objects.filter(action="plan.start_next_midterm_plan", object_id=new_plan.pk).exists()

    def test_the_next_plans_cover_the_same_area(self, coordinator, midterm, measure_a):
        orp = TerritoryFactory(name="Lipovec", kind=Territory.Kind.ORP, code="9901")
        union = TerritoryFactory(name="Svazek obcí Pod Kateřinou", kind=Territory.Kind.DSO, code="")
        midterm.territories.set([orp])
        midterm.excluded_territories.set([union])
        for new_plan in (create_next_action_plan(midterm, coordinator), start_next_midterm_plan(midterm, coordinator)):
            assert (list(new_plan.territories.all()), list(new_plan.excluded_territories.all())) == ([orp], [union])

    def test_a_second_time_is_refused(self, coordinator, midterm, cycle):
        new_plan = start_next_midterm_plan(midterm, coordinator)
        with pytest.raises(ValidationError) as refused:
            start_next_midterm_plan(midterm, coordinator)
        assert new_plan.title in refused.value.messages[0]
        assert Plan.objects.filter(supersedes=midterm).count() == 1

    def test_a_plan_never_evaluated_carries_nothing_and_says_so(self, coordinator, midterm):
        new_plan = start_next_midterm_plan(midterm, coordinator)
        assert not new_plan.measures.exists()
        assert _("No year of the plan has a locked evaluation.") in new_plan.chapters.get().body

    def test_the_evaluation_without_figures_says_not_evaluated(self, coordinator, midterm, group_a):
        plan = action_plan(midterm, 2025, group_a, ["cancelled"])
        evaluation_round = EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")
        evaluate(evaluation_round, plan.measures.get(), "cancelled")
        evaluation_round.lock(coordinator)
        assert _("Overall fulfilment: %(fulfilment)s (%(evaluated)s of %(base)s measures with a figure).") % {
            "fulfilment": _("not evaluated"), "evaluated": 0, "base": 0} in final_evaluation(midterm)


class TestPages:
    def test_the_workspace_offers_the_next_cycle_to_the_coordinator_only(self, client_as, coordinator, member_a,
                                                                          year_2025, midterm):
        client = client_as(coordinator)
        workspace = page_text(client.get(reverse("planning:workspace", args=[year_2025.slug])))
        assert reverse("planning:next_action_plan", args=[year_2025.slug]) in workspace
        assert reverse("planning:next_midterm_plan", args=[year_2025.slug]) not in workspace  # an action plan
        midterm_page = page_text(client.get(reverse("planning:workspace", args=[midterm.slug])))
        assert reverse("planning:next_midterm_plan", args=[midterm.slug]) in midterm_page
        member_page = page_text(client_as(member_a).get(reverse("planning:workspace", args=[midterm.slug])))
        assert reverse("planning:next_midterm_plan", args=[midterm.slug]) not in member_page

    def test_the_action_plan_is_confirmed_with_counts_then_made(self, client_as, coordinator, year_2025):
        client = client_as(coordinator)
        url = reverse("planning:next_action_plan", args=[year_2025.slug])
        confirm = open_form(client, url)
        assert confirm.context["result"].year_from == 2026
        text = page_text(confirm)
        assert 'id="carried-count">4<' in text
        assert 'id="from-midterm-count">1<' in text  # group B's midterm measure
        assert "Opatření partly" in text
        assert "Opatření done" not in text
        assert Plan.objects.filter(year_from=2026).count() == 0  # looking changes nothing
        response = client.post(url)
        new_plan = Plan.objects.get(kind="action", year_from=2026)
        assert response["Location"] == reverse("planning:workspace", args=[new_plan.slug])
        followed = page_text(client.get(response["Location"]))
        assert new_plan.title in followed
        again = client.get(url)
        assert again.context["problems"]
        assert new_plan.title in page_text(again)
        assert 'type="submit" class="btn btn-primary"' not in page_text(again)
        refused = client.post(url)
        assert refused.status_code == 400
        assert Plan.objects.filter(kind="action", year_from=2026).count() == 1

    def test_the_next_midterm_plan_is_confirmed_then_started(self, client_as, coordinator, midterm, cycle):
        client = client_as(coordinator)
        url = reverse("planning:next_midterm_plan", args=[midterm.slug])
        confirm = open_form(client, url)
        assert confirm.context["result"].period == "2028–2030"
        assert 'id="carried-count">1<' in page_text(confirm)
        response = client.post(url)
        new_plan = Plan.objects.get(supersedes=midterm)
        assert response["Location"] == reverse("planning:workspace", args=[new_plan.slug])
        assert client.post(url).status_code == 400

    def test_an_action_plan_has_no_next_midterm_plan_page(self, client_as, coordinator, year_2025):
        client = client_as(coordinator)
        assert client.get(reverse("planning:next_midterm_plan", args=[year_2025.slug])).status_code == 404


def lineage_text(client, measure):
    response = client.get(measure.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    start = text.find('id="lineage-heading"')
    return text[start:text.find("</section>", start)] if start >= 0 else ""


class TestLineage:
    def test_the_midterm_measure_shows_its_action_plans_their_activities_and_locked_years(
            self, client, client_as, coordinator, year_2025, measure_a):
        partly = by_title(year_2025, "Opatření partly")
        ActivityFactory(measure=partly, title="Terénní služba o víkendech")
        year_2025.evaluation_rounds.get().lock(coordinator)
        next_plan = create_next_action_plan(year_2025, coordinator)  # a draft
        public = lineage_text(client, measure_a)
        assert partly.get_absolute_url() in public
        assert "Terénní služba o víkendech" in public
        assert f"2025: {PARTLY} (40 %)" in public
        assert next_plan.title not in public  # a draft is for staff
        staff = lineage_text(client_as(coordinator), measure_a)
        assert by_title(next_plan, "Opatření partly").get_absolute_url() in staff
        client.logout()
        next_plan.status = Plan.Status.IN_FORCE
        next_plan.save()
        carried = by_title(next_plan, "Opatření partly")
        page = lineage_text(client, carried)
        assert measure_a.get_absolute_url() in page  # the midterm measure it carries out
        assert partly.get_absolute_url() in page
        assert _("carried forward from %(code)s of %(plan)s, unfinished in %(year)s") % {
            "code": partly.code, "plan": year_2025.title, "year": 2025} in page

    def test_an_open_year_is_for_staff_only(self, client, client_as, coordinator, year_2025, measure_a):
        assert "2025:" not in lineage_text(client, measure_a)
        staff = lineage_text(client_as(coordinator), measure_a)
        assert f"2025: {PARTLY} (40 %)" in staff
        assert _("year not locked yet") in staff

    def test_a_measure_carried_into_the_next_midterm_plan_names_its_successor(self, client, coordinator, midterm,
                                                                              cycle):
        first, second = cycle
        new_plan = start_next_midterm_plan(midterm, coordinator)
        source = by_title(second, "Opatření in_progress")
        successor = CarriedMeasure.objects.get(source=source).target
        assert successor.get_absolute_url() not in lineage_text(client, source)  # the new plan is a draft
        new_plan.status = Plan.Status.COMMENTS
        new_plan.save()
        assert successor.get_absolute_url() in lineage_text(client, source)
        assert source.get_absolute_url() in lineage_text(client, successor)  # and it knows where it came from

    def test_a_measure_alone_shows_no_lineage(self, client, midterm, measure_a):
        assert 'id="lineage-heading"' not in page_text(client.get(measure_a.get_absolute_url()))

    def test_the_queries_do_not_grow_with_the_chain(self, client, coordinator, midterm, measure_a, group_a):
        action = action_plan(midterm, 2025, group_a, [])
        evaluation_round = EvaluationRound.objects.create(plan=action, year=2025, deadline="2026-01-31")
        later = PlanFactory(title="Střednědobý plán 2028–2030", slug="sp-2028", year_from=2028, year_to=2030,
                            supersedes=midterm, status=Plan.Status.COMMENTS)
        later_goal = GoalFactory(priority=PriorityFactory(plan=later), group=group_a)

        def add(count):
            for _index in range(count):
                measure = MeasureFactory(goal=action.goals.get(), implements=measure_a, year_from=2025,
                                         year_to=2025)
                ActivityFactory(measure=measure)
                evaluate(evaluation_round, measure, "partly", fulfilment=50)
                CarriedMeasure.objects.create(source=measure, target=MeasureFactory(goal=later_goal), year=2025)

        def lock():
            EvaluationRound.objects.filter(pk=evaluation_round.pk).update(locked_at="2026-02-01T10:00Z")

        lock()
        assert_queries_do_not_grow(lambda: client.get(measure_a.get_absolute_url()), add)
        assert f"2025: {PARTLY} (50 %)" in lineage_text(client, measure_a)
