"""The public catalogue as data: one record per service, for the CSV and JSON exports and the
printed catalogue's attachment.

Services are read in chunks with their provider, type and facilities (a constant number of queries
per chunk, whatever the catalogue's size). A facility with a secret address gives only its
municipality, never its street, number, postcode or address point.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from catalogue.codes import age_group_names, target_group_names, unit_name
from catalogue.models import Facility, Service

CHUNK = 500



class CodeNames:
    """The names of target and age groups by registry code, read once per export."""

    def __init__(self):
        self.target_groups = target_group_names()
        self.age_groups = age_group_names()

    def target_group(self, code):
        return self.target_groups.get(str(code), "")

    def age_group(self, code):
        return self.age_groups.get(str(code), "")


def public_services():
    """The public catalogue with what every export shows, in the order of the printed catalogue."""
    return (Service.objects.public()
            .select_related("provider", "service_type")
            .prefetch_related(Prefetch("facilities", queryset=Facility.objects.order_by("municipality", "name", "pk")))
            .order_by("name", "pk"))


def each_service(queryset=None):
    """The services one chunk at a time (prefetching per chunk), so memory stays bounded."""
    return (queryset if queryset is not None else public_services()).iterator(chunk_size=CHUNK)


def facility_record(facility):
    if facility.secret_address:
        return {"municipality": facility.municipality, "municipality_code": facility.municipality_code,
                "secret_address": True}
    return {
        "name": facility.name, "street": facility.street, "house_number": facility.house_number,
        "orientation_number": facility.orientation_number, "postcode": facility.postcode,
        "municipality": facility.municipality, "municipality_code": facility.municipality_code,
        "part_of_municipality": facility.part_of_municipality, "address_point": facility.address_point,
        "secret_address": False,
    }


def forms_of(service):
    return [{"form": form.get("form", ""), "form_name": _form_name(form.get("form", "")),
             "capacities": [_capacity(capacity) for capacity in form.get("capacities") or []]}
            for form in service.forms or []]


def _form_name(code):
    try:
        return str(Service.Form(code).label)
    except ValueError:
        return code


def _capacity(capacity):
    return {"count": capacity.get("count"), "unit": capacity.get("unit", ""),
            "unit_name": str(unit_name(capacity.get("unit", "")))}


def service_record(service, names):
    """What the JSON export says of one service; facilities nested."""
    service_type = service.service_type
    provider = service.provider
    return {
        "registry_id": service.registry_id,
        "portal_id": service.portal_id,
        "name": service.name,
        "type": {"section": service_type.section, "name": service_type.name,
                 "category": service_type.category} if service_type else None,
        "type_code": service.type_code,
        "provider": {"ico": provider.ico, "name": provider.name, "websites": provider.websites,
                     "emails": provider.emails, "phones": provider.phones},
        "forms": forms_of(service),
        "capacities": [_capacity(capacity) for capacity in service.capacities or []],
        "target_groups": [{"code": code, "name": names.target_group(code)} for code in service.target_group_codes],
        "age_groups": [{"code": code, "name": names.age_group(code)} for code in service.age_group_codes],
        "non_stop": service.non_stop,
        "provided_from": service.provided_from.isoformat() if service.provided_from else None,
        "websites": service.websites,
        "emails": service.emails,
        "phones": service.phones,
        "description": service.local_description,
        "opening_hours": service.local_opening_hours,
        "note": service.local_note,
        "facilities": [facility_record(facility) for facility in service.facilities.all()],
        "last_imported": service.imported_at.isoformat() if service.imported_at else None,
    }


def type_label(service):
    if service.service_type:
        return str(service.service_type)  # "§ 49 domovy pro seniory"
    return service.type_code


def forms_text(service):
    """"residential: 40 beds; outpatient" for a spreadsheet cell."""
    parts = []
    for form in forms_of(service):
        capacities = ", ".join(f"{capacity['count']} {capacity['unit_name']}" for capacity in form["capacities"])
        parts.append(f"{form['form_name']}: {capacities}" if capacities else form["form_name"])
    whole = ", ".join(f"{capacity['count']} {capacity['unit_name']}"
                      for capacity in map(_capacity, service.capacities or []))
    if whole:
        parts.append(_("the whole service: %(capacities)s") % {"capacities": whole})
    return "; ".join(parts)


def municipalities_of(service):
    return sorted({facility.municipality for facility in service.facilities.all() if facility.municipality})


def contacts_text(service):
    return "; ".join([*service.phones, *service.emails, *service.websites])


def csv_header():
    return [_("Registry identifier"), _("Name"), _("Service type"), _("Provider"), _("IČO"),
            _("Forms and capacities"), _("Target groups"), _("Age groups"), _("Municipalities"),
            _("Contacts"), _("Provider's contacts"), _("Non-stop"), _("Last imported")]


def csv_rows():
    """The header and one row per public service."""
    yield csv_header()
    names = CodeNames()
    for service in each_service():
        provider = service.provider
        yield [
            service.registry_id, service.name, type_label(service), provider.name, provider.ico,
            forms_text(service),
            "; ".join(f"{code} {names.target_group(code)}".strip() for code in service.target_group_codes),
            "; ".join(f"{code} {names.age_group(code)}".strip() for code in service.age_group_codes),
            ", ".join(municipalities_of(service)), contacts_text(service),
            "; ".join([*provider.phones, *provider.emails, *provider.websites]),
            _("yes") if service.non_stop else _("no"),
            service.imported_at.isoformat(timespec="seconds") if service.imported_at else "",
        ]
