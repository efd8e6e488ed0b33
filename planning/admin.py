"""The coordinator's administration of plans: cycles, chapters, the strategy tree, analyses.

Lifecycle steps are not fields here: they are explicit actions on the plan's workspace page, where
their preconditions are checked and recorded.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kpss.admin import InlineAddLabels, ReadOnlyAdmin, SlugsKeepDashes
from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline
from kpss.files import UploadAdminMixin
from planning import services
from planning.models import (
    Activity,
    AnalysisDocument,
    AnswerTemplate,
    ApprovingBody,
    Chapter,
    Comment,
    CommentRound,
    Decision,
    FundingSource,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanPhase,
    PlanVersion,
    Priority,
    Suggestion,
    SwotItem,
)


class PlanPhaseInline(admin.TabularInline):
    model = PlanPhase
    extra = 0
    add_label = _("Add a phase")


class ChapterInline(admin.StackedInline):
    model = Chapter
    extra = 0
    fields = ["position", "kind", "title", "body"]
    add_label = _("Add a chapter")


class PriorityInline(RevisionCheckedInline, admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["position", "code", "title", "description"]
    readonly_fields = ["code"]
    add_label = _("Add a priority")


class AnalysisDocumentInline(UploadAdminMixin, admin.StackedInline):
    model = AnalysisDocument
    extra = 0
    add_label = _("Add an analysis document")


class ApprovingBodyInline(admin.TabularInline):
    """The bodies that must approve the plan; their decisions are recorded on the plan's approval
    page (the workspace links it), which checks them and moves the plan on."""

    model = ApprovingBody
    fields = ["position", "name", "kind", "territory"]
    autocomplete_fields = ["territory"]
    extra = 0
    add_label = _("Add an approving body")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.pk and Decision.objects.filter(
            body__plan=obj).exists())


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


class PlanAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("territories") or ()) & set(cleaned.get("excluded_territories") or ())
        if both:
            self.add_error("excluded_territories", _("A territory cannot be both covered and left out: %(names)s.") % {
                "names": ", ".join(sorted(territory.name for territory in both))})
        return cleaned


@admin.register(Plan)
class PlanAdmin(SlugsKeepDashes, InlineAddLabels, RenumberAfterSave, RevisionCheckedAdmin, admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ["title", "kind", "period", "status", "status_today", "phase", "workspace_link"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["territories", "excluded_territories"]
    autocomplete_fields = ["midterm_plan", "supersedes"]
    readonly_fields = [
        "status", "steering_resolution", "approving_resolution", "steering_approved_on", "valid_from", "valid_to",
        "workspace_link",
    ]
    fieldsets = [
        (None, {"fields": ["kind", "midterm_plan", "title", "slug", "year_from", "year_to", "summary", "phase",
                           "supersedes"]}),
        (_("Area of the plan"), {"fields": ["territories", "excluded_territories"]}),
        (_("Lifecycle"), {
            "description": _("Lifecycle steps are taken on the plan's workspace page, which checks and records them."),
            "fields": ["workspace_link", "status", "steering_resolution", "approving_resolution",
                       "steering_approved_on", "valid_from", "valid_to"],
        }),
    ]
    inlines = [PlanPhaseInline, ChapterInline, PriorityInline, AnalysisDocumentInline, ApprovingBodyInline]
    actions = ["add_municipal_councils"]

    @admin.action(description=_("Add the council of every municipality of the plan's area as an approving body"))
    def add_municipal_councils(self, request, queryset):
        added = sum(len(services.add_municipal_councils(plan, request.user)) for plan in queryset)
        self.message_user(request, ngettext("%(count)s approving body added.", "%(count)s approving bodies added.",
                                            added) % {"count": added}, messages.SUCCESS)

    def plan_of(self, obj):
        return obj

    def get_queryset(self, request):
        return super().get_queryset(request).with_successor_start()

    @admin.display(description=_("status today"))
    def status_today(self, plan):
        return plan.get_current_status_display()

    @admin.display(description=_("period"), ordering="year_from")
    def period(self, plan):
        return plan.period

    @admin.display(description=_("workspace"))
    def workspace_link(self, plan):
        if not plan.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("planning:workspace", args=[plan.slug]),
                           _("Open the workspace: steps, strategy tree, history"))


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    add_label = _("Add an indicator")


class ActivityInline(RevisionCheckedInline, admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["position", "code", "title", "responsible", "timeframe"]
    readonly_fields = ["code"]
    add_label = _("Add an activity")


@admin.register(Goal)
class GoalAdmin(RenumberAfterSave, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["code", "title", "group", "plan"]
    list_filter = ["plan", "group"]
    search_fields = ["title"]
    list_select_related = ["group", "plan"]
    autocomplete_fields = ["priority"]


@admin.register(Measure)
class MeasureAdmin(InlineAddLabels, RenumberAfterSave, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["code", "title", "group", "plan", "annual_cost"]
    list_filter = ["plan", "group", "funding_sources"]
    search_fields = ["title", "description"]
    list_select_related = ["group", "plan"]
    autocomplete_fields = ["goal", "implements"]
    filter_horizontal = ["target_groups", "funding_sources", "swot_items"]
    inlines = [IndicatorInline, ActivityInline]


@admin.register(Priority)
class PriorityAdmin(RenumberAfterSave, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["code", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]


@admin.register(SwotItem)
class SwotItemAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["text", "kind", "group", "plan"]
    list_filter = ["plan", "group", "kind"]
    search_fields = ["text"]


@admin.register(FundingSource)
class FundingSourceAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "order"]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    """Versions are frozen: the coordinator can read them here, never change or delete them."""

    list_display = ["plan", "number", "reason", "created_at", "created_by"]
    list_filter = ["plan", "reason"]


@admin.register(CommentRound)
class CommentRoundAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["title", "plan", "opens_at", "closes_at", "settlement_published_at", "staff_link"]
    list_filter = ["plan"]
    readonly_fields = ["settlement_published_at", "approving_resolution", "staff_link"]
    fields = ["version", "title", "intro", "opens_at", "closes_at", "settlement_note", "settlement_published_at",
              "approving_resolution", "staff_link"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            # A round takes comments on a draft published for them; a plan being approved or in force
            # is past that (its comment round opens with the step that publishes it).
            kwargs["queryset"] = PlanVersion.objects.filter(plan__status=Plan.Status.COMMENTS).select_related(
                "plan").order_by("-created_at")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Its comments are about that version's text: a round keeps the version it opened on.
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "version"] if obj is not None else readonly

    def response_add(self, request, obj, post_url_continue=None):
        """Back to the plan's workspace, where the round is listed with its comments."""
        if "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, _("The comment round “%(round)s” is open for %(plan)s.") % {
            "round": obj.title, "plan": obj.plan.title,
        }, messages.SUCCESS)
        return redirect("planning:workspace", slug=obj.plan.slug)


    @admin.display(description=_("settlement"))
    def staff_link(self, round_):
        if not round_.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("planning:round_comments", args=[round_.pk]),
                           _("Comments and their settlement"))


@admin.register(Comment)
class CommentAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "round", "commenter_type", "group", "outcome", "is_hidden", "received_at"]
    list_filter = ["round", "group", "outcome", "is_hidden", "channel"]
    search_fields = ["text", "name", "organisation", "email"]
    list_select_related = ["round", "group"]
    readonly_fields = ["number", "ip_hash", "settled_by", "settled_at", "notified_at", "is_redacted", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["round", "number", "received_at", "channel", "chapter", "measure", "text",
                           "proposed_wording"]}),
        (_("Sender"), {"fields": ["name", "organisation", "commenter_type", "email", "publish_name", "ip_hash",
                                  "is_redacted", "anonymised_at"]}),
        (_("Moderation"), {"fields": ["is_hidden", "hidden_reason", "group"]}),
        (_("Settlement"), {"fields": ["outcome", "justification", "worked_in_measure", "worked_in_chapter",
                                      "settled_by", "settled_at", "notified_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        # Comments the coordinator types in from e-mails or letters get the next number of their round.
        if not change:
            obj.number = Comment.next_number(obj.round)
        super().save_model(request, obj, form, change)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["title", "outcome"]


@admin.register(Suggestion)
class SuggestionAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["number", "text", "status", "group", "department", "received_at"]
    list_filter = ["status", "group"]
    search_fields = ["text", "name", "email"]
    readonly_fields = ["number", "meeting", "ip_hash", "resolved_at", "anonymised_at"]
    fieldsets = [
        (None, {"fields": ["number", "received_at", "meeting", "text"]}),
        (_("Sender"), {"fields": ["name", "organisation", "commenter_type", "email", "publish_name", "ip_hash",
                                  "anonymised_at"]}),
        (_("How it is dealt with"), {"fields": ["status", "group", "department", "resolution", "resolved_at",
                                                "is_public"]}),
    ]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.note_status_change()
        if not change:
            obj.number = Suggestion.next_number()
        super().save_model(request, obj, form, change)


# Registered there; imported so that the admin finds it with this module.
from planning import admin_questionnaires  # noqa: E402, F401
