from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from groups.models import Group, Membership
from kpss.admin import InlineAddLabels, SlugsKeepDashes
from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline


class MembershipInline(RevisionCheckedInline, admin.TabularInline):
    model = Membership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["user"]
    add_label = _("Add a member")


@admin.register(Group)
class GroupAdmin(SlugsKeepDashes, InlineAddLabels, RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "target_group", "is_active", "order", "history_link"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "target_group"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    readonly_fields = ["history_link"]

    @admin.display(description=_("history"))
    def history_link(self, group):
        if not group.pk:
            return "–"
        return format_html('<a href="{}">{}</a>', reverse("groups:group_history", args=[group.pk]),
                           _("Everything done in the group"))
