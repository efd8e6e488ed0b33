"""The agenda podnětů: anyone suggests something at any time, and resolved suggestions are listed publicly."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kpss.antispam import file_submission, over_limit
from kpss.permissions import public
from planning.forms import SuggestionForm
from planning.models import Suggestion


@public
def suggestion_list(request):
    """Resolved suggestions the coordinator let be listed, newest first."""
    suggestions = Suggestion.objects.resolved_public().select_related("group").order_by("-number")
    return render(request, "planning/suggestions/list.html", {"suggestions": suggestions})


@public
def suggestion_create(request):
    """The public suggestion form, protected like the comment form; a suggestion is filed in one transaction."""
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        # The limit counts comments too: one address, one budget for all public forms.
        if over_limit(request):
            form.add_error(None, _("Too many submissions came from your address in the last hour. Please try again "
                                   "later, or send your suggestion to the coordinator by e-mail."))
            status = 429
        elif form.is_valid():
            try:
                suggestion = file_submission(request, form, lambda hashed_ip: Suggestion.submit(
                    ip_hash=hashed_ip, **form.suggestion_fields(),
                ))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your suggestion was received under number %(number)s.") % {
                    "number": suggestion.number,
                })
                return redirect("planning:suggestion_list")
    return render(request, "planning/suggestions/form.html", {
        "form": form, "retention_years": max(1, settings.PERSONAL_DATA_RETENTION_DAYS // 365),
    }, status=status)
