"""Questionnaires: built by the coordinator in the admin, answered anonymously by anyone while open,
counted per question for the results page, its CSV and other pages."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

from planning.models import Answer, Question, Questionnaire, Response
from planning.questionnaires import results_for, results_of
from tests.helpers import admin_form_data, open_form, page_text


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def cs(text):
    with translation.override("cs"):
        return translation.gettext(text)


@pytest.fixture
def questionnaire(db):
    now = timezone.now()
    questionnaire = Questionnaire.objects.create(
        title="Potřeby seniorů 2026", slug="seniori-2026", audience=Questionnaire.Audience.USERS,
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7), intro="Dotazník je anonymní.",
    )
    Question.objects.create(questionnaire=questionnaire, position=1, kind=Question.Kind.SINGLE,
                            text="Využíváte pečovatelskou službu?", options="Ano\nNe\nNevím")
    Question.objects.create(questionnaire=questionnaire, position=2, kind=Question.Kind.MULTIPLE,
                            text="Co vám chybí?", options="Doprava\nObědy\nOdlehčovací služba", required=False)
    Question.objects.create(questionnaire=questionnaire, position=3, kind=Question.Kind.SCALE,
                            text="Jak jste spokojeni se službami?")
    Question.objects.create(questionnaire=questionnaire, position=4, kind=Question.Kind.TEXT,
                            text="Co byste vzkázali?", required=False)
    return questionnaire


def questions(questionnaire):
    return {question.kind: f"otazka-{question.pk}" for question in questionnaire.questions.all()}


def form_url(questionnaire):
    return reverse("planning:questionnaire_detail", args=[questionnaire.slug])


def form_data(client, questionnaire, website="", **answers):
    """What a visitor sends: the form's hidden fields, and answers by question kind."""
    form = client.get(form_url(questionnaire)).context["form"]
    names = questions(questionnaire)
    data = {"started": form["started"].value(), "website": website}
    defaults = {"single": "Ano", "multiple": ["Doprava", "Obědy"], "scale": "4", "text": "Díky za dotazník."}
    for kind, value in {**defaults, **answers}.items():
        if value is not None:
            data[names[kind]] = value
    return data


def answer(questionnaire, single=None, multiple=(), value=None, text=""):
    by_kind = {question.kind: question for question in questionnaire.questions.all()}
    rows = []
    if single:
        rows.append(Answer(question=by_kind["single"], choice=single))
    rows += [Answer(question=by_kind["multiple"], choice=option) for option in multiple]
    if value:
        rows.append(Answer(question=by_kind["scale"], value=value))
    if text:
        rows.append(Answer(question=by_kind["text"], text=text))
    # Filed as Response.submit files them, but also into a closed questionnaire (for its results).
    response = Response.objects.create(questionnaire=questionnaire)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def close(questionnaire):
    questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
    questionnaire.save(update_fields=["closes_at"])


# --- the form -------------------------------------------------------------------------------------

def test_anyone_answers_every_kind_of_question_anonymously(client, questionnaire):
    response = client.post(form_url(questionnaire), form_data(client, questionnaire))
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:questionnaire_thanks", args=[questionnaire.slug])
    filed = Response.objects.get()
    assert sorted((a.question.kind, a.choice, a.value, a.text) for a in filed.answers.select_related("question")) == [
        ("multiple", "Doprava", None, ""), ("multiple", "Obědy", None, ""), ("scale", "", 4, ""),
        ("single", "Ano", None, ""), ("text", "", None, "Díky za dotazník."),
    ]
    # Nothing about who answered: a response has no field for it.
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "questionnaire", "submitted_at"}
    assert client.get(response["Location"]).status_code == 200


def test_the_form_groups_choices_in_fieldsets_with_legends(client, questionnaire):
    response = open_form(client, form_url(questionnaire), fields=questions(questionnaire).values())
    html = response.content.decode()
    assert html.count("<fieldset") >= 3  # single, multiple and scale
    assert "<legend" in html
    assert "Využíváte pečovatelskou službu?" in html
    assert 'name="website"' in html  # the honeypot


def test_optional_questions_may_stay_unanswered(client, questionnaire):
    response = client.post(form_url(questionnaire), form_data(client, questionnaire, multiple=None, text=None))
    assert response.status_code == 302
    assert Answer.objects.count() == 2


@pytest.mark.parametrize(("answers", "kind"), [
    ({"single": None}, "single"),  # required and unanswered
    ({"single": "Možná"}, "single"),  # not one of the options
    ({"multiple": ["Doprava", "Kino"]}, "multiple"),
    ({"scale": "7"}, "scale"),
    ({"scale": "x"}, "scale"),
    ({"text": "x" * 5001}, "text"),
])
def test_bad_answers_are_explained_next_to_the_question_and_nothing_is_lost(client, questionnaire, answers, kind):
    data = form_data(client, questionnaire, **{"text": "Můj dlouhý vzkaz", **answers})
    response = client.post(form_url(questionnaire), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == [questions(questionnaire)[kind]]
    assert not Response.objects.exists()
    html = page_text(response)
    if kind != "text":
        assert "Můj dlouhý vzkaz" in html
    if kind != "single":
        assert re.search(r'value="Ano"[^>]*checked', html)


def test_a_robot_filling_the_honeypot_is_refused(client, questionnaire):
    response = client.post(form_url(questionnaire), form_data(client, questionnaire, website="http://spam"))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_form_sent_too_quickly_is_refused_and_keeps_the_answers(client, questionnaire, settings):
    data = form_data(client, questionnaire)
    settings.PUBLIC_FORM_MIN_SECONDS = 60
    response = client.post(form_url(questionnaire), data)
    assert response.status_code == 400
    assert "Díky za dotazník." in page_text(response)
    assert not Response.objects.exists()


def test_a_form_is_accepted_once(client, questionnaire):
    data = form_data(client, questionnaire)
    assert client.post(form_url(questionnaire), data).status_code == 302
    assert client.post(form_url(questionnaire), data).status_code == 400
    assert Response.objects.count() == 1


def test_the_hourly_limit_applies(client, questionnaire, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
    for _number in range(2):
        assert client.post(form_url(questionnaire), form_data(client, questionnaire)).status_code == 302
    response = client.post(form_url(questionnaire), form_data(client, questionnaire))
    assert response.status_code == 429


def test_before_it_opens_the_page_says_when(client, questionnaire):
    questionnaire.opens_at = timezone.now() + timedelta(days=2)
    questionnaire.save()
    response = client.get(form_url(questionnaire))
    assert response.status_code == 200
    assert response.context["is_open"] is False
    assert b'name="otazka-' not in response.content
    assert questionnaire not in client.get(reverse("planning:questionnaire_list")).context["open_questionnaires"]


def test_after_it_closes_answers_are_refused_and_the_results_linked(client, questionnaire):
    data = form_data(client, questionnaire)
    close(questionnaire)
    response = client.post(form_url(questionnaire), data)
    assert response.status_code == 400
    assert not Response.objects.exists()
    page = client.get(form_url(questionnaire))
    assert questionnaire.get_results_url() in page.content.decode()
    assert b'name="otazka-' not in page.content


def test_is_open_follows_the_clock(questionnaire):
    assert questionnaire.is_open()
    assert not questionnaire.is_open(questionnaire.opens_at - timedelta(seconds=1))
    assert questionnaire.is_open(questionnaire.opens_at)
    assert not questionnaire.is_open(questionnaire.closes_at)


def test_the_list_shows_open_and_closed_ones(client, questionnaire):
    closed = Questionnaire.objects.create(title="Starý dotazník", slug="stary", opens_at=timezone.now() - timedelta(
        days=30), closes_at=timezone.now() - timedelta(days=1))
    response = client.get(reverse("planning:questionnaire_list"))
    assert response.context["open_questionnaires"] == [questionnaire]
    assert response.context["closed_questionnaires"] == [closed]
    assert closed.get_results_url() in response.content.decode()


# --- results --------------------------------------------------------------------------------------

def test_results_count_shares_and_mean(questionnaire):
    answer(questionnaire, "Ano", ["Doprava"], 5, "Díky")
    answer(questionnaire, "Ano", ["Doprava", "Obědy"], 4)
    answer(questionnaire, "Ne", [], 2)
    answer(questionnaire, "Ano")
    results = results_of(questionnaire)
    single, multiple, scale, text = results.questions
    assert results.respondents == 4
    assert [(o.label, o.count, o.share) for o in single.options] == [("Ano", 3, 75.0), ("Ne", 1, 25.0),
                                                                      ("Nevím", 0, 0.0)]
    assert multiple.answered == 2
    assert [(o.label, o.count, o.share) for o in multiple.options] == [
        ("Doprava", 2, 100.0), ("Obědy", 1, 50.0), ("Odlehčovací služba", 0, 0.0)]
    assert scale.answered == 3
    assert [o.count for o in scale.options] == [0, 1, 0, 1, 1]
    assert scale.mean == pytest.approx(3.67)
    assert (text.answered, text.texts) == (1, [])  # free answers only when asked for
    assert results_of(questionnaire, with_texts=True).questions[3].texts == ["Díky"]
    assert 'role="img"' in str(single.chart)


def test_a_question_without_answers_and_an_empty_questionnaire(questionnaire):
    results = results_of(questionnaire)
    assert results.respondents == 0
    single, _multiple, scale, _text = results.questions
    assert [(o.count, o.share) for o in single.options] == [(0, None)] * 3
    assert scale.mean is None
    empty = Questionnaire.objects.create(title="Prázdný", slug="prazdny", opens_at=timezone.now(),
                                         closes_at=timezone.now() + timedelta(days=1))
    assert results_of(empty).questions == []


def test_results_of_several_questionnaires_keep_each_ones_own_counts(questionnaire, django_assert_num_queries):
    answer(questionnaire, "Ano", ["Doprava"], 5)
    answer(questionnaire, "Ne", [], 1)
    other = Questionnaire.objects.create(title="Jiný", slug="jiny", opens_at=timezone.now() - timedelta(days=1),
                                         closes_at=timezone.now() + timedelta(days=1))
    Question.objects.create(questionnaire=other, position=1, kind=Question.Kind.SCALE, text="Hodnocení")
    answer(other, value=2)
    annotated = Questionnaire.objects.annotate(respondent_count=Count("responses")).order_by("pk")
    with django_assert_num_queries(4):  # the questionnaires, questions, answered, counts
        mine, theirs = results_for(annotated)
    assert (mine.questionnaire, mine.respondents, theirs.questionnaire, theirs.respondents) == (
        questionnaire, 2, other, 1)
    assert [question.question.text for question in theirs.questions] == ["Hodnocení"]
    assert theirs.questions[0].mean == 2
    assert mine.questions[2].mean == 3


def test_results_are_public_only_once_closed_but_the_coordinator_sees_them_always(client, questionnaire,
                                                                                   coordinator):
    url = questionnaire.get_results_url()
    assert client.get(url).status_code == 404
    assert client.get(reverse("planning:questionnaire_csv", args=[questionnaire.slug])).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.logout()
    close(questionnaire)
    assert client.get(url).status_code == 200


def test_free_answers_are_shown_to_the_coordinator_only(client, questionnaire, coordinator):
    answer(questionnaire, "Ano", text="Paní Nováková z pečovatelské služby je skvělá.")
    close(questionnaire)
    url = questionnaire.get_results_url()
    assert "Paní Nováková" not in page_text(client.get(url))
    client.force_login(coordinator)
    assert "Paní Nováková" in page_text(client.get(url))


def test_the_results_page_has_charts_with_tables(client, questionnaire):
    answer(questionnaire, "Ano", ["Doprava"], 5)
    close(questionnaire)
    html = client.get(questionnaire.get_results_url()).content.decode()
    assert html.count('role="img"') == 3
    assert html.count("<caption>") == 3
    assert "<title" in html


def test_the_csv_counts_and_defuses_formulas(client, questionnaire, coordinator):
    option = questionnaire.questions.get(kind="single")
    option.options = "=HYPERLINK(\"http://zle.example\")\nNe"
    option.save()
    answer(questionnaire, '=HYPERLINK("http://zle.example")', value=3, text="=1+1")
    close(questionnaire)
    client.force_login(coordinator)
    response = client.get(reverse("planning:questionnaire_csv", args=[questionnaire.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "'=HYPERLINK(\"http://zle.example\")" in cells
    assert "'=1+1" in cells  # the coordinator's CSV has the free answers
    assert [row for row in rows if row[1] == "Ne"][0][2:4] == ["0", "0"]


def test_pages_run_a_fixed_number_of_queries(client, questionnaire, django_assert_max_num_queries):
    from tests.helpers import assert_queries_do_not_grow

    number = iter(range(100, 1000))

    def add_questions_and_answers(count):
        for _index in range(count):
            position = next(number)
            Question.objects.create(questionnaire=questionnaire, position=position, kind="single",
                                    text=f"Otázka {position}", options="A\nB")
            answer(questionnaire, "Ano", ["Obědy"], 3, "Text")

    close(questionnaire)
    results = questionnaire.get_results_url()
    assert_queries_do_not_grow(lambda: client.get(results), add_questions_and_answers)
    with django_assert_max_num_queries(15):
        client.get(results)
    with django_assert_max_num_queries(15):
        client.get(reverse("planning:questionnaire_list"))
    with django_assert_max_num_queries(15):
        client.get(reverse("planning:questionnaire_csv", args=[questionnaire.slug]))


def test_the_form_page_runs_few_queries(client, questionnaire, django_assert_max_num_queries):
    client.get(form_url(questionnaire))
    with django_assert_max_num_queries(15):
        client.get(form_url(questionnaire))


# --- the admin ------------------------------------------------------------------------------------

def test_the_coordinator_builds_a_questionnaire_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:planning_questionnaire_add")
    response = client.get(url)
    assert response.status_code == 200
    data = admin_form_data(
        response, title="Spokojenost poskytovatelů", slug="poskytovatele", audience="providers",
        opens_at_0="01.03.2027", opens_at_1="08:00", closes_at_0="31.03.2027", closes_at_1="23:59",
        **{"questions-TOTAL_FORMS": "2", "questions-0-position": "1", "questions-0-kind": "single",
           "questions-0-text": "Spolupracujete s obcí?", "questions-0-options": "Ano\nNe", "questions-0-required": "on",
           "questions-1-position": "2", "questions-1-kind": "scale", "questions-1-text": "Jak hodnotíte spolupráci?",
           "questions-1-options": ""},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    questionnaire = Questionnaire.objects.get(slug="poskytovatele")
    assert [q.kind for q in questionnaire.questions.all()] == ["single", "scale"]
    change = client.get(reverse("admin:planning_questionnaire_change", args=[questionnaire.pk]))
    html = change.content.decode()
    assert questionnaire.get_absolute_url() in html
    assert questionnaire.get_results_url() in html
    data = admin_form_data(change, title="Spokojenost poskytovatelů 2027")
    response = client.post(reverse("admin:planning_questionnaire_change", args=[questionnaire.pk]), data)
    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert (questionnaire.title, questionnaire.revision) == ("Spokojenost poskytovatelů 2027", 2)


def test_a_choice_question_needs_options(client, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:planning_questionnaire_add")
    data = admin_form_data(
        client.get(url), title="Dotazník", slug="dotaznik", audience="public",
        opens_at_0="01.03.2027", opens_at_1="08:00", closes_at_0="31.03.2027", closes_at_1="23:59",
        **{"questions-TOTAL_FORMS": "1", "questions-0-position": "1", "questions-0-kind": "multiple",
           "questions-0-text": "Co chybí?", "questions-0-options": "Jen jedna"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Questionnaire.objects.exists()


def test_a_stale_save_in_the_admin_is_refused(client, coordinator, questionnaire):
    client.force_login(coordinator)
    url = reverse("admin:planning_questionnaire_change", args=[questionnaire.pk])
    data = admin_form_data(client.get(url), title="Můj název")
    questionnaire.save_change(coordinator)
    response = client.post(url, data)
    assert response.status_code == 200
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Potřeby seniorů 2026"


def test_questions_are_read_only_once_answered(client, coordinator, questionnaire):
    answer(questionnaire, "Ano")
    client.force_login(coordinator)
    html = client.get(reverse("admin:planning_questionnaire_change", args=[questionnaire.pk])).content.decode()
    assert 'name="questions-0-text"' not in html
    assert "Využíváte pečovatelskou službu?" in html


def test_only_the_coordinator_reaches_the_admin(client, staff_without_role, member_a):
    staff_without_role.user_permissions.add(*__import__("django.contrib.auth.models", fromlist=["Permission"])
                                            .Permission.objects.filter(codename__endswith="_questionnaire"))
    client.force_login(staff_without_role)
    assert client.get(reverse("admin:planning_questionnaire_changelist")).status_code == 403


# --- the plan's page ------------------------------------------------------------------------------

def test_the_plan_page_lists_its_questionnaires_with_public_results(client, questionnaire, world_plan):
    questionnaire.plan = world_plan
    questionnaire.save()
    assert questionnaire.get_results_url() not in client.get(world_plan.get_absolute_url()).content.decode()
    close(questionnaire)
    assert questionnaire.get_results_url() in client.get(world_plan.get_absolute_url()).content.decode()


@pytest.fixture
def world_plan(plan, coordinator):
    plan.transition("open_for_comments", coordinator)
    return plan


def test_the_admins_sign_in_page_answers_the_public(client, db):
    """The admin lists its apps on its sign-in page too: the questionnaires' rule must hold for nobody signed in."""
    assert client.get("/admin/login/?next=/admin/").status_code == 200
