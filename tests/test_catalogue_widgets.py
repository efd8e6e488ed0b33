"""The catalogue's filter widgets written in Python: the same HTML as Django's templates write."""

import copy

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy

from catalogue.widgets import QuickCheckbox, QuickSelect, QuickTextInput

ATTRS = {"id": "id_q", "aria-describedby": "id_q_helptext", "required": True, "disabled": False, "data-x": 'a"b'}


@pytest.mark.parametrize(("quick", "django_widget", "value"), [
    *[(QuickTextInput, forms.TextInput, value) for value in ('Domov "U lípy" <b>', None, "", 5)],
    *[(QuickCheckbox, forms.CheckboxInput, value) for value in (True, False, None, "on", "")],
])
@pytest.mark.parametrize("attrs", [ATTRS, None])
def test_quick_inputs_write_what_djangos_templates_write(quick, django_widget, value, attrs):
    widget_attrs = {"class": "form-control", "type": "search"}
    assert quick(attrs=widget_attrs).render("q", value, attrs) == django_widget(attrs=widget_attrs).render(
        "q", value, attrs)


CHOICES = [("", "všechny"), ("Péče", [("1", "§ 40 pečovatelská služba"), ("2", 'Domov "A&B"')]), ("3", "třetí")]


@pytest.mark.parametrize("value", ["2", "3", "", None, "neni"])
def test_quick_select_writes_what_djangos_select_writes(value):
    quick, plain = QuickSelect(choices=CHOICES), forms.Select(choices=CHOICES)
    # Django's template puts a newline between options; the HTML is otherwise the same.
    expected = plain.render("druh", value, {"id": "id_druh"}).replace("\n", "").replace("  ", "")
    assert quick.render("druh", value, {"id": "id_druh"}) == expected


def test_the_kept_options_mark_only_what_each_page_chose():
    select = QuickSelect(choices=CHOICES)
    select.keep_options()
    assert select.render("druh", "2").count(" selected") == 1
    assert '<option value="1" selected>' in select.render("druh", "1")
    assert '<option value="2" selected>' not in select.render("druh", "1")
    assert " selected" not in select.render("druh", "neni")


def test_a_copy_keeps_the_options_and_new_choices_drop_them():
    select = QuickSelect(choices=CHOICES)
    select.keep_options()
    copied = copy.deepcopy(select)  # what each form does with its class's fields
    assert copied.options_html == select.options_html
    copied.choices = [("9", "devátá")]
    assert copied.options_html is None
    assert '<option value="9">devátá</option>' in copied.render("druh", None)
    assert "devátá" not in select.render("druh", None)


def test_the_filters_form_keeps_the_options_in_the_pages_language(db):
    from catalogue.filters import ServiceFilter
    from catalogue.models import Service

    with translation.override("cs"):
        czech = ServiceFilter({"forma": "pob"}, queryset=Service.objects.none()).form
    with translation.override("en"):
        english = ServiceFilter({"forma": "pob"}, queryset=Service.objects.none()).form
    assert '<option value="pob" selected>pobytová</option>' in str(czech["forma"])
    assert '<option value="pob" selected>residential</option>' in str(english["forma"])
    assert czech.fields["forma"].widget.options_html is not None


def test_the_quick_select_escapes_and_marks_the_choice():
    select = QuickSelect(attrs={"class": "form-select"}, choices=[
        ("", "vše"), ("A&B", [("1", "<b>jedna</b>"), ("2", "dvě")]), ("x\"y", "uvozovka")])
    html = select.render("obec", "2", attrs={"id": "id_obec"})
    assert html == ('<select name="obec" class="form-select" id="id_obec"><option value="">vše</option>'
                    '<optgroup label="A&amp;B"><option value="1">&lt;b&gt;jedna&lt;/b&gt;</option>'
                    '<option value="2" selected>dvě</option></optgroup>'
                    '<option value="x&quot;y">uvozovka</option></select>')


def test_options_are_in_the_pages_language():
    select = QuickSelect(choices=[("pob", gettext_lazy("residential"))])
    with translation.override("cs"):
        assert "pobytová" in select.render("forma", None)
    with translation.override("en"):
        assert "residential" in select.render("forma", None)


def test_copies_of_a_filters_choice_field_share_its_choices_until_given_their_own():
    from catalogue.filters import SharedChoicesField

    field = SharedChoicesField(choices=CHOICES, empty_label="všechny")
    copied = copy.deepcopy(field)
    assert copied._choices is field._choices
    copied.choices = [("9", "devátá")]
    assert list(copied.choices) == [("", "všechny"), ("9", "devátá")]
    assert ("3", "třetí") in list(field.choices)
    assert copied.clean("9") == "9"
    with pytest.raises(forms.ValidationError):
        field.clean("9")


def test_each_filterset_gets_its_own_filters_bound_to_itself(db):
    from catalogue.filters import ServiceFilter
    from catalogue.models import Service

    first = ServiceFilter({"q": "domov"}, queryset=Service.objects.all())
    second = ServiceFilter({"q": "poradna"}, queryset=Service.objects.all())
    assert first.filters["q"] is not second.filters["q"] is not ServiceFilter.base_filters["q"]
    assert first.filters["q"].filter.f is first.filters["q"]
    assert first.filters["q"].parent is first
    assert second.filters["q"].parent is second
    assert not hasattr(ServiceFilter.base_filters["q"], "parent")
    assert first.filters["druh"].extra is ServiceFilter.base_filters["druh"].extra  # settings shared
    base_field = ServiceFilter.base_filters["druh"].field  # a field built on the class's filter
    assert ServiceFilter({}, queryset=Service.objects.all()).filters["druh"].field is not base_field
    assert "domov" in str(first.qs.query)
    assert "poradna" in str(second.qs.query)
