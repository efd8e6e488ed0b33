"""The catalogue of social services: providers, their registered services and facilities as the
national registry (RPSS) publishes them, and each import run's report.

What the registry owns is overwritten by every import; what the coordinator writes (`local_*`
fields) is never touched by one. A facility with a secret address (shelters, intervention
centres) is stored without its street and number.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogue.search import normalise, words
from kpss.models import SiteSettings
from kpss.tracking import TrackedChanges


class Provider(TrackedChanges):
    """A provider of social services (poskytovatel), identified by its IČO.

    Imports own every field of a provider with a registered service; the coordinator enters the
    provider of a related service the registry does not hold (the town's debt counselling).
    """

    ico = models.CharField(_("IČO"), max_length=8, unique=True, help_text=_("Eight digits, leading zeros kept."))
    name = models.CharField(_("name"), max_length=500)
    websites = models.JSONField(_("websites"), default=list, blank=True)
    emails = models.JSONField(_("e-mails"), default=list, blank=True)
    phones = models.JSONField(_("phones"), default=list, blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @cached_property
    def is_registered(self):
        """Whether the registry holds one of its services, so that imports own its fields."""
        return self.pk is not None and self.services.filter(portal_id__isnull=False).exists()


class AgeGroup(TrackedChanges):
    """An age group of people a service is for (věková skupina), as the registry codes it.

    The registry publishes the code list separately; the coordinator names each code the import
    reports, so the catalogue shows names instead of codes.
    """

    registry_code = models.CharField(_("registry code"), max_length=20, unique=True,
                                     help_text=_("The number after the slash, e.g. 3 for VekovaSkupinaOsoby/3."))
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ServiceQuerySet(models.QuerySet):
    def public(self):
        """What the public catalogue lists: services not withdrawn from the registry."""
        return self.filter(withdrawn_at__isnull=True)

    def search(self, query):
        """Services whose name, provider, type, municipalities or description hold every word of the
        query, blind to case and diacritics ("pecovatelska" finds "Pečovatelská služba")."""
        condition = Q()
        for word in words(query):
            condition &= Q(search_text__contains=word)
        return self.filter(condition)

    def with_code(self, kind, code):
        """Services with a registry code of a kind: "tg" target group, "age" age group, "form" form."""
        return self.filter(filter_key__contains=f" {kind}:{code} ")

    def serving_municipality(self, code):
        return self.filter(Exists(Facility.objects.filter(service=OuterRef("pk"), municipality_code=code)))


class Service(TrackedChanges):
    """A social service (sociální služba): registered ones keyed by the registry's `portalId`,
    related services the registry does not hold (a town's debt counselling, housing) entered by
    the coordinator without one."""

    class Form(models.TextChoices):
        RESIDENTIAL = "pob", _("residential")
        OUTPATIENT = "amb", _("outpatient")
        FIELD = "ter", _("field")

    portal_id = models.PositiveIntegerField(
        _("registry portal id"), unique=True, null=True, blank=True,
        help_text=_("Empty for a related service that is not in the registry."),
    )
    registry_id = models.CharField(_("registration identifier"), max_length=20, blank=True)
    provider = models.ForeignKey(Provider, verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="services")
    name = models.CharField(_("name"), max_length=500)
    type_code = models.CharField(_("type code in the registry"), max_length=60, blank=True,
                                 help_text=_("Kept even when the portal does not know the code yet."))
    service_type = models.ForeignKey("kpss.ServiceType", verbose_name=_("service type"), on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="catalogue_services")
    target_group_codes = models.JSONField(_("target groups (registry codes)"), default=list, blank=True)
    age_group_codes = models.JSONField(_("age groups (registry codes)"), default=list, blank=True)
    forms = models.JSONField(_("forms with capacities"), default=list, blank=True,
                             help_text=_("Each form (pob, amb, ter) with its registered capacities and units."))
    capacities = models.JSONField(_("capacities of the service"), default=list, blank=True,
                                  help_text=_("Capacities the registry gives for the service as a whole."))
    non_stop = models.BooleanField(_("non-stop"), default=False)
    provided_from = models.DateField(_("provided from"), null=True, blank=True)
    websites = models.JSONField(_("websites"), default=list, blank=True)
    emails = models.JSONField(_("e-mails"), default=list, blank=True)
    phones = models.JSONField(_("phones"), default=list, blank=True)
    # Whether what the registry says changed since the last import: a digest of the item as stored.
    registry_digest = models.CharField(max_length=64, editable=False, blank=True)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        _("left the registry"), null=True, blank=True,
        help_text=_("No longer in the registry's file: hidden from the public, kept on record."),
    )
    # What the coordinator writes; imports never touch it.
    local_description = models.TextField(_("description"), blank=True)
    local_opening_hours = models.TextField(_("opening hours"), blank=True)
    local_note = models.TextField(_("public note"), blank=True)
    # Derived for search and filters (see refresh_search): lower case without diacritics, and the
    # codes as " tg:24 age:3 form:pob " so that one LIKE filters on every database.
    search_text = models.TextField(editable=False, blank=True)
    filter_key = models.TextField(editable=False, blank=True)
    # The municipalities of its facilities as a list of services shows them ("Lipovec, Pačlavice"):
    # kept with the service so that a page of results reads no facility.
    municipality_names = models.TextField(editable=False, blank=True)
    DERIVED_FIELDS = ["search_text", "filter_key", "municipality_names"]  # what refresh_search() sets

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("social service")
        verbose_name_plural = _("social services")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name", "id"], name="catalogue_service_in_order")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:service_detail", args=[self.pk])

    @property
    def is_registered(self):
        return self.portal_id is not None

    @staticmethod
    def search_text_of(*, name, provider_name, type_name, municipalities, description):
        return normalise(" ".join([name, provider_name, type_name, *municipalities, description]))

    @staticmethod
    def filter_key_of(*, target_group_codes, age_group_codes, forms):
        keys = ([f"tg:{code}" for code in target_group_codes] + [f"age:{code}" for code in age_group_codes]
                + [f"form:{form['form']}" for form in forms if form.get("form")])
        return f" {' '.join(keys)} " if keys else ""

    @staticmethod
    def municipality_names_of(municipalities):
        return ", ".join(sorted({name for name in municipalities if name}))

    def refresh_search(self):
        """Recompute the derived search columns from what is stored (after an edit in admin)."""
        municipalities = [facility.municipality for facility in self.facilities.all()] if self.pk else []
        self.search_text = self.search_text_of(
            name=self.name, provider_name=self.provider.name if self.provider_id else "",
            type_name=self.service_type.name if self.service_type_id else "",
            municipalities=municipalities, description=self.local_description,
        )
        self.municipality_names = self.municipality_names_of(municipalities)
        self.filter_key = self.filter_key_of(target_group_codes=self.target_group_codes,
                                             age_group_codes=self.age_group_codes, forms=self.forms)


class Facility(models.Model):
    """A facility (zařízení) where a service is provided; a secret address keeps only its municipality."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="facilities")
    name = models.CharField(_("name"), max_length=500, blank=True)
    secret_address = models.BooleanField(_("secret address"), default=False)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    orientation_number = models.CharField(_("orientation number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=12, blank=True, db_index=True)
    municipality = models.CharField(_("municipality"), max_length=200, blank=True)
    part_of_municipality = models.CharField(_("part of the municipality"), max_length=200, blank=True)
    district_code = models.CharField(_("district code"), max_length=12, blank=True)
    address_point = models.CharField(_("address point code"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["service", "municipality", "name", "pk"]

    def __str__(self):
        return self.name or self.municipality


class ImportRun(models.Model):
    """One import of the registry's file: what it did, and every item it rejected with the reason."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("registry import", "queued")
        RUNNING = "running", pgettext_lazy("registry import", "running")
        DONE = "done", pgettext_lazy("registry import", "done")
        FAILED = "failed", pgettext_lazy("registry import", "failed")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    source = models.CharField(_("file"), max_length=300)
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=False)
    whole_country = models.BooleanField(_("whole country"), default=False,
                                        help_text=_("Otherwise the municipalities of the plans' area."))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # An uploaded file waiting for its import: its name in the private upload storage
    # (catalogue.services), deleted once the import is over.
    stored_file = models.CharField(max_length=300, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True)
    processed = models.PositiveIntegerField(_("services read"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    withdrawn = models.PositiveIntegerField(_("withdrawn"), default=0)
    rejected = models.JSONField(_("rejected items"), default=list, blank=True)
    unknown_codes = models.JSONField(_("codes the portal does not know"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_pending(self):
        """Queued or running: its page refreshes itself until the run is over."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class CatalogueRevision:
    """A token that changes with everything that changes what the catalogue's filters offer (code
    lists, the portal's territories, services and their facilities, an import) and with each change
    of the printed catalogue's state: the filters' choices and the downloads box are cached under it
    (catalogue.filters.revision_facts), so every process of the portal sees a change at its next
    page. A random token rather than a counter: a counter that a rolled back transaction set back
    would name two different states. Kept on the site settings' row (SiteSettings.catalogue_revision)."""

    @staticmethod
    def current(site_settings=None):
        """The token; `site_settings` as the page read them (kpss.middleware.LanguageMiddleware)."""
        return (site_settings or SiteSettings.get_solo()).catalogue_revision

    @staticmethod
    def move_on():
        # An update rather than a save: no signal, no revision of the settings' own edit form.
        if not SiteSettings.objects.update(catalogue_revision=uuid.uuid4()):
            SiteSettings.get_solo()  # created with a token of its own
