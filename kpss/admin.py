from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from solo.admin import SingletonModelAdmin

from groups.models import Membership
from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline
from kpss.files import UploadAdminMixin
from kpss.forms import AdminLoginForm
from kpss.models import ActionLog, PdfDocument, ServiceType, SiteSettings, TargetGroup, Territory, User
from kpss.tasks import request_rendering

admin.site.site_header = _("KPSS Portal administration")
admin.site.site_title = _("KPSS Portal")
admin.site.index_title = _("Administration")
admin.site.login_form = AdminLoginForm


class MembershipInline(RevisionCheckedInline, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(User)
class UserAdmin(RevisionCheckedAdmin, DjangoUserAdmin):
    """Accounts, run by the coordinator; what makes someone a superuser or a coordinator is not theirs
    to hand out: only a superuser changes those fields, and superusers' accounts."""

    PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return [*readonly, *self.PRIVILEGE_FIELDS]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Territory)
class TerritoryAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["members"]
    list_select_related = ["parent"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(UploadAdminMixin, RevisionCheckedAdmin, SingletonModelAdmin):
    autocomplete_fields = ["territory"]
    fieldsets = [
        (None, {"fields": ["site_name", "territory", "logo", "intro"]}),
        (_("Contact"), {"fields": [
            "office_name", "coordinator_name", "coordinator_email", "coordinator_phone", "office_address",
        ]}),
        (_("Accessibility statement"), {"fields": [
            "accessibility_compliance", "accessibility_exceptions",
            "accessibility_statement_date", "accessibility_review_date",
        ]}),
    ]


@admin.register(ServiceType)
class ServiceTypeAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["section", "name", "category", "registry_code"]
    list_filter = ["category"]
    search_fields = ["name", "section"]


@admin.register(TargetGroup)
class TargetGroupAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may rewrite: the history, frozen plan versions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    """The history of actions."""

    list_display = ["created_at", "user", "action", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "created_at"


@admin.register(PdfDocument)
class PdfDocumentAdmin(ReadOnlyAdmin):
    """The archival PDFs: where each rendering is, why one failed, and rendering again."""

    list_display = ["__str__", "layout", "status", "pages", "size", "rendered_at", "short_error"]
    list_filter = ["status", "layout"]
    list_select_related = ["content_type"]
    # The file through its download view, which checks access: MEDIA_ROOT is not served.
    exclude = ["file"]
    readonly_fields = ["sha256", "download"]
    actions = ["render_again"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("source")

    @admin.display(description=_("file"))
    def download(self, document):
        if not document.is_available or document.source is None:
            return "–"
        return format_html('<a href="{}">{}</a>', document.get_absolute_url(), document.download_filename())

    @admin.display(description=_("error"))
    def short_error(self, document):
        return document.error[:120]

    @admin.action(description=_("Render the selected PDFs again"), permissions=["view"])
    def render_again(self, request, queryset):
        count = 0
        for document in queryset:
            if document.source is not None:
                request_rendering(document.source, document.layout, by=request.user)
                count += 1
        self.message_user(request, _("%(count)s PDFs were queued for rendering.") % {"count": count}, messages.SUCCESS)
