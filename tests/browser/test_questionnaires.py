"""A questionnaire filled in with the keyboard alone, and its form and results checked by axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from planning.models import Answer, Question, Questionnaire
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def cs(text):
    with translation.override("cs"):
        return translation.gettext(text)


def test_a_questionnaire_filled_in_with_the_keyboard(page, town):
    now = timezone.now()
    questionnaire = Questionnaire.objects.create(title="Potřeby seniorů", slug="seniori", opens_at=now - timedelta(
        days=1), closes_at=now + timedelta(days=7))
    Question.objects.create(questionnaire=questionnaire, position=1, kind="single", text="Využíváte službu?",
                            options="Ano\nNe")
    Question.objects.create(questionnaire=questionnaire, position=2, kind="multiple", text="Co chybí?",
                            options="Doprava\nObědy", required=False)
    Question.objects.create(questionnaire=questionnaire, position=3, kind="scale", text="Jak jste spokojeni?")
    Question.objects.create(questionnaire=questionnaire, position=4, kind="text", text="Vzkaz", required=False)

    page.goto(questionnaire.get_absolute_url())
    assert_accessible(page)
    # Only the keyboard: Tab to each group, arrows within radio groups, space to tick.
    page.get_by_role("radio", name="Ano").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the first checkbox
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "Obědy" to the scale
    page.keyboard.press("ArrowRight")  # radio 1 → 2
    page.keyboard.press("ArrowRight")  # → 3
    page.keyboard.press("Tab")
    page.keyboard.type("Díky za dotazník.")
    expect(page.get_by_role("radio", name="Ano")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Doprava")).to_be_checked()
    page.get_by_role("button", name=cs("Send the answers")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(cs("Thank you for your answers"))
    answers = sorted((a.choice, a.value or 0, a.text) for a in Answer.objects.all())
    assert answers == [("", 0, "Díky za dotazník."), ("", 3, ""), ("Ano", 0, ""), ("Doprava", 0, "")]

    questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
    questionnaire.save()
    page.goto(questionnaire.get_results_url())
    expect(page.locator("svg[role=img]")).to_have_count(3)
    assert_accessible(page)
    assert page.problems == []


def test_a_refused_form_is_accessible(page, town):
    now = timezone.now()
    questionnaire = Questionnaire.objects.create(title="Dotazník", slug="dotaznik", opens_at=now - timedelta(days=1),
                                                 closes_at=now + timedelta(days=7))
    Question.objects.create(questionnaire=questionnaire, kind="single", text="Využíváte službu?", options="Ano\nNe")
    page.goto(questionnaire.get_absolute_url())
    page.get_by_role("button", name=cs("Send the answers")).click()
    expect(page.locator(".invalid-feedback, .is-invalid").first).to_be_visible()
    assert_accessible(page)
