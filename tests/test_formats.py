"""Czech and Slovak dates and numbers as their offices write them."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation


def render(source, **context):
    return Template(source).render(Context(context))


CZECH_AND_SLOVAK = pytest.mark.parametrize("language", ["cs", "sk"])


@CZECH_AND_SLOVAK
def test_dates_are_day_month_year_with_spaces(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2021, 12, 6)) == "6. 12. 2021"
        assert formats.date_format(datetime.date(2021, 12, 6), "SHORT_DATE_FORMAT") == "6. 12. 2021"
        assert render("{{ d|date }}", d=datetime.date(2023, 6, 19)) == "19. 6. 2023"


@CZECH_AND_SLOVAK
def test_dates_are_accepted_in_forms_as_typed(language):
    from django import forms

    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override(language):
        for typed in ["6. 12. 2021", "6.12.2021", "2021-12-06"]:
            form = DateForm({"day": typed})
            assert form.is_valid(), typed
            assert form.cleaned_data["day"] == datetime.date(2021, 12, 6)


@CZECH_AND_SLOVAK
def test_numbers_have_decimal_comma_and_grouped_thousands(language):
    with translation.override(language):
        assert formats.number_format(Decimal("1500.5"), decimal_pos=2, force_grouping=True) == "1\u00a0500,50"
        assert render("{% load humanize %}{{ n|intcomma }}", n=1250000) == "1\u00a0250\u00a0000"


def test_years_are_not_grouped():
    # USE_THOUSAND_SEPARATOR stays off so that "2022–2024" never renders as "2 022–2 024".
    with translation.override("cs"):
        assert render("{{ y }}", y=2024) == "2024"
