"""How the catalogue's registry data reads on its pages: forms, capacities with units, addresses."""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from catalogue.codes import capacity_text
from catalogue.models import Service
from kpss.models import ServiceType

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


@register.simple_tag
def service_cards(services, show_provider=False):
    """The cards of a list of services (the catalogue's results, a provider's services), each a dict
    of catalogue.views.CARD_FIELDS: name linked to its page, type, provider, municipalities, forms.
    Written here with the standard library's escaping rather than in a template loop (the engine
    takes about half a millisecond a card) or with format_html (which looks for lazy text in every
    argument): the catalogue's search must answer within a few times the plainest page's time."""
    labels = {"type": gettext("Type"), "provider": gettext("Provider"), "places": gettext("Municipalities"),
              "forms": gettext("Forms"), "non_stop": gettext("non-stop")}
    # One reverse() for the page instead of one per card: the pk goes into the URL of pk 0.
    url_before_pk, url_after_pk = reverse("catalogue:service_detail", args=[0]).rsplit("0", 1)
    cards = "".join(
        f'<li class="card mb-3"><div class="card-body"><h3 class="h5 card-title">'
        f'<a href="{escape(url_before_pk)}{int(service["pk"])}{escape(url_after_pk)}">{escape(service["name"])}</a>'
        f'</h3><dl class="row mb-0 small">{_card_rows(service, labels, show_provider)}</dl></div></li>'
        for service in services)
    return mark_safe(f'<ul class="list-unstyled">{cards}</ul>')  # noqa: S308 (every value escaped above)


def _card_rows(service, labels, show_provider):
    rows = [(labels["type"], _type_text(service))]
    if show_provider:
        rows.append((labels["provider"], service["provider__name"]))
    if places := service["municipality_names"]:
        rows.append((labels["places"], places))
    if service["forms"]:
        forms = form_labels(service["forms"])
        rows.append((labels["forms"], f"{forms} · {labels['non_stop']}" if service["non_stop"] else forms))
    return "".join(f'<dt class="col-sm-3">{escape(term)}</dt><dd class="col-sm-9">{escape(value)}</dd>'
                   for term, value in rows)


def _type_text(service):
    if service["service_type__section"] is not None:
        return ServiceType.label(service["service_type__section"], service["service_type__name"])
    if service["portal_id"] is None:
        return gettext("related service")
    return gettext("code %(code)s in the registry") % {"code": service["type_code"]}
