"""Template filters for plan pages, including versions rendered from their JSON snapshot."""

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

from kpss.numbers import display_number
from planning.models import Decision, Plan, SwotItem

register = template.Library()


@register.filter
def czk(amount):
    """An amount in Czech crowns: 1250000 → "1 250 000 Kč" (grouped with no-break spaces)."""
    if amount in (None, ""):
        return ""
    return f"{number_format(Decimal(amount), decimal_pos=0, force_grouping=True)}\u00a0Kč"


register.filter("number", display_number)


@register.filter
def isodate(value):
    """A date stored as ISO text in a version snapshot, in the active language's format."""
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(value))


CHOICES = {"status": Plan.Status, "swot": SwotItem.Kind, "decision": Decision.Outcome}


@register.filter
def label(code, choices):
    """The label of a code kept in a version snapshot: {{ p.status|label:"status" }}."""
    if choices == "plan_kind":
        return Plan.kind_label(code)  # named by the country's law
    return CHOICES[choices](code).label


@register.filter
def swot_heading(kind):
    """The plural heading of a SWOT quadrant, for a kind or its code kept in a snapshot."""
    return SwotItem.Kind(kind).heading


@register.filter
def get(mapping, key):
    """A value of a dict by a key held in a variable: {{ kinds|get:kind }}."""
    return mapping.get(key, [])
