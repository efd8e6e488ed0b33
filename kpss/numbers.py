"""Numbers as Czech people type and read them: a decimal comma, spaces between thousands.

The browser's `<input type="number">` knows neither (a number typed with a comma is refused or,
in some browsers, read with the comma dropped), and Django shows a stored 25.00 as "25.00". A model
field declared with `kpss.numbers.DecimalField` gets, in every form and in the admin, a text input
that accepts "25,5", "25.5" and "1 500,5", and shows "25" and "25,5".
"""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.formats import number_format

SPACES = ("\u00a0", "\u202f", " ")


def display_number(value):
    """A number as the page's language writes it, without trailing zeros: 1500.50 → "1 500,5" in Czech."""
    if value in (None, ""):
        return ""
    return number_format(Decimal(str(value)).normalize() + 0, force_grouping=True)


class DecimalInput(forms.TextInput):
    """A text input for a decimal number: the phone's keyboard with digits and a comma."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            # normalize() drops trailing zeros; "f" keeps 100 from becoming "1E+2".
            return format(value.normalize(), "f").replace(".", ",")
        return super().format_value(value)


class LocalDecimalFormField(forms.DecimalField):
    widget = DecimalInput

    def to_python(self, value):
        if isinstance(value, str):
            for space in SPACES:
                value = value.replace(space, "")
            value = value.replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # Django adds step, min and max for a number input; a text input needs none of them.
        return forms.Field.widget_attrs(self, widget)


class DecimalField(models.DecimalField):
    """A models.DecimalField whose forms accept and show Czech numbers (see the module's docstring)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LocalDecimalFormField, **kwargs})
