"""How the catalogue's registry data reads on its pages: forms, capacities with units, addresses."""

from django import template

from catalogue.codes import capacity_text
from catalogue.models import Service

register = template.Library()

FORMS = dict(Service.Form.choices)


@register.filter
def form_label(code):
    """pob -> residential (pobytová); a form the portal does not know keeps its code."""
    return FORMS.get(code, code)


@register.filter
def form_labels(forms):
    """The forms of a service, named, in one line."""
    return ", ".join(str(form_label(form.get("form"))) for form in forms or [] if form.get("form"))


register.filter("capacity", capacity_text)


@register.filter
def municipalities(service):
    """The distinct municipalities of the service's facilities (prefetched), in order."""
    return ", ".join(sorted({facility.municipality for facility in service.facilities.all() if facility.municipality}))


@register.filter
def postcode(value):
    """33901 -> 339 01, as Czech addresses write it."""
    value = str(value or "").replace(" ", "")
    return f"{value[:3]} {value[3:]}" if len(value) == 5 and value.isdigit() else value


@register.filter
def street_address(facility):
    """Street and numbers (Nádražní 12/3); empty for a secret address, which is not stored anyway."""
    if facility.secret_address:
        return ""
    number = "/".join(part for part in (facility.house_number, facility.orientation_number) if part)
    street = facility.street or (facility.part_of_municipality if facility.part_of_municipality != facility.municipality
                                 else "")
    return " ".join(part for part in (street, number) if part)
