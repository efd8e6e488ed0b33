"""The coordinator's administration of groups, the people in them and the funder's meeting targets.

Meetings, minutes, resolutions and tasks are kept on the groups' staff pages, where who may record
and approve is checked; the admin only lists the key activities and their targets.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from groups.models import Group, KeyActivity, Meeting, MeetingTarget, Membership, Person
from kpss.admin import InlineAddLabels, SlugsKeepDashes
from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline


class MembershipInline(RevisionCheckedInline, admin.TabularInline):
    model = Membership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "position", "triad_role", "organisation", "starts_on", "ends_on", "publish_name"]
    add_label = _("Add a member")


class PersonMembershipInline(MembershipInline):
    fk_name = "person"
    autocomplete_fields = ["group"]
    fields = ["group", "position", "triad_role", "organisation", "starts_on", "ends_on", "publish_name"]
    add_label = _("Add a membership in a group")


@admin.register(Group)
class GroupAdmin(SlugsKeepDashes, InlineAddLabels, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "territory", "is_active", "order", "history_link"]
    list_filter = ["kind", "is_active", "territory"]
    search_fields = ["name", "abbreviation", "audience"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory"]
    filter_horizontal = ["target_groups"]
    list_select_related = ["territory"]
    inlines = [MembershipInline]
    readonly_fields = ["history_link"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "abbreviation", "kind", "target_groups", "audience", "territory",
                           "description", "public_contact", "order"]}),
        (_("When the group works"), {"fields": ["is_active", "active_from", "active_to", "history_link"]}),
    ]

    @admin.display(description=_("history"))
    def history_link(self, group):
        if not group.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("groups:group_history", args=[group.pk]),
                           _("Everything done in the group"))


@admin.register(Person)
class PersonAdmin(InlineAddLabels, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "organisation", "email", "user"]
    search_fields = ["name", "organisation", "email"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    inlines = [PersonMembershipInline]


class MeetingTargetForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("kinds of meetings that count"), choices=Meeting.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every kind counts."),
    )

    class Meta:
        model = MeetingTarget
        fields = ["group", "kinds", "required_count", "min_hours", "min_participants"]


class MeetingTargetInline(RevisionCheckedInline, admin.StackedInline):
    model = MeetingTarget
    form = MeetingTargetForm
    extra = 0
    add_label = _("Add a target")


@admin.register(KeyActivity)
class KeyActivityAdmin(InlineAddLabels, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "starts_on", "ends_on"]
    search_fields = ["code", "name"]
    inlines = [MeetingTargetInline]
