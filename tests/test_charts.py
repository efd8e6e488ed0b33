"""Server-side SVG charts (kpss.charts): numbers written the Czech way, labels escaped, bars scaled,
and the include that gives the same numbers as a table."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from kpss.charts import (
    AXIS_COLOUR,
    MARGIN,
    SERIES_STYLES,
    TEXT_COLOUR,
    VALUE_SPACE,
    WIDTH,
    bar_chart,
    grouped_bar_chart,
    paired_bar_chart,
)

BAR_SPACE = WIDTH - 2 * MARGIN - VALUE_SPACE


@pytest.fixture(autouse=True)
def _czech():
    with translation.override("cs"):
        yield


def bar_widths(svg):
    return [float(width) for width in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)" height="16"', svg)]


def test_a_bar_chart_names_itself_and_writes_numbers_the_czech_way():
    svg = str(bar_chart("Náklady podle zdrojů", [("Obec", Decimal("1500.50")), ("Kraj", 250)], unit="Kč",
                        description="Roční náklady opatření."))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    title_id = re.search(r'<title id="([^"]+)">Náklady podle zdrojů</title>', svg).group(1)
    desc_id = re.search(r'<desc id="([^"]+)">Roční náklady opatření.</desc>', svg).group(1)
    assert f'aria-labelledby="{title_id} {desc_id}"' in svg
    assert "1\u00a0500,5\u00a0Kč" in svg
    assert "250\u00a0Kč" in svg
    assert ">Obec</text>" in svg
    assert ">Kraj</text>" in svg


def test_the_largest_value_fills_the_width_and_the_others_scale():
    widths = bar_widths(str(bar_chart("Odpovědi", [("Ano", 10), ("Ne", 5), ("Nevím", 2.5)])))
    assert widths == [BAR_SPACE, BAR_SPACE / 2, BAR_SPACE / 4]


def test_a_given_maximum_is_the_full_width():
    widths = bar_widths(str(bar_chart("Plnění", [("Splněno", 3)], maximum=12)))
    assert widths == [BAR_SPACE / 4]


def test_labels_and_titles_are_escaped():
    svg = str(bar_chart('<script>alert("x")</script>', [("<b>Tučně</b> & spol.", 1)], unit="<i>"))
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "<i>" not in svg
    assert "&lt;b&gt;Tučně&lt;/b&gt; &amp; spol." in svg
    html = render_to_string("includes/chart.html", {"chart": bar_chart("<x>", [("<b>y</b>", 1)])})
    assert "<b>y</b>" not in html
    assert "&lt;b&gt;y&lt;/b&gt;" in html


def test_zeros_draw_no_bars_and_do_not_divide_by_zero():
    chart = bar_chart("Nic", [("A", 0), ("B", 0)])
    assert bar_widths(str(chart)) == []
    assert [values for _label, values, _note in chart.table_rows()] == [["0"], ["0"]]


def test_an_empty_chart_says_so():
    chart = bar_chart("Prázdný", [])
    assert translation.gettext("No data") in str(chart)
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "<caption>Prázdný</caption>" in html


def test_the_include_gives_the_same_numbers_as_a_table():
    chart = bar_chart("Odpovědi", [("Ano", 12, "80 %"), ("Ne", 3, "20 %")], value_heading="Počet",
                      notes_heading="Podíl")
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert str(chart.svg) in html
    assert "<caption>Odpovědi</caption>" in html
    assert re.search(r'<th scope="row">Ano</th>\s*<td class="text-end">12</td>\s*<td class="text-end">80 %</td>', html)
    assert '<th scope="col" class="text-end">Podíl</th>' in html
    assert "12 (80 %)" in str(chart)


def test_a_paired_chart_has_a_legend_and_two_bars_per_label():
    chart = paired_bar_chart("Indikátory", [("Klienti", 120, 96), ("Lůžka", 10, None)], series=("cíl", "skutečnost"))
    svg = str(chart)
    assert ">cíl</text>" in svg
    assert ">skutečnost</text>" in svg
    assert 'fill="url(#' in svg  # the second series is hatched, not told apart by colour alone
    assert bar_widths(svg)[:2] == [BAR_SPACE, BAR_SPACE * 96 / 120]
    assert [values for _label, values, _note in chart.table_rows()] == [["120", "96"], ["10", "–"]]
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert '<th scope="col" class="text-end">skutečnost</th>' in html


def test_the_same_chart_renders_the_same_markup_and_different_charts_different_ids():
    first, again = bar_chart("A", [("x", 1)]), bar_chart("A", [("x", 1)])
    assert str(first) == str(again)
    assert first.chart_id != bar_chart("B", [("x", 1)]).chart_id


def contrast(colour, background="#ffffff"):
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(colour), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_bars_and_text_contrast_with_the_background():
    assert all(contrast(colour) >= 3 for colour, _hatched in SERIES_STYLES)
    assert contrast(TEXT_COLOUR) >= 4.5
    assert contrast(AXIS_COLOUR) >= 3


def test_a_row_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError, match="2 series"):
        grouped_bar_chart("X", [("a", [1])], series=("a", "b"))


def test_a_long_value_with_its_note_stays_within_the_chart():
    import re

    from kpss.charts import CHARACTER_WIDTH, MARGIN, WIDTH

    note = "1 650 / 2 200 přenocování"
    chart = bar_chart("Indikátory", [("Počet přenocování", 100, note), ("Počet lůžek", 50)], maximum=100, unit="%")
    bar = float(re.search(r'<rect x="8" y="\d+" width="([\d.]+)"', chart.svg).group(1))
    text = f"100\u00a0% ({note})"
    assert MARGIN + bar + 6 + len(text) * CHARACTER_WIDTH <= WIDTH
