"""A year's evaluation in the browser: the coordinator opens the year, a member of group A evaluates
the group's measure, the coordinator locks the year and publishes the report, and the public
results' chart and table change. axe finds nothing on the evaluation form, the round's overview,
the results page and the report."""

import pytest
from playwright.sync_api import expect

from planning.models import EvaluationRound, MeasureEvaluation
from tests.browser.conftest import assert_accessible, open_page, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_member_evaluates_and_the_coordinator_locks_and_publishes(browser, server, page, town, plan_in_force,
                                                                    coordinator, member_a, measure_a, measure_b):
    # The coordinator opens the year 2025.
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/sprava/vyhodnoceni/")
    assert_accessible(page)
    page.get_by_role("link", name="Otevřít vyhodnocení roku").click()
    page.locator("#id_plan").select_option(label=plan_in_force.title)
    page.locator("#id_year").fill("2025")
    page.locator("#id_deadline").fill("2026-01-31")
    page.get_by_role("button", name="Otevřít").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vyhodnocení roku 2025")
    evaluation_round = EvaluationRound.objects.get()
    MeasureEvaluation.objects.create(round=evaluation_round, measure=measure_b, status="done")

    # The public sees nothing of an open year.
    public_context, public = open_page(browser, server)
    public.goto(f"/plany/{plan_in_force.slug}/vyhodnoceni/")
    expect(public.get_by_role("main")).to_contain_text("Žádný rok tohoto plánu zatím nebyl vyhodnocen")

    # A member of group A evaluates the group's measure, with a mistake first.
    member_context, member = open_page(browser, server)
    sign_in(member, member_a.username, PASSWORD)
    member.goto(f"/sprava/vyhodnoceni/{evaluation_round.pk}/")
    assert_accessible(member)
    member.get_by_role("link", name=f"Vyhodnotit {measure_a.code}").click()
    assert_accessible(member)
    member.locator("#id_status").select_option(label="částečně splněno")
    assert member.locator('label[for="id_status"]').count() == 1
    member.locator("#id_fulfilment").fill("150")
    member.locator("#id_comment").fill("Služba rozšířena o víkendy.")
    member.get_by_role("button", name="Uložit vyhodnocení").click()
    expect(member.locator("#id_fulfilment")).to_have_attribute("aria-invalid", "true")
    expect(member.locator("#id_comment")).to_have_value("Služba rozšířena o víkendy.")
    assert_accessible(member)  # the form with its errors
    member.locator("#id_fulfilment").fill("40")
    member.get_by_role("button", name="Uložit vyhodnocení").click()
    expect(member.get_by_role("alert").or_(member.locator(".alert-success"))).to_contain_text("uloženo")
    assert MeasureEvaluation.objects.get(measure=measure_a).fulfilment == 40

    # The coordinator locks the year (after a confirmation) and publishes the report.
    page.goto(f"/sprava/vyhodnoceni/{evaluation_round.pk}/")
    page.get_by_role("link", name="Uzamknout rok").click()
    assert_accessible(page)
    page.get_by_role("button", name="Uzamknout rok").click()
    expect(page.locator("body")).to_contain_text("Rok 2025 je uzamčen")
    page.get_by_role("link", name="Zpráva za rok").click()
    page.locator("#id_report_intro").fill("Zpráva shrnuje první rok plánu.")
    page.get_by_role("button", name="Uložit").click()
    page.get_by_role("link", name="Zveřejnit zprávu").click()
    page.get_by_role("button", name="Zveřejnit zprávu").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zpráva o plnění za rok 2025")
    assert_accessible(page)

    # The public results now show the year: the plan 70 %, group A's 40 % in the chart and its table.
    public.goto(f"/plany/{plan_in_force.slug}/vyhodnoceni/")
    expect(public.get_by_role("main")).to_contain_text("70\u00a0%")
    groups = public.locator("#groups-heading ~ figure")
    expect(groups.get_by_role("img")).to_have_count(1)
    expect(groups.locator("table")).to_contain_text("40\u00a0%")
    assert_accessible(public)
    public.get_by_role("link", name="Zpráva o plnění").click()
    expect(public.get_by_role("main")).to_contain_text("Zpráva shrnuje první rok plánu.")
    assert public.problems == []
    assert member.problems == []
    public_context.close()
    member_context.close()
