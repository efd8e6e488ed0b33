"""Names of the registry's code lists the portal shows but does not store as models: the units of
registered capacity (TypKapacitySocialniSluzby)."""

from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kpss.numbers import display_number

# In the order planners read them: residential beds first, then people, then contacts.
CAPACITY_UNITS = {
    "luzka": _("beds"),
    "klient": _("clients"),
    "kontakt": _("contacts"),
    "interv": _("interventions"),
    "hovor": _("calls"),
}


# The same units as column headings of the planners' capacity table.
CAPACITY_COLUMNS = {
    "luzka": pgettext_lazy("capacity table column", "Beds"),
    "klient": pgettext_lazy("capacity table column", "Clients"),
    "kontakt": pgettext_lazy("capacity table column", "Contacts"),
    "interv": pgettext_lazy("capacity table column", "Interventions"),
    "hovor": pgettext_lazy("capacity table column", "Calls"),
}


def unit_name(code):
    """A unit's name; a code the registry added later is shown as it is."""
    return CAPACITY_UNITS.get(code, code)


def after_slash(value):
    """The key of a registry reference: "CilovaSkupinaOsoby/24" -> "24" (a bare "24" stays)."""
    return str(value).rsplit("/", 1)[-1]


def section_key(section):
    """The order of sections of the act and of registry codes: § 37 before § 39a before § 40, by
    number and then letter; an empty one last."""
    digits = "".join(char for char in str(section) if char.isdigit())
    return (int(digits) if digits else 10_000, str(section))


def target_group_names():
    """{registry code: name} of the target groups the portal knows the registry's code of, in the
    code list's order."""
    from kpss.models import TargetGroup

    return {after_slash(code): name for code, name in TargetGroup.objects.exclude(registry_code="")
            .order_by("order", "name").values_list("registry_code", "name")}


def target_group_choices():
    """(registry code, name) of the target groups the portal knows the code of, for a select."""
    return list(target_group_names().items())


def age_group_names():
    """{registry code: name} of the age groups the coordinator has named, in their order."""
    from catalogue.models import AgeGroup

    return {after_slash(code): name for code, name in AgeGroup.objects.values_list("registry_code", "name")}


def capacity_text(item):
    """{"count": 40, "unit": "luzka"} -> "40 beds" (Czech: 40 lůžek)."""
    count = item.get("count")
    if count is None:
        return gettext("capacity not given (unit %(unit)s)") % {"unit": item.get("unit") or "?"}
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    return _unit_text(item.get("unit"), count)


def _unit_text(unit, count):
    units = {
        "luzka": lambda n: ngettext("%(count)s bed", "%(count)s beds", n),
        "klient": lambda n: ngettext("%(count)s client", "%(count)s clients", n),
        "kontakt": lambda n: ngettext("%(count)s contact", "%(count)s contacts", n),
        "interv": lambda n: ngettext("%(count)s intervention", "%(count)s interventions", n),
        "hovor": lambda n: ngettext("%(count)s call", "%(count)s calls", n),
    }
    if unit in units:
        return units[unit](count) % {"count": display_number(count)}
    return gettext("%(count)s (unit %(unit)s)") % {"count": display_number(count), "unit": unit or "?"}
