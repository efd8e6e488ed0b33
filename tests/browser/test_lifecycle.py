"""A new plan from draft to in force, every step through its own page, as the people who take them.

The coordinator creates the plan in the admin and lays out its priority; a working-group member
writes a goal and a measure on the workspace; the coordinator opens it for comments (the round is
opened on the same page); the public comments; the group settles; the coordinator publishes the
settlement (after a confirmation); the steering group approves; the decisions of the two bodies
that approve the plan (named in the admin) are recorded, the last one approving the plan; the plan
is put in force. Each page is opened, checked with axe where it is a new page type, and
its form sent; nothing is done behind the pages except time passing (a round's deadline).
"""

import datetime
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from planning.models import CommentRound, Plan
from tests.browser.conftest import assert_accessible, open_page, sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0  # the fill time has its own tests


def take_step(page, plan_slug, label, fields=None):
    """Open the workspace, follow the step's button, check the page, fill its form and send it."""
    page.goto(f"/sprava/plany/{plan_slug}/")
    page.get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    assert_accessible(page)
    for name, value in (fields or {}).items():
        field = page.locator(f"#id_{name}")
        expect(field).to_have_attribute("id", f"id_{name}")
        assert page.locator(f'label[for="id_{name}"]').count() == 1  # each field has its label
        field.fill(value)
    page.get_by_role("button", name=label).click()
    expect(page.locator(".alert-success")).to_contain_text("Hotovo")


def test_a_new_plan_goes_from_draft_to_in_force_through_the_pages(
    browser, server, page, town, coordinator, member_a, steering_member, group_a,
):
    # The coordinator creates the plan in the admin: title, years, a chapter and a priority.
    sign_in(page, coordinator.username, PASSWORD)
    page.goto("/admin/planning/plan/add/")
    page.locator("#id_slug").fill("sp-2028-2030")  # first: the admin then leaves it as typed
    page.locator("#id_title").fill("Střednědobý plán rozvoje sociálních služeb 2028–2030")
    page.locator("#id_year_from").fill("2028")
    page.locator("#id_year_to").fill("2030")
    page.locator("#chapters-group .add-row a").click()
    page.locator("#id_chapters-0-title").fill("Úvod")
    page.locator("#id_chapters-0-body").fill("Plán navazuje na plán 2025–2027.")
    page.locator("#priorities-group .add-row a").click()
    page.locator("#id_priorities-0-title").fill("Dostupné služby pro seniory")
    for index, (name, kind) in enumerate([("Zastupitelstvo města Lipovec", "council"),
                                          ("Valná hromada Mikroregionu Úhlava", "assembly")]):
        page.locator("#approving_bodies-group .add-row a").click()
        page.locator(f"#id_approving_bodies-{index}-name").fill(name)
        page.locator(f"#id_approving_bodies-{index}-kind").select_option(kind)
    page.get_by_role("button", name="Uložit", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("byla úspěšně přidána")
    plan = Plan.objects.get(slug="sp-2028-2030")
    assert plan.status == Plan.Status.DRAFT

    # A member of group A writes a goal and a measure on the workspace.
    member_context, member = open_page(browser, server)
    sign_in(member, member_a.username, PASSWORD)
    member.goto(f"/sprava/plany/{plan.slug}/")
    member.get_by_role("link", name="Přidat cíl").click()
    member.get_by_label("Pracovní skupina").select_option(label=group_a.name)
    member.locator("#id_title").fill("Posílit terénní služby")
    expect(member.get_by_label("Priorita")).to_have_value(str(plan.priorities.get().pk))  # the only one
    member.get_by_role("button", name="Uložit").click()
    member.get_by_role("link", name="Přidat opatření k tomuto cíli").click()
    member.locator("#id_title").fill("Rozšířit pečovatelskou službu o víkendy")
    member.locator("#id_indicators-0-name").fill("Počet klientů o víkendu")
    member.locator("#id_indicators-0-unit").fill("osob")
    member.locator("#id_indicators-0-target").fill("25,5")
    member.get_by_role("button", name="Uložit").click()
    expect(member.locator(".alert-success")).to_contain_text("Uloženo")
    measure = plan.measures.get()
    assert str(measure.indicators.get().target) == "25.50"

    # The coordinator opens it for comments, with the round's window on the same page.
    take_step(page, plan.slug, "Zveřejnit k připomínkám", {
        "round_title": "Připomínky k návrhu plánu 2028–2030",
        "round_intro": "Připomínkovat může kdokoli do konce měsíce.",
    })
    round_ = CommentRound.objects.get(plan=plan)
    assert round_.is_open()

    # The public comments on the measure from its page.
    public_context, public = open_page(browser, server)
    public.goto(measure.get_absolute_url())
    public.get_by_role("link", name="Připomínkovat toto opatření").click()
    public.get_by_role("textbox", name=re.compile(r"^Připomínka\*?$")).fill("Chybí také sobotní odpoledne.")
    public.get_by_label("Jméno a příjmení").fill("Jan Veřejný")
    public.get_by_role("button", name="Odeslat připomínku").click()
    expect(public.locator(".alert-success")).to_contain_text(f"{round_.pk}/001")

    # The deadline passes; comments are closed and the coordinator assigns the comment to group A.
    CommentRound.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    take_step(page, plan.slug, "Ukončit připomínkování a začít vypořádání")
    page.goto(f"/sprava/pripominky/{round_.pk}/")
    page.get_by_label(f"Vybrat připomínku {round_.pk}/001").check()
    page.get_by_label("Pracovní skupina").select_option(label=group_a.name)
    page.get_by_role("button", name="Přidělit").click()

    # The member settles it, from what waits for them.
    member.goto("/sprava/")
    member.get_by_role("link", name=f"{round_.pk}/001").click()
    member.get_by_label("Výsledek").select_option("accepted")
    member.get_by_role("button", name="Uložit").click()
    expect(member.locator(".alert-success")).to_contain_text("je vypořádána")

    # The coordinator publishes the settlement, after being told it cannot be undone.
    page.goto("/sprava/")
    page.get_by_role("link", name="Připomínky k návrhu plánu 2028–2030").last.click()
    expect(page.get_by_text("Tento krok nelze vrátit.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Zveřejnit vypořádání").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vypořádání připomínek")

    # The steering group approves, on its own page.
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    steering_context, steering = open_page(browser, server)
    sign_in(steering, steering_member.username, PASSWORD)
    take_step(steering, plan.slug, "Zaznamenat schválení řídící skupinou", {
        "steering_resolution": "ŘS/1/2026", "steering_approved_on": yesterday,
    })

    # The coordinator records the bodies' decisions: a resolution without its number is refused next
    # to the field, keeping what was typed; the council approves, with the extract of its resolution;
    # the assembly's approval then approves the plan.
    page.goto(f"/sprava/plany/{plan.slug}/")
    page.get_by_role("link", name="Zapsat rozhodnutí schvalujících orgánů").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schvalování orgány")
    expect(page.get_by_text("Verze 2: schváleno 0 z 2 orgánů.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Orgán").select_option(label="Zastupitelstvo města Lipovec")
    page.get_by_label("Datum zasedání").fill(yesterday)
    page.get_by_label("Poznámka").fill("Bez připomínek.")
    page.get_by_role("button", name="Zapsat rozhodnutí").click()
    expect(page.locator("#id_resolution_number + .invalid-feedback, #error_1_id_resolution_number").first
           ).to_contain_text("Uveďte číslo usnesení.")
    expect(page.get_by_label("Poznámka")).to_have_value("Bez připomínek.")
    assert_accessible(page)
    page.get_by_label("Číslo usnesení").fill("ZM/3/45/2026")
    page.get_by_label("Výpis z usnesení (PDF)").set_input_files(
        files=[{"name": "usneseni.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}])
    page.get_by_role("button", name="Zapsat rozhodnutí").click()
    expect(page.locator(".alert-success")).to_contain_text("Rozhodnutí je zapsáno")
    expect(page.get_by_text("Verze 2: schváleno 1 z 2 orgánů.")).to_be_visible()
    page.get_by_label("Orgán").select_option(label="Valná hromada Mikroregionu Úhlava")
    page.get_by_label("Číslo usnesení").fill("VH/2/2026")
    page.get_by_label("Datum zasedání").fill(yesterday)
    page.get_by_role("button", name="Zapsat rozhodnutí").click()
    expect(page.locator(".alert-success")).to_contain_text("schváleno schvalujícími orgány")
    expect(page.get_by_label("Číslo usnesení")).to_have_count(0)  # nothing more to record
    take_step(page, plan.slug, "Uvést v platnost", {"valid_from": "2028-01-01", "valid_to": "2030-12-31"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.IN_FORCE
    assert plan.versions.count() == 3

    # The public sees an approved plan that comes into force on 1. 1. 2028.
    public.goto(plan.get_absolute_url())
    expect(public.get_by_text("schválen, platnost teprve nastane").first).to_be_visible()
    expect(public.get_by_role("link", name="ZM/3/45/2026")).to_be_visible()  # the extract of the resolution
    expect(public.get_by_role("row", name=re.compile("Valná hromada Mikroregionu Úhlava"))).to_contain_text("VH/2/2026")
    expect(public.locator("#approval")).to_contain_text("Verze 2: schváleno 2 z 2 orgánů.")
    public.goto("/plany/")
    expect(public.get_by_role("heading", name="Schválené plány, které teprve nabudou platnosti")).to_be_visible()
    for context in (member_context, public_context, steering_context):
        context.close()
    assert page.problems == []
