from django.contrib import admin

from groups.models import Group, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "target_group", "is_active", "order"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "target_group"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
