"""Public pages of questionnaires: the list, the form, the thanks, and the results with their CSV."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kpss.antispam import file_submission, over_limit
from kpss.exports import csv_response
from kpss.permissions import is_coordinator, public
from planning.forms import QuestionnaireForm
from planning.models import Questionnaire, Response
from planning.questionnaires import results_of, results_rows


@public
def questionnaire_list(request):
    """Open questionnaires, and closed ones with their results; those not open yet are not listed."""
    now = timezone.now()
    questionnaires = list(Questionnaire.objects.filter(opens_at__lte=now).select_related("plan"))
    return render(request, "planning/questionnaires/list.html", {
        "open_questionnaires": [q for q in questionnaires if q.is_open(now)],
        "closed_questionnaires": [q for q in questionnaires if q.has_closed(now)],
    })


@public
def questionnaire_detail(request, slug):
    """The questionnaire's form; before it opens and after it closes, the page says so instead."""
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("plan"), slug=slug)
    questions = list(questionnaire.questions.all())
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, questions=questions)
    status = 200
    if request.method == "POST":
        status = 400
        if not questionnaire.is_open():
            form.add_error(None, _("The questionnaire is not open; answers cannot be submitted."))
        elif over_limit(request):
            form.add_error(None, _("Too many forms came from your address in the last hour. Please try again "
                                   "later."))
            status = 429
        elif form.is_valid():
            try:
                # The address's hash is not kept: the answers are anonymous.
                file_submission(request, form, lambda _hashed_ip: Response.submit(questionnaire, form.answers()))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("planning:questionnaire_thanks", slug=questionnaire.slug)
    return render(request, "planning/questionnaires/detail.html", {
        "questionnaire": questionnaire, "form": form, "is_open": questionnaire.is_open(),
    }, status=status)


@public
def questionnaire_thanks(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    return render(request, "planning/questionnaires/thanks.html", {"questionnaire": questionnaire})


def _questionnaire_with_results(user, slug):
    """The questionnaire `slug` if `user` may see its results: the public once it is closed, the
    coordinator always (404 otherwise, as if the results did not exist yet)."""
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("plan"), slug=slug)
    if not (questionnaire.results_are_public() or is_coordinator(user)):
        raise Http404
    return questionnaire


@public
def questionnaire_results(request, slug):
    questionnaire = _questionnaire_with_results(request.user, slug)
    # Free answers may name people or tell of someone's health: the coordinator reads them, the public
    # sees how many there were.
    shows_texts = is_coordinator(request.user)
    return render(request, "planning/questionnaires/results.html", {
        "questionnaire": questionnaire, "results": results_of(questionnaire, with_texts=shows_texts),
        "shows_texts": shows_texts,
    })


@public
def questionnaire_csv(request, slug):
    questionnaire = _questionnaire_with_results(request.user, slug)
    results = results_of(questionnaire, with_texts=is_coordinator(request.user))
    return csv_response(results_rows(results), f"dotaznik-{questionnaire.slug}-vysledky")
