"""The search box and filters above the public catalogue (`/katalog/`).

Each filter narrows `Service.objects.public()` with one of the QuerySet's own methods, so the
codes behave as the import stored them; an invalid choice in the URL is left out, not an error.
The choices (what the portal's code lists know, and the municipalities where public services
have a facility) take four queries to build; they are cached under the catalogue's revision
(`revision_facts`), which moves on with every change to what they are built from, together with
the number of public services (the count of the unfiltered list) and the printed catalogue's state
(the downloads box). The filters' widgets are in catalogue.widgets.
"""

import copy
from collections import Counter

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalogue import network
from catalogue.codes import age_group_names, section_key, target_group_names
from catalogue.documents import catalogue_document
from catalogue.models import CatalogueRevision, Facility, Service
from catalogue.widgets import QuickCheckbox, QuickSelect, QuickTextInput
from kpss.models import ServiceType, Territory, of_the_country

RELATED = "souvisejici"  # the type filter's choice of related services, which the registry does not hold
# The revision is what keeps the cached facts current; the timeout only bounds the memory a
# process keeps for revisions that have passed.
FACTS_TIMEOUT = 60 * 60


def revision_facts(revision=None):
    """What the catalogue's list needs that changes only with the catalogue's revision, in the active
    language: {"choices": {filter name: choices} of the filters whose choices the database holds,
    "public_count": the number of public services, "printed": the printed catalogue's state for the
    downloads box, or None before its first rendering}; cached, built when the revision has moved on.
    `revision` saves reading it where the page has it already."""
    key = f"catalogue-facts:{revision or CatalogueRevision.current()}:{get_language()}"
    facts = cache.get(key)
    if facts is None:
        facts = {
            "choices": {
                "druh": service_type_choices(),
                "cilova_skupina": list(target_group_names().items()),
                "vek": list(age_group_names().items()),
                "obec": municipality_choices(),
            },
            "public_count": Service.objects.public().count(),
            "printed": printed_state(catalogue_document()),
        }
        cache.set(key, facts, FACTS_TIMEOUT)
    return facts


def printed_state(document):
    if document is None:
        return None
    return {"available": document.is_available, "in_progress": document.in_progress, "size": document.size,
            "pages": document.pages}


def service_type_choices():
    """The types grouped as the act groups them (counselling, care, prevention) in the order of
    their sections, then the choice of related services, which the registry does not hold."""
    groups = {category: [] for category in ServiceType.Category}
    types = sorted(ServiceType.objects.filter(**of_the_country()).only("pk", "section", "name", "category"),
                   key=lambda service_type: section_key(service_type.section))
    for service_type in types:
        groups.setdefault(service_type.category, []).append((service_type.pk, str(service_type)))
    labels = dict(ServiceType.Category.choices)
    return [(str(labels.get(category, category)), choices) for category, choices in groups.items() if choices] + [
        (RELATED, str(_("related services")))]


def municipality_choices():
    """The municipalities where public services have a facility, among the portal's own
    municipalities when it has any (a town's catalogue imported with --all would otherwise offer
    every municipality of the country, thousands of options on every page); a name that two
    municipalities share gets its code. One query: for the portal's municipalities an indexed
    lookup each, else the distinct municipalities of all facilities."""
    public_facilities = Facility.objects.filter(service__withdrawn_at__isnull=True)
    portal = Territory.objects.municipalities().exclude(code="")
    rows = list(portal.filter(Exists(public_facilities.filter(municipality_code=OuterRef("code"))))
                .order_by("name", "code").values_list("code", "name"))
    if not rows and not portal.exists():
        rows = network.municipality_choices()
    shared = {name for name, count in Counter(name for _code, name in rows).items() if count > 1}
    return [(code, f"{name} ({code})" if name in shared or not name else name) for code, name in rows]


class SharedChoicesField(django_filters.fields.ChoiceField):
    """A choice field whose copies share its choices: each form deep-copies its class's fields, and
    the choices of the catalogue's filters (hundreds of municipalities and types) never change in
    place; a form that sets other choices on its field replaces them on that field only."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)  # forms.ChoiceField's would copy every choice


class CopiedShallowly:
    """A filter whose copies share its settings (label, widget, choices): every FilterSet deep-copies
    its class's filters, and the catalogue's lazy labels and choices made that a fifth of the filters'
    time on each page. Nothing changes them in place; a copy gets its own method, bound to itself."""

    def __deepcopy__(self, memo):
        copied = memo[id(self)] = copy.copy(self)
        copied.method = self.method  # a FilterMethod calls the filter it was made for
        copied.__dict__.pop("_field", None)  # a form field of its own, built when asked for
        return copied


class CharFilter(CopiedShallowly, django_filters.CharFilter):
    pass


class BooleanFilter(CopiedShallowly, django_filters.BooleanFilter):
    pass


class ChoiceFilter(CopiedShallowly, django_filters.ChoiceFilter):
    field_class = SharedChoicesField


SELECT = QuickSelect(attrs={"class": "form-select"})
# The filters' form classes by (revision, language); see ServiceFilter.get_form_class.
FORM_CLASSES = {}
MAX_FORM_CLASSES = 8


class ServiceFilter(django_filters.FilterSet):
    q = CharFilter(label=_("Search"), method="search", max_length=200,
                   widget=QuickTextInput(attrs={"class": "form-control", "type": "search"}),
                   help_text=_("Name of the service or provider, type, municipality, description."))
    druh = ChoiceFilter(label=_("Service type"), method="of_type", empty_label=_("all types"), widget=SELECT)
    cilova_skupina = ChoiceFilter(label=_("Target group"), method="for_target_group",
                                  empty_label=_("all target groups"), widget=SELECT)
    vek = ChoiceFilter(label=_("Age group"), method="for_age_group", empty_label=_("all ages"), widget=SELECT)
    forma = ChoiceFilter(label=_("Form"), method="in_form", choices=Service.Form.choices,
                         empty_label=_("all forms"), widget=SELECT)
    obec = ChoiceFilter(label=_("Municipality served"), method="serving", empty_label=_("all municipalities"),
                        widget=SELECT)
    nonstop = BooleanFilter(label=_("Non-stop only"), method="non_stop",
                            widget=QuickCheckbox(attrs={"class": "form-check-input"}))

    class Meta:
        model = Service
        fields = []

    @cached_property
    def revision(self):
        return CatalogueRevision.current(getattr(self.request, "site_settings", None))

    @cached_property
    def facts(self):
        return revision_facts(self.revision)

    def get_form_class(self):
        """The filters' form class with the choices from the database on its fields, built once per
        revision and language in each process: django-filter builds a class on every page, and the
        choices set on a form's fields are normalised again each time (together a tenth of the
        search's time at national size)."""
        key = (str(self.revision), get_language())
        form_class = FORM_CLASSES.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            for name, choices in self.facts["choices"].items():
                form_class.base_fields[name].choices = choices
            for field in form_class.base_fields.values():
                if isinstance(field.widget, QuickSelect):
                    field.widget.keep_options()
            if len(FORM_CLASSES) >= MAX_FORM_CLASSES:  # revisions that have passed
                FORM_CLASSES.clear()
            FORM_CLASSES[key] = form_class
        return form_class

    @property
    def narrows(self):
        """Whether a search or a filter narrows the list (an invalid choice is left out, as ignored)."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # fills cleaned_data with the valid fields
        return any(self.form.cleaned_data.get(name) for name in self.filters)

    def search(self, services, name, value):
        return services.search(value) if value else services

    def of_type(self, services, name, value):
        if value == RELATED:
            return services.filter(portal_id__isnull=True)
        return services.filter(service_type=value) if value else services

    def for_target_group(self, services, name, value):
        return services.with_code("tg", value) if value else services

    def for_age_group(self, services, name, value):
        return services.with_code("age", value) if value else services

    def in_form(self, services, name, value):
        return services.with_code("form", value) if value else services

    def serving(self, services, name, value):
        return services.serving_municipality(value) if value else services

    def non_stop(self, services, name, value):
        return services.filter(non_stop=True) if value else services
