"""The coordinator's administration of plans: cycles, chapters, the strategy tree, analyses.

Lifecycle steps are not fields here: they are explicit actions on the plan's workspace page, where
their preconditions are checked and recorded.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kpss.admin import ReadOnlyAdmin
from planning.models import (
    Activity,
    AnalysisDocument,
    Chapter,
    FundingSource,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanPhase,
    PlanVersion,
    Priority,
    SwotItem,
)


class PlanPhaseInline(admin.TabularInline):
    model = PlanPhase
    extra = 0


class ChapterInline(admin.StackedInline):
    model = Chapter
    extra = 0
    fields = ["position", "kind", "title", "body"]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["position", "code", "title", "description"]
    readonly_fields = ["code"]


class AnalysisDocumentInline(admin.StackedInline):
    model = AnalysisDocument
    extra = 0


class RenumberAfterSave:
    """Codes follow positions: renumber the plan after any change in admin."""

    def plan_of(self, obj):
        return obj.plan

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.plan_of(form.instance).renumber()

    def delete_model(self, request, obj):
        plan = self.plan_of(obj)
        super().delete_model(request, obj)
        plan.renumber()


class TrackedAdmin(RenumberAfterSave):
    """Saves from admin move the revision on, so a staff-page editor with an older form is warned."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.revision += 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Plan)
class PlanAdmin(RenumberAfterSave, admin.ModelAdmin):
    list_display = ["title", "kind", "period", "status", "phase", "workspace_link"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["territories"]
    autocomplete_fields = ["midterm_plan", "supersedes"]
    readonly_fields = [
        "status", "steering_resolution", "steering_approved_on", "council_body", "council_resolution_number",
        "council_resolution_date", "valid_from", "valid_to", "workspace_link",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "midterm_plan", "title", "slug", "territories", "year_from", "year_to",
                           "summary", "phase", "supersedes"]}),
        (_("Lifecycle"), {
            "description": _("Lifecycle steps are taken on the plan's workspace page, which checks and records them."),
            "fields": ["workspace_link", "status", "steering_resolution", "steering_approved_on", "council_body",
                       "council_resolution_number", "council_resolution_date", "valid_from", "valid_to"],
        }),
    ]
    inlines = [PlanPhaseInline, ChapterInline, PriorityInline, AnalysisDocumentInline]

    def plan_of(self, obj):
        return obj

    @admin.display(description=_("workspace"))
    def workspace_link(self, plan):
        if not plan.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("planning:workspace", args=[plan.slug]),
                           _("Open the workspace: steps, strategy tree, history"))


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["position", "code", "title", "responsible", "timeframe"]
    readonly_fields = ["code"]


@admin.register(Goal)
class GoalAdmin(TrackedAdmin, admin.ModelAdmin):
    list_display = ["code", "title", "group", "plan"]
    list_filter = ["plan", "group"]
    search_fields = ["title"]
    list_select_related = ["group", "plan"]
    autocomplete_fields = ["priority"]


@admin.register(Measure)
class MeasureAdmin(TrackedAdmin, admin.ModelAdmin):
    list_display = ["code", "title", "group", "plan", "annual_cost"]
    list_filter = ["plan", "group", "funding_sources"]
    search_fields = ["title", "description"]
    list_select_related = ["group", "plan"]
    autocomplete_fields = ["goal", "implements"]
    filter_horizontal = ["target_groups", "funding_sources", "swot_items"]
    inlines = [IndicatorInline, ActivityInline]


@admin.register(Priority)
class PriorityAdmin(RenumberAfterSave, admin.ModelAdmin):
    list_display = ["code", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]


@admin.register(SwotItem)
class SwotItemAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "group", "plan"]
    list_filter = ["plan", "group", "kind"]
    search_fields = ["text"]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    """Versions are frozen: the coordinator can read them here, never change or delete them."""

    list_display = ["plan", "number", "reason", "created_at", "created_by"]
    list_filter = ["plan", "reason"]
