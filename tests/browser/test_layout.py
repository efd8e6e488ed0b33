"""No page scrolls sideways at the widths people use: the admin's plan and measure forms on a 1280 px
screen, a chapter's Markdown table on a 390 px phone; a measure's indicator is wide enough to read."""

import pytest

from planning.models import PlanPhase
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, ActivityFactory, ChapterFactory, IndicatorFactory, PriorityFactory

pytestmark = pytest.mark.browser

LONG = "Senioři mohou co nejdéle žít ve svém domácím prostředí; když to už nejde, najdou kvalitní pobytovou péči."
WIDE_TABLE = """\
| Fáze | Období | Co proběhlo | Kdo se zapojil |
|---|---|---|---|
| analytická | duben–červen 2024 | sociodemografická analýza, analýza poskytovatelů, dotazníkové šetření, SWOT \
| pracovní skupiny, poskytovatelé, uživatelé služeb a jejich rodiny, obce ORP Lipovec |
"""


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_the_admins_plan_and_measure_forms_fit_a_1280_px_screen(page, town, plan, coordinator, measure_a):
    PlanPhase.objects.create(plan=plan, phase="analytical", starts_on="2024-04-01",
                             description="Analýzy, dotazníkové šetření a SWOT pracovních skupin")
    PriorityFactory(plan=plan, title="Samostatný život osob se zdravotním postižením", description=LONG)
    ActivityFactory(measure=measure_a, title="Výběr objektu a projektová dokumentace", responsible="odbor investic",
                    timeframe="2. pololetí 2025")
    sign_in(page, coordinator.username, PASSWORD)
    for path in (f"/admin/planning/plan/{plan.pk}/change/", "/admin/planning/plan/add/",
                 f"/admin/planning/measure/{measure_a.pk}/change/"):
        page.goto(path)
        assert page.viewport_size["width"] == 1280
        assert not scrolls_sideways(page), path
    assert page.problems == []


def test_a_chapters_wide_table_scrolls_in_its_own_box_on_a_phone(mobile_page, town, plan, coordinator):
    ChapterFactory(plan=plan, title="Jak plán vznikal", body=f"## Harmonogram\n\n{WIDE_TABLE}")
    plan.transition("open_for_comments", coordinator)
    mobile_page.goto(plan.get_absolute_url())
    box = mobile_page.locator(".chapter .table-responsive")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")  # the table is wider than the phone
    assert not scrolls_sideways(mobile_page)
    assert_accessible(mobile_page)


def test_the_name_of_an_indicator_fits_its_field(page, town, plan, member_a, measure_a):
    name = "Počet klientů využívajících pečovatelskou službu večer, o víkendech a ve svátcích"
    IndicatorFactory(measure=measure_a, name=name, position=0)
    sign_in(page, member_a.username, PASSWORD)
    page.goto(f"/sprava/plany/{plan.slug}/opatreni/{measure_a.pk}/")
    field = page.locator(f"input[value='{name}']")
    assert field.evaluate("field => field.scrollWidth <= field.clientWidth")
    assert not scrolls_sideways(page)
