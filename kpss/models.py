"""Cross-cutting models: users, territories and the site settings the coordinator edits."""

import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel

# The history's models are the app's models too; they live apart so kpss.tracking can log.
from kpss.actionlog import ActionLog, ActionLogContext, log_action  # noqa: F401
from kpss.country import Country
from kpss.files import FileTypeValidator, UnguessablePath, fingerprint
from kpss.pdf_layouts import get_layout
from kpss.tracking import TrackedChanges

COORDINATE_PERMISSION = "kpss.coordinate"


class User(TrackedChanges, AbstractUser):
    """A person with an account: the coordinator (staff) or a member of a planning group.

    The public has no accounts. Group and steering-group roles come from memberships
    (groups.Membership), not from flags here.
    """

    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("coordinate", _("Can coordinate community planning"))]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self):
        """The coordinator's role is granted explicitly: the coordinators' group holds this permission
        (kpss.roles). `is_staff` only opens the admin's door and grants nothing by itself."""
        return self.has_perm(COORDINATE_PERMISSION)


class TerritoryQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=Territory.Kind.MUNICIPALITY)

    def covered_by(self, territories):
        """The municipalities that `territories` cover (a queryset of territories or of their ids, or
        a list of ids): a municipality itself, an ORP's municipalities, a region's through its ORPs,
        a union's members. One query, the territories a subquery of it; a municipality that two of
        them cover is listed once."""
        chosen = Territory.objects.filter(pk__in=territories)
        kind = Territory.Kind
        in_union = Territory.members.through.objects.filter(
            to_territory=models.OuterRef("pk"), from_territory__in=chosen.filter(kind__in=Territory.UNION_KINDS))
        return self.municipalities().filter(
            models.Q(pk__in=chosen.filter(kind=kind.MUNICIPALITY).values("pk"))
            | models.Q(parent__in=chosen.filter(kind__in=Territory.DISTRICT_KINDS).values("pk"))
            | models.Q(parent__parent__in=chosen.filter(kind=kind.REGION).values("pk"))
            | models.Exists(in_union)
        )

    def area(self, included, excluded=()):
        """The municipalities of a planning area: those `included` cover, without those `excluded`
        cover (ORP Klatovy + Mikroregion Touškovsko − Mikroregion Běleč − DSO Úhlava)."""
        return self.covered_by(included).exclude(pk__in=Territory.objects.covered_by(excluded).values("pk"))


class Territory(TrackedChanges):
    """A place a plan covers: a region (kraj; in Slovakia samosprávny kraj), an ORP (in Slovakia an
    okres), a municipality (obec) or a union of municipalities.

    Municipalities, ORPs or districts, and regions form a tree through `parent`; a union
    (mikroregion, DSO, MAS) lists its member municipalities instead, since it may cross borders.
    """

    class Kind(models.TextChoices):
        REGION = "region", _("region (kraj)")
        ORP = "orp", _("municipality with extended powers (ORP)")
        MUNICIPALITY = "municipality", _("municipality")
        MICROREGION = "microregion", _("microregion")
        DSO = "dso", _("voluntary union of municipalities (DSO)")
        MAS = "mas", _("local action group (MAS)")
        DISTRICT = "district", _("district (okres)")

    UNION_KINDS = (Kind.MICROREGION, Kind.DSO, Kind.MAS)
    DISTRICT_KINDS = (Kind.ORP, Kind.DISTRICT)  # what municipalities belong to, in Czechia and in Slovakia
    # The kinds each country's law knows: a Slovak obec belongs to an okres, not an ORP, and a Slovak
    # union of obce is a mikroregión or a MAS.
    COUNTRY_KINDS = {
        Country.CZ: (Kind.REGION, Kind.ORP, Kind.MUNICIPALITY, Kind.MICROREGION, Kind.DSO, Kind.MAS),
        Country.SK: (Kind.REGION, Kind.DISTRICT, Kind.MUNICIPALITY, Kind.MICROREGION, Kind.MAS),
    }
    # Statistical codes (ČSÚ, ŠÚ SR): NUTS 3 for regions, the four-digit ORP code, a district's LAU 1
    # code, the six-digit municipality code.
    CODE_PATTERNS = {
        Kind.REGION: (r"(CZ|SK)0\d\d", _("A region code is its NUTS 3 code, e.g. CZ032 or SK032.")),
        Kind.ORP: (r"\d{4}", _("An ORP code has four digits, e.g. 3204.")),
        Kind.DISTRICT: (r"SK0\d{3}|[1-8]\d\d", _("A district code is its LAU 1 code (e.g. SK0321) or the Statistical "
                                                "Office's three digits (e.g. 601).")),
        Kind.MUNICIPALITY: (r"\d{6}", _("A municipality code has six digits, e.g. 555771.")),
    }
    PARENT_KINDS = {Kind.MUNICIPALITY: DISTRICT_KINDS, Kind.ORP: (Kind.REGION,), Kind.DISTRICT: (Kind.REGION,)}

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(
        _("ČSÚ code"), max_length=12, blank=True,
        help_text=_("Code from the Czech Statistical Office; unions of municipalities may have none."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="children",
    )
    members = models.ManyToManyField(
        "self", verbose_name=_("member municipalities"), symmetrical=False, blank=True,
        related_name="unions", limit_choices_to={"kind": Kind.MUNICIPALITY},
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="unique_territory_code",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def is_union(self):
        return self.kind in self.UNION_KINDS

    def clean(self):
        errors = {}
        if self.kind in self.CODE_PATTERNS:
            pattern, message = self.CODE_PATTERNS[self.kind]
            if not re.fullmatch(pattern, self.code):
                errors["code"] = message
        expected_parents = self.PARENT_KINDS.get(self.kind, ())
        if self.parent and self.parent.kind not in expected_parents:
            errors["parent"] = (
                _("A territory of this kind cannot be part of another territory.")
                if not expected_parents
                else _("It must be part of a territory of kind “%(kind)s”.")
                % {"kind": " / ".join(str(self.Kind(kind).label) for kind in expected_parents)}
            )
        if errors:
            raise ValidationError(errors)

    def municipalities(self):
        """The municipalities this territory covers, as a queryset."""
        municipalities = Territory.objects.municipalities()
        if self.kind == self.Kind.MUNICIPALITY:
            return municipalities.filter(pk=self.pk)
        if self.kind in self.DISTRICT_KINDS:
            return municipalities.filter(parent=self)
        if self.kind == self.Kind.REGION:
            return municipalities.filter(parent__parent=self)
        return municipalities.filter(unions=self)


class SiteSettings(TrackedChanges, SingletonModel):
    """What the coordinator sets about the town and the portal in admin; one row."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.CZ,
        help_text=_("Whose law the portal follows: the default language, the legal references, the words "
                    "for the plans, the territory kinds and the service types."))
    site_name = models.CharField(
        _("town or territory name"), max_length=200, default="",
        help_text=_("Shown in the header, e.g. “Město Lipovec”."),
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("main territory"), on_delete=models.SET_NULL,
        null=True, blank=True,
    )
    logo = models.ImageField(
        _("logo"), upload_to=UnguessablePath("site"), max_length=255, blank=True,
        validators=[FileTypeValidator("images")],
    )
    intro = models.TextField(
        _("introduction on the home page"), blank=True,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    office_name = models.CharField(_("municipal office"), max_length=200, blank=True)
    coordinator_name = models.CharField(_("coordinator’s name"), max_length=200, blank=True)
    coordinator_email = models.EmailField(_("coordinator’s e-mail"), blank=True)
    coordinator_phone = models.CharField(_("coordinator’s phone"), max_length=40, blank=True)
    office_address = models.TextField(_("office address"), blank=True)

    accessibility_compliance = models.CharField(
        _("compliance with the accessibility law"), max_length=10,
        choices=Compliance.choices, default=Compliance.PARTIAL,
    )
    accessibility_exceptions = models.TextField(
        _("content that is not accessible"), blank=True,
        help_text=_("What is not accessible and why; one item per paragraph."),
    )
    accessibility_statement_date = models.DateField(
        _("statement prepared on"), null=True, blank=True,
    )
    accessibility_review_date = models.DateField(_("statement last reviewed on"), null=True, blank=True)
    # The catalogue's revision (catalogue.models.CatalogueRevision): kept on this row, which every
    # page reads anyway, so that the catalogue's list learns it with no query of its own.
    catalogue_revision = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    @property
    def display_name(self):
        return self.site_name or _("Community planning of social services")

    def get_download_url(self):
        """The logo's address; its query changes with the file, so browsers may keep each one."""
        return f"{reverse('logo')}?v={fingerprint(self.logo)}" if self.logo else ""


def of_the_country():
    """The service types of the portal's country, for the choices of a field (limit_choices_to)."""
    from kpss import country

    return {"country": country.current()}


class ServiceType(TrackedChanges):
    """A kind of social service (druh sociální služby), a national code list: in Czechia under law
    108/2006 Sb. (§ 37–70), in Slovakia under law 448/2008 Z. z. (§ 12 and the sections after it).

    Rows come from data migrations; the coordinator can add codes the list does not know yet.
    """

    class Category(models.TextChoices):
        COUNSELLING = "counselling", _("social counselling")
        CARE = "care", _("social care services")
        PREVENTION = "prevention", _("social prevention services")
        # The groups of § 12 (1) of the Slovak act.
        CRISIS = "crisis", _("crisis intervention services")
        FAMILY = "family", _("services supporting families with children")
        DEPENDENCY = "dependency", _("services for severe disability, poor health or old age")
        TELECOM = "telecom", _("services using telecommunication technologies")
        SUPPORT = "support", _("support services")

    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.CZ)
    section = models.CharField(_("section of the act"), max_length=10, help_text=_("E.g. 40 for § 40."))
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    registry_code = models.CharField(
        _("registry code"), max_length=40, blank=True, help_text=_("E.g. DruhSocialniSluzby/4."),
    )

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["category", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "section"], name="unique_service_type_section")]

    def __str__(self):
        return self.label(self.section, self.name)

    @staticmethod
    def label(section, name):
        """"§ 49 domovy pro seniory": a type's section and name, for lists that read them as values."""
        return f"§ {section} {name}"


class TargetGroup(TrackedChanges):
    """A target group of social services (cílová skupina) as the registry of providers names them."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    registry_code = models.CharField(
        _("registry code"), max_length=40, blank=True,
        help_text=_("The number after the slash, e.g. 24 for CilovaSkupinaOsoby/24."),
    )

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RateLimitHit(models.Model):
    """One event a rate limit counts (kpss.ratelimits): which limit, whose, when.

    `key` is a keyed hash of what the limit counts per (a client address, an e-mail address), never
    the address itself (GDPR). Rows live only as long as their limit's window.
    """

    name = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["name", "key", "at"]), models.Index(fields=["name", "at"])]

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M}"


class UsedFormToken(models.Model):
    """The start token of a public form that filed a submission (kpss.antispam): a token serves once.

    Only the token's SHA-256 is kept, and only as long as the token would be accepted at all.
    """

    digest = models.CharField(max_length=64, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.digest


class PdfDocumentQuerySet(models.QuerySet):
    def for_sources(self, sources, layout):
        """The documents of several objects of one model, keyed by the object's pk (one query)."""
        sources = list(sources)
        if not sources:
            return {}
        content_type = ContentType.objects.get_for_model(sources[0])
        documents = self.filter(content_type=content_type, object_id__in=[s.pk for s in sources], layout=layout)
        return {document.object_id: document for document in documents}

    def for_source(self, source, layout):
        return self.for_sources([source], layout).get(source.pk)

    def stalled(self):
        """Renderings whose worker gave no sign of life for PDF_STALL_MINUTES: it died or was stopped."""
        return self.filter(status=PdfDocument.Status.RENDERING).alias(
            last_sign_of_life=Coalesce("heartbeat_at", "started_at"),
        ).filter(models.Q(last_sign_of_life__lt=stall_cutoff()) | models.Q(last_sign_of_life__isnull=True))


def stall_cutoff():
    """A rendering with no sign of life since this moment is taken for dead."""
    return timezone.now() - timedelta(minutes=settings.PDF_STALL_MINUTES)


# Sent with `document` whenever a PdfDocument's status or file changes (queued, rendering, failed,
# stored), also where the change is a bulk update: a page that keeps a document's state in a cache
# (the catalogue's downloads box) listens.
pdf_document_changed = Signal()


class PdfDocument(models.Model):
    """The archival PDF of one object (a plan version, a settlement table) in one layout.

    The file fields describe the last good rendering; `status` describes the latest request. A new
    rendering replaces the file only when it is complete, so a download never gets half a file,
    and a failed re-rendering leaves the previous file in place.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RENDERING = "rendering", _("rendering")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("record ID"))
    source = GenericForeignKey("content_type", "object_id")
    layout = models.CharField(_("layout"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Every request increments `job`; a task that finds a newer job has been superseded.
    job = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("rendering started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("rendering finished"), null=True, blank=True)
    # Written by the worker while it renders: a worker that dies mid-render stops writing it.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to="pdf/", blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    objects = PdfDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF document")
        verbose_name_plural = _("PDF documents")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "layout"], name="unique_pdf_per_source"),
        ]

    def __str__(self):
        return f"{self.get_layout().title(self.source) if self.source else self.layout} ({self.get_status_display()})"

    def get_absolute_url(self):
        return self.get_layout().download_url(self.source)

    @property
    def is_available(self):
        return bool(self.file)

    @property
    def in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    @property
    def last_sign_of_life(self):
        # Rows rendering since before heartbeats were written have only their start time.
        return self.heartbeat_at or self.started_at

    @property
    def is_stalled(self):
        """Rendering, but its worker stopped giving signs of life: the task will never finish it."""
        if self.status != self.Status.RENDERING:
            return False
        return self.last_sign_of_life is None or self.last_sign_of_life < stall_cutoff()

    def log_contexts(self):
        """A document's history belongs to its source and to what the source belongs to (a plan)."""
        source = self.source
        if source is None:
            return []
        return [(type(source), source.pk), *getattr(source, "log_contexts", list)()]

    def get_layout(self):
        return get_layout(self.layout)

    def download_filename(self):
        return f"{self.get_layout().filename(self.source)}.pdf"

    def status_url(self):
        from django.urls import reverse

        return reverse("pdf_status", args=[self.pk])
