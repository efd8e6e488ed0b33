"""The results of a questionnaire, counted per question: what its results page, its CSV, the plan's
page and the evaluation report show.

`results_of(questionnaire)` (and `results_for(questionnaires)`, for several) runs a fixed number of
queries however many questions and answers there are, and returns plain data: per question the
counts and shares of its options (or of the points of the scale, with the mean) and a chart
(kpss.charts). Shares are of the respondents who answered the question; for a multiple choice they
add up to more than 100 %.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from kpss.charts import bar_chart
from kpss.numbers import display_number
from planning.models import Answer, Question, Response
from planning.models.questionnaires import SCALE


@dataclass
class OptionResult:
    label: str
    count: int
    share: float | None  # per cent of those who answered the question, one decimal; None when nobody did

    @property
    def share_display(self):
        return "" if self.share is None else f"{display_number(self.share)}\u00a0%"


@dataclass
class QuestionResult:
    question: Question
    answered: int  # respondents who answered it
    options: list = field(default_factory=list)  # OptionResult, for choices and the scale
    mean: float | None = None  # of the scale, two decimals
    texts: list = field(default_factory=list)  # the free answers, when asked for
    chart: object = None

    @property
    def mean_display(self):
        return display_number(self.mean) if self.mean is not None else ""


@dataclass
class QuestionnaireResults:
    questionnaire: object
    respondents: int
    questions: list


def results_of(questionnaire, with_texts=False):
    """The results of `questionnaire` (see the module's docstring); `with_texts` adds the free-text
    answers, which only the coordinator reads (they may name people or their health)."""
    return results_for([questionnaire], with_texts)[0]


def results_for(questionnaires, with_texts=False):
    """[QuestionnaireResults] of each of `questionnaires`, in the same four queries however many
    there are, three when they come annotated with their `respondent_count`."""
    questionnaires = list(questionnaires)
    if not questionnaires:
        return []
    questions = defaultdict(list)
    for question in Question.objects.filter(questionnaire__in=questionnaires).order_by("position", "pk"):
        questions[question.questionnaire_id].append(question)
    answers = Answer.objects.filter(question__questionnaire__in=questionnaires)
    answered = dict(answers.values_list("question").annotate(n=Count("response", distinct=True)).order_by())
    counts = defaultdict(dict)
    for question_pk, choice, value, n in (
        answers.exclude(question__kind=Question.Kind.TEXT).values_list("question", "choice", "value")
        .annotate(n=Count("pk")).order_by()
    ):
        counts[question_pk][value if value is not None else choice] = n
    texts = defaultdict(list)
    if with_texts:
        for question_pk, text in answers.filter(question__kind=Question.Kind.TEXT).exclude(text="").order_by(
            "response__submitted_at", "pk",
        ).values_list("question", "text"):
            texts[question_pk].append(text)
    if all(hasattr(questionnaire, "respondent_count") for questionnaire in questionnaires):
        respondents = {questionnaire.pk: questionnaire.respondent_count for questionnaire in questionnaires}
    else:
        respondents = dict(Response.objects.filter(questionnaire__in=questionnaires).values_list("questionnaire")
                           .annotate(n=Count("pk")).order_by())
    return [QuestionnaireResults(
        questionnaire=questionnaire,
        respondents=respondents.get(questionnaire.pk, 0),
        questions=[_question_result(question, answered.get(question.pk, 0), counts[question.pk], texts[question.pk])
                   for question in questions[questionnaire.pk]],
    ) for questionnaire in questionnaires]


def _question_result(question, answered, counts, texts):
    result = QuestionResult(question=question, answered=answered, texts=texts)
    if question.kind == Question.Kind.TEXT:
        return result
    keys = list(SCALE) if question.kind == Question.Kind.SCALE else question.choices()
    result.options = [OptionResult(str(key), counts.get(key, 0), _share(counts.get(key, 0), answered))
                      for key in keys]
    if question.kind == Question.Kind.SCALE and answered:
        total = sum(value * n for value, n in counts.items() if value in SCALE)
        result.mean = round(total / sum(n for value, n in counts.items() if value in SCALE), 2)
    result.chart = bar_chart(
        question.text, [(option.label, option.count, option.share_display) for option in result.options],
        maximum=answered or None, value_heading=_("Answers"), notes_heading=_("Share"),
        description=_("Answers to the question, %(answered)s respondents answered it.") % {"answered": answered},
        chart_id=f"question-{question.pk}",
    )
    return result


def _share(count, answered):
    return round(100 * count / answered, 1) if answered else None


def results_rows(results):
    """The results as table rows for a CSV: question, answer, count, share, mean; free answers too
    when the results carry them."""
    yield [_("Question"), _("Answer"), _("Count"), _("Share (%)"), _("Mean")]
    for item in results.questions:
        question = item.question.text
        for option in item.options:
            yield [question, option.label, option.count, display_number(option.share), ""]
        if item.mean is not None:
            yield [question, _("mean of the scale"), item.answered, "", display_number(item.mean)]
        if item.question.kind == Question.Kind.TEXT:
            yield [question, _("answered"), item.answered, "", ""]
            for text in item.texts:
                yield [question, text, "", "", ""]
