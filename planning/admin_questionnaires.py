"""The coordinator's administration of questionnaires: a questionnaire with its questions inline.

Only the coordinator (kpss.coordinate) reaches it. Once answers came in, the questions are shown
read-only: a changed option or kind would no longer match the answers counted under it.
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kpss.admin import InlineAddLabels, SlugsKeepDashes
from kpss.admin_tracking import RevisionCheckedAdmin
from kpss.permissions import is_coordinator
from planning.models import Question, Questionnaire


class CoordinatorOnly:
    """ModelAdmin mixin: the page is the coordinator's, whatever model permissions an account has."""

    def has_module_permission(self, request):
        return is_coordinator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_coordinator(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request.user) and super().has_delete_permission(request, obj)


def _has_answers(questionnaire):
    return questionnaire is not None and questionnaire.pk and questionnaire.responses.exists()


class QuestionInline(CoordinatorOnly, admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "kind", "text", "options", "required"]
    add_label = _("Add a question")

    def has_add_permission(self, request, obj=None):
        return not _has_answers(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _has_answers(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _has_answers(obj) and super().has_delete_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(CoordinatorOnly, SlugsKeepDashes, InlineAddLabels, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["title", "audience", "plan", "opens_at", "closes_at", "response_count", "links"]
    list_filter = ["audience", "plan"]
    search_fields = ["title"]
    list_select_related = ["plan"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["links"]
    fields = ["title", "slug", "audience", "plan", "intro", "opens_at", "closes_at", "attach_to_report", "links"]
    inlines = [QuestionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_total=Count("responses"))

    @admin.display(description=_("responses"), ordering="response_total")
    def response_count(self, questionnaire):
        return questionnaire.response_total

    @admin.display(description=_("public pages"))
    def links(self, questionnaire):
        if not questionnaire.pk:
            return "–"
        return format_html_join(" · ", '<a href="{}">{}</a>', [
            (questionnaire.get_absolute_url(), _("the public form")),
            (questionnaire.get_results_url(), _("the results")),
            (reverse("planning:questionnaire_csv", args=[questionnaire.slug]), _("the results as CSV")),
        ]) or format_html("–")
