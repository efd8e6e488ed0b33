"""Czech typography: no one-letter word at a line end, numbers with their units, whole dates."""

import pytest
from django.template import Context, Template

from kpss.typography import NBSP, czech_typography

S = NBSP


@pytest.mark.parametrize(("text", "expected"), [
    ("služby v Lipovci", f"služby v{S}Lipovci"),
    ("a v Praze i k lidem", f"a{S}v{S}Praze i{S}k{S}lidem"),
    ("S podporou obce", f"S{S}podporou obce"),
    ("kapacita 10 %", f"kapacita 10{S}%"),
    ("náklady 1 500 Kč ročně", f"náklady 1{S}500{S}Kč ročně"),
    ("celkem 1 250 000 Kč", f"celkem 1{S}250{S}000{S}Kč"),
    ("schváleno dne 6. 12. 2021", f"schváleno dne 6.{S}12.{S}2021"),
    ("podle § 37 zákona", f"podle §{S}37{S}zákona"),
    ("období 2022 2024", "období 2022 2024"),
    ("Praha a", "Praha a"),
    ("ul. U Lípy", f"ul. U{S}Lípy"),
])
def test_czech_typography(text, expected):
    assert czech_typography(text) == expected


def test_html_tags_and_attributes_are_left_alone():
    html = '<a class="a b" href="/k v">odkaz v textu</a> a <em>v</em> domě'
    assert czech_typography(html) == f'<a class="a b" href="/k v">odkaz v{S}textu</a> a{S}<em>v</em> domě'


def test_filter_escapes_plain_text_and_keeps_safe_html():
    template = Template("{% load kpss %}{{ text|typo }}|{{ html|typo }}")
    from django.utils.safestring import mark_safe

    rendered = template.render(Context({"text": "<b>v obci</b>", "html": mark_safe("<b>v obci</b>")}))
    assert rendered == f"&lt;b&gt;v{S}obci&lt;/b&gt;|<b>v{S}obci</b>"


def test_what_users_typed_into_a_textarea_comes_back_unchanged():
    html = '<p>v obci</p><textarea name="t">a v textu 5 lidí</textarea><pre>k v</pre>'
    assert czech_typography(html) == f'<p>v{S}obci</p><textarea name="t">a v textu 5 lidí</textarea><pre>k v</pre>'


def test_a_number_keeps_the_noun_it_counts():
    assert czech_typography("5 členů") == f"5{S}členů"


def test_applying_twice_changes_nothing_more():
    once = czech_typography("a v roce 2024 celkem 1 500 Kč")
    assert czech_typography(once) == once


def test_options_of_a_select_are_left_as_they_are():
    select = '<select name="druh"><option value="1">§ 49 Domovy pro seniory</option></select>'
    assert czech_typography(f"{select} v obci") == f"{select} v{S}obci"


@pytest.mark.parametrize(("html", "expected"), [
    ("<td>6. 12. 2021</td><td>16. 1. 2022</td>", f"<td>6.{S}12.{S}2021</td><td>16.{S}1.{S}2022</td>"),
    ("x6. 12. 2021", "x6. 12. 2021"),  # glued to a word: not a date
    ("x16. 12. 2021", "x16. 12. 2021"),
    ("<b>1234 567</b> 12 345", f"<b>1234 567</b> 12{S}345"),  # four digits are not thousands
    ("<i>k</i> <i>v</i>", "<i>k</i> <i>v</i>"),  # the space belongs to no word
    ("o<br>a b", f"o<br>a{S}b"),
    ("10 <sup>%</sup>", "10 <sup>%</sup>"),
])
def test_each_rule_holds_across_many_text_runs(html, expected):
    assert czech_typography(html) == expected


def test_a_text_holding_a_nul_character_is_glued_all_the_same():
    assert czech_typography("a\x00 v <b>obci</b> k lidem") == f"a\x00 v{S}<b>obci</b> k{S}lidem"
