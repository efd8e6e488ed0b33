import json

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import InlineAdminFormSet
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from solo.admin import SingletonModelAdmin

from catalogue.services import link_services_to_type
from groups.models import Person
from kpss import country
from kpss.admin_tracking import RevisionCheckedAdmin, RevisionCheckedInline
from kpss.files import UploadAdminMixin
from kpss.forms import AdminLoginForm
from kpss.models import ActionLog, PdfDocument, ServiceType, SiteSettings, TargetGroup, Territory, User
from kpss.tasks import request_rendering

admin.site.site_header = _("KPSS Portal administration")
admin.site.site_title = _("KPSS Portal")
admin.site.index_title = _("Administration")
admin.site.login_form = AdminLoginForm


class _InlineWithAddLabel(InlineAdminFormSet):
    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = str(self.opts.add_label)
        return json.dumps(data)


class InlineAddLabels:
    """ModelAdmin mixin: the button under an inline reads its `add_label` ("Přidat fázi").

    Django's button says "Add another %(verbose_name)s" with the name capitalised and in the
    nominative, "Přidat Fáze"; Czech wants the accusative in lower case, which no form of the
    verbose name gives, so each inline says it whole.
    """

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_admin_formset in inline_admin_formsets:
            if getattr(inline_admin_formset.opts, "add_label", None):
                inline_admin_formset.__class__ = _InlineWithAddLabel
        return inline_admin_formsets


class SlugsKeepDashes:
    """ModelAdmin mixin for a slug prepopulated from a title: the dash of a period becomes a hyphen
    ("sp-2028-2030"), where Django's JavaScript drops it ("20282030"); see static/js/admin-urlify.js."""

    class Media:
        # Django's urlify.js listed too, so that merging the page's media keeps ours after it.
        js = ["admin/js/urlify.js", "js/admin-urlify.js"]


class PersonInline(RevisionCheckedInline, admin.StackedInline):
    """The person behind an account: their memberships are kept on the person and on the groups."""

    model = Person
    fk_name = "user"
    extra = 0
    max_num = 1
    can_delete = False
    fields = ["name", "organisation", "email", "phone"]
    add_label = _("Add the person of this account")


@admin.register(User)
class UserAdmin(InlineAddLabels, RevisionCheckedAdmin, DjangoUserAdmin):
    """Accounts, run by the coordinator; what makes someone a superuser or a coordinator is not theirs
    to hand out: only a superuser changes those fields, and superusers' accounts."""

    PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")

    inlines = [PersonInline]
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

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":  # the kinds of the portal's country
            kinds = Territory.COUNTRY_KINDS[country.current()]
            kwargs["choices"] = [(value, label) for value, label in Territory.Kind.choices if value in kinds]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(SiteSettings)
class SiteSettingsAdmin(UploadAdminMixin, RevisionCheckedAdmin, SingletonModelAdmin):
    autocomplete_fields = ["territory"]
    fieldsets = [
        (None, {"fields": ["country", "site_name", "territory", "logo", "intro"]}),
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
    """Service types; naming a registry code the import reported (its report links here, prefilled)
    links the catalogue's services imported under it at once."""

    list_display = ["section", "name", "category", "registry_code"]
    list_filter = ["category"]
    search_fields = ["name", "section"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        linked = link_services_to_type(obj)
        if linked:
            self.message_user(request, ngettext(
                "%(count)s service from the registry now has this type.",
                "%(count)s services from the registry now have this type.", linked) % {"count": linked})


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
    # The file through its download view, which checks access: MEDIA_ROOT is not served. `job` only
    # tells the worker which request is the latest.
    exclude = ["file", "job"]
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


# --- Sign-in lockouts (django-axes) --------------------------------------------------------------
# Its labels are translated in locale_vendor/; what it writes as English f-strings (each record's
# name, the status column, the clean-up message) is said here in Czech.


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "–"


def _access_attempt_str(attempt):
    return gettext("Failed sign-ins of %(username)s from %(address)s") % {
        "username": attempt.username, "address": attempt.ip_address,
    }


def _access_log_str(entry):
    return gettext("Sign-in of %(username)s on %(time)s") % {
        "username": entry.username, "time": _when(entry.attempt_time),
    }


def _access_failure_str(entry):
    if entry.locked_out:
        text = gettext("Failed sign-in of %(username)s on %(time)s, locked out")
    else:
        text = gettext("Failed sign-in of %(username)s on %(time)s")
    return text % {"username": entry.username, "time": _when(entry.attempt_time)}


# The admin names a record by str() in titles, breadcrumbs, checkboxes' labels and the history, and
# no admin option changes that: the models' own __str__ is replaced.
AccessAttempt.__str__ = _access_attempt_str
AccessLog.__str__ = _access_log_str
AccessFailureLog.__str__ = _access_failure_str


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(request, ngettext(
            "%(count)s expired sign-in attempt removed.", "%(count)s expired sign-in attempts removed.", count,
        ) % {"count": count})

    @admin.display(description=_("status"))
    def status(self, attempt):
        remaining = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if remaining <= 0:
            return gettext("Locked Out")
        return ngettext("%(count)s attempt left", "%(count)s attempts left", remaining) % {"count": remaining}


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
