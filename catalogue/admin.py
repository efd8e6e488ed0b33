"""The coordinator's admin of the catalogue.

What the registry owns is read-only on a registered service and on its provider: the next import
would overwrite it anyway. The coordinator writes the `local_*` fields, which imports never
touch, and enters related services that are not in the registry whole. Import runs are read-only
reports; the coordinator uploads the registry's file from their list (catalogue.services runs it).
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalogue import services
from catalogue.codes import after_slash, age_group_names, capacity_text, target_group_names
from catalogue.forms import ProviderForm, RegistryUploadForm, ServiceForm
from catalogue.models import AgeGroup, Facility, ImportRun, Provider, Service
from kpss.admin import InlineAddLabels, ReadOnlyAdmin
from kpss.admin_tracking import RevisionCheckedAdmin
from kpss.models import ServiceType
from kpss.permissions import coordinator_required

SERVICE_REGISTRY_FIELDS = ["name", "provider", "service_type", "type_code", "portal_id", "registry_id",
                           "provided_from", "imported_at", "withdrawn_at"]
SERVICE_REGISTRY_DISPLAYS = ["target_groups", "age_groups", "forms_with_capacities", "service_capacities",
                             "non_stop", "contacts"]
LOCAL_FIELDS = ["local_description", "local_opening_hours", "local_note"]


def _lines(values):
    return format_html_join("", "{}<br>", ((value,) for value in values)) if values else "–"


@admin.register(Provider)
class ProviderAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    """Providers: the registry's ones read-only; the provider of a related service is entered here."""

    form = ProviderForm
    list_display = ["name", "ico", "service_count"]
    search_fields = ["name", "ico"]
    EDITABLE = ["ico", "name", "websites", "emails", "phones"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    def get_fields(self, request, obj=None):
        return ["ico", "name", "contacts"] if obj is not None and obj.is_registered else self.EDITABLE

    def get_readonly_fields(self, request, obj=None):
        # The form's own inputs of the contacts are dropped too, so a save cannot empty them.
        return [*self.EDITABLE, "contacts"] if obj is not None and obj.is_registered else []

    @admin.display(description=_("contacts"))
    def contacts(self, provider):
        return _lines([*provider.websites, *provider.emails, *provider.phones])

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, provider):
        return provider.service_count


class FacilityInline(admin.TabularInline):
    """The places of a service: the registry's read-only, a related service's entered here."""

    model = Facility
    extra = 0
    fields = ["name", "street", "house_number", "orientation_number", "postcode", "municipality",
              "municipality_code", "part_of_municipality", "district_code", "secret_address"]
    add_label = _("Add a facility")

    def _editable(self, request, obj):
        return obj is None or not obj.is_registered

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


class RegisteredFilter(admin.SimpleListFilter):
    title = _("origin")
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("registered", _("in the registry")), ("related", _("related, entered by hand"))]

    def queryset(self, request, queryset):
        if self.value() == "registered":
            return queryset.filter(portal_id__isnull=False)
        if self.value() == "related":
            return queryset.filter(portal_id__isnull=True)
        return queryset


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("left the registry")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("yes", _("yes, hidden from the public")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=True)
        return queryset


class ServiceFieldsets(admin.ModelAdmin):
    """Which fields a service's page shows depends on whether the registry owns the service; below
    RevisionCheckedAdmin, which adds the revision to whatever this gives."""

    def get_fieldsets(self, request, obj=None):
        local = (_("What the portal adds"), {"fields": LOCAL_FIELDS})
        if obj is not None and obj.is_registered:
            return [(None, {"fields": SERVICE_REGISTRY_FIELDS}),
                    (_("What the registry says"), {"fields": SERVICE_REGISTRY_DISPLAYS}), local]
        return [(None, {"fields": ["name", "provider", "service_type"]}),
                (_("Who it is for and how it is provided"), {"fields": [
                    "target_group_codes", "age_group_codes", "forms", "non_stop"]}),
                (_("Contacts"), {"fields": ["websites", "emails", "phones"]}), local]


@admin.register(Service)
class ServiceAdmin(InlineAddLabels, RevisionCheckedAdmin, ServiceFieldsets):
    """Social services: the registry's with the coordinator's additions, and related services."""

    form = ServiceForm
    inlines = [FacilityInline]
    list_display = ["name", "provider", "service_type", "type_code", "origin", "withdrawn_at"]
    list_filter = ["service_type", WithdrawnFilter, RegisteredFilter]
    list_select_related = ["provider", "service_type"]
    search_fields = ["name", "provider__name", "provider__ico", "registry_id", "type_code"]
    autocomplete_fields = ["provider"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_registered:
            # The form's own inputs for these are dropped too: the displays above show them.
            return [*SERVICE_REGISTRY_FIELDS, *SERVICE_REGISTRY_DISPLAYS, "target_group_codes", "age_group_codes",
                    "forms", "websites", "emails", "phones"]
        return []

    def has_delete_permission(self, request, obj=None):
        # A registered service would come back with the next import: it is withdrawn by the registry.
        return (obj is None or not obj.is_registered) and super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        """The search columns from what was saved, facilities included."""
        super().save_related(request, form, formsets, change)
        service = form.instance
        service.refresh_search()
        service.save(update_fields=Service.DERIVED_FIELDS)

    @admin.display(description=_("origin"))
    def origin(self, service):
        return gettext("registry") if service.is_registered else gettext("related")

    @admin.display(description=_("target groups"))
    def target_groups(self, service):
        names = target_group_names()
        return _lines([names.get(code, code) for code in service.target_group_codes])

    @admin.display(description=_("age groups"))
    def age_groups(self, service):
        names = age_group_names()
        return _lines([names.get(code, code) for code in service.age_group_codes])

    @admin.display(description=_("forms with capacities"))
    def forms_with_capacities(self, service):
        labels = dict(Service.Form.choices)
        return _lines([
            f"{labels.get(form.get('form'), form.get('form'))}: " + ", ".join(
                capacity_text(capacity) for capacity in form.get("capacities") or [])
            for form in service.forms])

    @admin.display(description=_("capacities of the service"))
    def service_capacities(self, service):
        return _lines([capacity_text(capacity) for capacity in service.capacities])

    @admin.display(description=_("contacts"))
    def contacts(self, service):
        return _lines([*service.websites, *service.emails, *service.phones])


@admin.register(AgeGroup)
class AgeGroupAdmin(RevisionCheckedAdmin, admin.ModelAdmin):
    """Names of the registry's age group codes (the import reports the codes it does not know)."""

    list_display = ["registry_code", "name", "order"]
    search_fields = ["name", "registry_code"]
    fields = ["registry_code", "name", "order"]


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    """Each import's report, and the upload of the registry's file (the list's button)."""

    list_display = ["started_at", "status", "source", "scope", "dry_run", "created", "updated", "unchanged",
                    "skipped", "withdrawn", "rejected_count", "unknown_count"]
    list_filter = ["status", "dry_run"]
    fieldsets = [
        (None, {"fields": ["status", "progress_report", "source", "size", "scope", "dry_run", "requested_by",
                           "started_at", "finished_at", "error"]}),
        (_("Counts"), {"fields": ["created", "updated", "unchanged", "skipped", "withdrawn"]}),
        (_("Rejected items"), {"fields": ["rejected_report"]}),
        (_("Codes the portal does not know"), {"fields": ["unknown_codes_report"]}),
    ]
    readonly_fields = ["progress_report", "size", "rejected_report", "unknown_codes_report"]
    list_select_related = ["requested_by"]
    change_list_template = "catalogue/admin/importrun_change_list.html"
    change_form_template = "catalogue/admin/importrun_change_form.html"

    def get_urls(self):
        upload = self.admin_site.admin_view(coordinator_required(self.upload_view))
        return [path("upload/", upload, name="catalogue_importrun_upload"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        services.stop_stalled_imports()  # a run its dead worker left "running" is shown as failed
        return super().changelist_view(request, {**(extra_context or {}), "can_upload": request.user.is_coordinator})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        services.stop_stalled_imports()
        return super().change_view(request, object_id, form_url, extra_context)

    def upload_view(self, request):
        """Upload the registry's file: stored privately, imported in the background (catalogue.services)."""
        form = RegistryUploadForm(request.POST, request.FILES) if request.method == "POST" else RegistryUploadForm()
        if form.is_bound and form.is_valid():
            run = services.queue_upload(form.cleaned_data["file"], whole_country=form.whole_country,
                                        dry_run=form.cleaned_data["dry_run"], by=request.user)
            self.message_user(request, gettext("The file was uploaded; its import runs in the background."),
                              messages.SUCCESS)
            return redirect("admin:catalogue_importrun_change", run.pk)
        return TemplateResponse(request, "catalogue/admin/importrun_upload.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "form": form,
            "title": gettext("Import a file from the registry"),
        })

    @admin.display(description=_("rejected"))
    def rejected_count(self, run):
        return len(run.rejected)

    @admin.display(description=_("unknown codes"))
    def unknown_count(self, run):
        return len(run.unknown_codes)

    @admin.display(description=_("file size"))
    def size(self, run):
        return f"{number_format(run.file_size / 1024 / 1024, 1)} MB" if run.file_size else "–"

    @admin.display(description=_("progress"))
    def progress_report(self, run):
        if run.status == ImportRun.Status.QUEUED:
            return gettext("Waiting for the background worker since %(time)s ago.") % {
                "time": timesince(run.started_at)}
        if run.status == ImportRun.Status.RUNNING:
            return gettext("Running for %(time)s: %(count)s services read, about %(percent)s %% of the file. "
                           "This page refreshes itself.") % {
                "time": timesince(run.started_at, timezone.now()), "count": run.processed, "percent": run.progress}
        return ngettext("%(count)s service read.", "%(count)s services read.", run.processed) % {
            "count": run.processed}

    @admin.display(description=_("rejected items"))
    def rejected_report(self, run):
        if not run.rejected:
            return "–"
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (item.get("portal_id") or "–", item.get("id") or "–", item.get("reason")) for item in run.rejected))
        return format_html("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
                           gettext("portal id"), gettext("registry id"), gettext("reason"), rows)

    @admin.display(description=_("codes the portal does not know"))
    def unknown_codes_report(self, run):
        if not run.unknown_codes:
            return "–"
        named = named_codes()
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", (
            (unknown["code"], unknown["services"],
             gettext("named since: %(name)s") % {"name": named[unknown["code"]]} if unknown["code"] in named
             else naming_links(unknown["code"])) for unknown in run.unknown_codes))
        return format_html("<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
                           gettext("code"), gettext("services"), gettext("name it"), rows)


def named_codes():
    """{"DruhSocialniSluzby/13": name, ...}: the registry's codes the portal names now."""
    named = {f"DruhSocialniSluzby/{after_slash(service_type.registry_code)}": str(service_type)
             for service_type in ServiceType.objects.exclude(registry_code="")}
    named |= {f"CilovaSkupinaOsoby/{code}": name for code, name in target_group_names().items()}
    named |= {f"VekovaSkupinaOsoby/{code}": name for code, name in age_group_names().items()}
    return named


def naming_links(code):
    """Links that open the admin's form where the coordinator names a registry code, prefilled."""
    kind, _slash, number = code.partition("/")
    if kind == "DruhSocialniSluzby":
        return _link("admin:kpss_servicetype_add", {"registry_code": code}, gettext("Add the service type"))
    if kind == "CilovaSkupinaOsoby":
        return format_html(
            "{} {} {}", _link("admin:kpss_targetgroup_changelist", {}, gettext("Give the code to a target group")),
            gettext("or"), _link("admin:kpss_targetgroup_add", {"registry_code": number},
                                 gettext("add a target group with it")))
    if kind == "VekovaSkupinaOsoby":
        return _link("admin:catalogue_agegroup_add", {"registry_code": number}, gettext("Add the age group"))
    return "–"


def _link(name, query, text):
    url = reverse(name) + (f"?{urlencode(query)}" if query else "")
    return format_html('<a href="{}">{}</a>', url, text)
