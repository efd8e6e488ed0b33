"""The demo town's monitoring: the current midterm plan evaluated for 2025 (locked, its report
published) and for 2026 (in progress: some groups have finished, others not), and a questionnaire
for service users that has closed with its answers. Deterministic, so the demo looks the same on
every machine; run again, it changes nothing."""

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from planning.models import Chapter, EvaluationRound, FundingSource, IndicatorValue, MeasureEvaluation, Plan
from planning.models.questionnaires import Answer, Question, Questionnaire, Response
from planning.monitoring.carry_over import create_next_action_plan
from planning.monitoring.rollup import measures_of_year

PLAN = "sp-2025-2027"

REPORT_INTRO = """\
Zpráva o plnění Střednědobého plánu rozvoje sociálních služeb na Lipovecku za rok 2025 shrnuje, \
jak pracovní skupiny vyhodnotily opatření plánu v jeho prvním roce. Podklady dodali poskytovatelé \
sociálních služeb, odbor sociálních věcí města Lipovec a obce ORP.

Vyhodnocení projednala řídící skupina 12. 2. 2026."""

REPORT_CONCLUSIONS = """\
Většina opatření se v prvním roce plánu rozběhla podle harmonogramu. Zpoždění mají investiční \
opatření, u nichž se čeká na dotační výzvy; ta se přesouvají do akčního plánu na rok 2027.

Řídící skupina doporučuje posílit terénní služby v menších obcích a pokračovat v dotazníkovém \
šetření mezi uživateli služeb."""

COMMENTS = {
    "done": "Opatření bylo splněno v plném rozsahu.",
    "partly": "Opatření se podařilo splnit zčásti, pokračuje v dalším roce.",
    "in_progress": "Realizace probíhá podle harmonogramu.",
    "not_done": "Opatření se nepodařilo zahájit, čeká se na dotační výzvu.",
    "cancelled": "Opatření bylo zrušeno, potřebu pokryla nová registrovaná služba.",
}
# The statuses of 2025, in a mix a real year has: most measures done or under way.
STATUSES_2025 = ["done"] * 5 + ["partly"] * 3 + ["in_progress"] * 3 + ["not_done", "cancelled"]
# In 2026 these groups have finished their evaluation; the others are still at it.
FINISHED_2026 = {"seniori", "rodiny-s-detmi"}

QUESTIONS = [
    (Question.Kind.SINGLE, "Jakou sociální službu využíváte nejčastěji?",
     ["pečovatelská služba", "osobní asistence", "odborné sociální poradenství", "denní stacionář", "jiná"]),
    (Question.Kind.MULTIPLE, "Co by vám pomohlo službu využívat více?",
     ["delší provozní doba", "služba i o víkendech", "lepší dostupnost dopravou", "nižší úhrada",
      "více informací o službě"]),
    (Question.Kind.SCALE, "Jak jste se službou celkově spokojen/a? (1 nejméně, 5 nejvíce)", []),
    (Question.Kind.TEXT, "Co byste ve službách na Lipovecku změnil/a?", []),
]
ACTION_PLAN_2027_INTRO = """\
Akční plán na rok 2027 je posledním akčním plánem Střednědobého plánu rozvoje sociálních služeb na \
Lipovecku na období 2025–2027. Převzal nedokončená opatření akčního plánu na rok 2026 a opatření \
střednědobého plánu, která se v roce 2027 uskuteční; pracovní skupiny je doplňují o odhad nákladů \
a zdroje financování."""

SUGGESTIONS = ["Více terénní pomoci v menších obcích.", "Delší provoz o víkendech.",
               "Lepší informace na webu města.", "Dostupnější odlehčovací služba."]


def seed(log, people):
    plan = Plan.objects.filter(slug=PLAN).first()
    if plan is None or plan.evaluation_rounds.exists():
        log("Vyhodnocení: beze změny")
        return
    coordinator = people["coordinator"]
    sources = list(FundingSource.objects.order_by("order"))
    rng = random.Random(2025)
    year_2025 = EvaluationRound.objects.create(plan=plan, year=2025, deadline=date(2026, 1, 31))
    for measure in measures_of_year(plan, 2025).prefetch_related("indicators"):
        _evaluate(year_2025, measure, rng.choice(STATUSES_2025), rng, sources)
    year_2025.report_intro, year_2025.report_conclusions = REPORT_INTRO, REPORT_CONCLUSIONS
    year_2025.save()
    year_2025.lock(coordinator)
    year_2025.publish_report(coordinator)  # seed_demo renders the PDFs at its end (render_pdfs)

    year_2026 = EvaluationRound.objects.create(plan=plan, year=2026, deadline=date(2027, 1, 31))
    for measure in measures_of_year(plan, 2026).filter(group__slug__in=FINISHED_2026).prefetch_related("indicators"):
        _evaluate(year_2026, measure, rng.choice(["done", "partly", "in_progress"]), rng, sources)
    questionnaire = _questionnaire(plan, rng)
    next_plan = _action_plan_2027(coordinator)
    log(f"Vyhodnocení: rok 2025 uzamčen se zprávou, rok 2026 rozpracován ({year_2026.evaluations.count()} "
        f"z {measures_of_year(plan, 2026).count()} opatření); dotazník „{questionnaire.title}“ s "
        f"{questionnaire.responses.count()} odpověďmi; akční plán 2027 převzal {next_plan.measures.count()} opatření")


def _evaluate(evaluation_round, measure, status, rng, sources):
    fulfilment = {"done": 100, "partly": rng.choice([40, 50, 60, 75]), "in_progress": rng.choice([20, 30, 50]),
                  "not_done": 0, "cancelled": None}[status]
    cost = None
    if measure.annual_cost and status != "cancelled":
        cost = (measure.annual_cost * Decimal(fulfilment or 10) / 100).quantize(Decimal(1000))
    evaluation = MeasureEvaluation.objects.create(
        round=evaluation_round, measure=measure, status=status, fulfilment=fulfilment, actual_cost=cost,
        comment=COMMENTS[status])
    if cost:
        town, grant = sources[0], sources[2]  # the town's budget and the MPSV grant
        share = (cost * Decimal("0.4")).quantize(Decimal(1000))
        evaluation.spending.create(source=town, amount=share)
        evaluation.spending.create(source=grant, amount=cost - share)
    for indicator in measure.indicators.all():
        start = indicator.baseline or Decimal(0)
        reached = Decimal(fulfilment or 0) / 100
        IndicatorValue.objects.create(evaluation=evaluation, indicator=indicator,
                                      actual=(start + (indicator.target - start) * reached).quantize(Decimal("0.1")))


def _questionnaire(plan, rng):
    existing = Questionnaire.objects.filter(slug="spokojenost-2026").first()
    if existing is not None:  # kept from an earlier demo whose plans were removed
        Questionnaire.objects.filter(pk=existing.pk).update(plan=plan)
        return existing
    zone = timezone.get_current_timezone()
    questionnaire = Questionnaire.objects.create(
        title="Spokojenost uživatelů sociálních služeb 2026", slug="spokojenost-2026", plan=plan,
        audience=Questionnaire.Audience.USERS, attach_to_report=True,
        intro="Krátký anonymní dotazník pro uživatele sociálních služeb na Lipovecku. Vyplnění trvá asi 3 minuty.",
        opens_at=datetime.combine(date(2026, 9, 1), time(8), zone),
        closes_at=datetime.combine(date(2026, 10, 31), time(23, 59), zone))
    questions = [Question.objects.create(questionnaire=questionnaire, position=position, kind=kind, text=text,
                                         options="\n".join(options), required=kind != Question.Kind.TEXT)
                 for position, (kind, text, options) in enumerate(QUESTIONS, 1)]
    for number in range(38):
        response = Response.objects.create(questionnaire=questionnaire)
        response.submitted_at = datetime.combine(date(2026, 9, 1 + number % 28), time(9 + number % 8), zone)
        response.save(update_fields=["submitted_at"])
        single, multiple, scale, text = questions
        Answer.objects.create(response=response, question=single, choice=rng.choice(single.choices()))
        for choice in rng.sample(multiple.choices(), rng.randint(1, 3)):
            Answer.objects.create(response=response, question=multiple, choice=choice)
        Answer.objects.create(response=response, question=scale, value=rng.choice([3, 4, 4, 5, 5, 2]))
        if number % 4 == 0:
            Answer.objects.create(response=response, question=text, text=rng.choice(SUGGESTIONS))
    return questionnaire


def _action_plan_2027(coordinator):
    """The draft action plan for 2027, made as the coordinator makes it: carried over from the
    action plan for 2026 and the midterm plan's measures of 2027; the working groups write on."""
    next_plan = create_next_action_plan(Plan.objects.get(slug="ap-2026"), coordinator)
    next_plan.slug = "ap-2027"
    next_plan.summary = "Pracovní návrh akčního plánu na rok 2027; pracovní skupiny ho doplňují do září 2027."
    next_plan.save(update_fields=["slug", "summary"])
    next_plan.chapters.create(kind=Chapter.Kind.INTRODUCTION, position=1, title="Úvod", body=ACTION_PLAN_2027_INTRO)
    return next_plan
