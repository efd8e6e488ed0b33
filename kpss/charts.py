"""Charts drawn on the server as SVG: no JavaScript, the same picture in the browser and in a PDF.

A chart is a picture of numbers the page also gives as a table (templates/includes/chart.html
renders both): the SVG has role="img" and names itself by its <title> and <desc>, so a screen
reader announces what it shows and reads the numbers from the table beside it.

    chart = bar_chart(_("Answers"), [("Ano", 12), ("Ne", 3)])
    chart = grouped_bar_chart(_("Indicators"), [("Klienti", [120, 96])], series=[_("target"), _("actual")])
    {% include "includes/chart.html" with chart=chart %}

Each row is drawn as its label on a line of its own (a long label needs the whole width) with its
bar(s) below, the number written after the bar. The largest value (or `maximum`) fills the bars'
width; a negative value draws no bar, a missing one (None) draws none and reads "–".

Colours: the bars have at least 4.5:1 against the white background (3:1 is what WCAG 1.4.11 asks
of graphics), the text at least 7:1; a second series is hatched besides its colour, so the chart
does not depend on colour alone (WCAG 1.4.1).
"""

import hashlib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kpss.numbers import display_number

WIDTH = 640
MARGIN = 8
CHARACTER_WIDTH = 8  # the average width of a character at the chart's font size, in its units
VALUE_SPACE = 150  # on the right of the longest bar, for its number
LABEL_HEIGHT = 20
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_GAP = 14
LEGEND_HEIGHT = 28
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT_COLOUR = "#212529"  # 15.4:1 on white
AXIS_COLOUR = "#6c757d"  # 4.7:1
# (fill, hatched): dark blue 7.3:1 and dark orange 5.3:1 on white.
SERIES_STYLES = [("#1c5d8c", False), ("#a34a00", True), ("#2e6b30", False), ("#6f3b8f", True)]
MAX_LABEL_CHARACTERS = 85  # what fits the width at the font's size; the table has the whole label
MISSING = "–"


@dataclass
class Chart:
    """A chart's numbers and its SVG. In a template `{{ chart }}` is the SVG; the include adds the table."""

    title: str
    rows: list  # (label, [value per series], note)
    series: list
    unit: str = ""
    maximum: object = None
    description: str = ""
    notes_heading: str = ""
    chart_id: str = ""
    svg: str = field(init=False)

    def __post_init__(self):
        self.chart_id = self.chart_id or _chart_id(self.title, self.rows, self.series)
        self.svg = mark_safe(_render(self))  # every text in it is escaped in _render

    def __html__(self):
        return self.svg

    def __str__(self):
        return self.svg

    @property
    def has_notes(self):
        return any(note for _label, _values, note in self.rows)

    def format(self, value):
        """A value as the chart writes it: "1 500,5 Kč"; "–" for a missing value."""
        if value is None:
            return MISSING
        number = display_number(value)
        return f"{number}\u00a0{self.unit}" if self.unit else number

    def table_rows(self):
        """(label, [formatted value per series], note) for the table beside the chart."""
        return [(label, [self.format(value) for value in values], note) for label, values, note in self.rows]


def bar_chart(title, rows, *, unit="", maximum=None, description="", value_heading="", notes_heading="",
              chart_id=""):
    """A horizontal bar chart of `rows`, each (label, value) or (label, value, note).

    A note (e.g. a share, "40 %") is written after the number and has a column of its own in the
    table, headed `notes_heading`. `value_heading` heads the numbers' column (default "Value").
    """
    rows = [_row(row, lambda value: [value]) for row in rows]
    return Chart(title, rows, [value_heading or _("Value")], unit=unit, maximum=maximum, description=description,
                 notes_heading=notes_heading, chart_id=chart_id)


def grouped_bar_chart(title, rows, *, series, unit="", maximum=None, description="", notes_heading="",
                      chart_id=""):
    """Bars of two or more series side by side per label (target vs actual, plan vs spending) with a
    legend; `rows` are (label, [value per series]) or (label, [values], note)."""
    if not 1 <= len(series) <= len(SERIES_STYLES):
        raise ValueError(f"A grouped chart draws 1 to {len(SERIES_STYLES)} series, not {len(series)}.")
    rows = [_row(row, list) for row in rows]
    for label, values, _note in rows:
        if len(values) != len(series):
            raise ValueError(f"The row {label!r} has {len(values)} values for {len(series)} series.")
    return Chart(title, rows, list(series), unit=unit, maximum=maximum, description=description,
                 notes_heading=notes_heading, chart_id=chart_id)


def paired_bar_chart(title, rows, *, series, **options):
    """Two values per label, e.g. `series=(_("target"), _("actual"))`; rows are (label, first, second)."""
    return grouped_bar_chart(title, [(label, [first, second], *rest) for label, first, second, *rest in rows],
                             series=series, **options)


def _row(row, values_of):
    label, value, *rest = row
    return str(label), values_of(value), str(rest[0]) if rest and rest[0] is not None else ""


def _chart_id(title, rows, series):
    # Derived from the content, so the same chart renders the same markup (a PDF re-rendered from a
    # snapshot stays the same); two different charts on a page get different ids.
    digest = hashlib.sha256(repr((str(title), rows, [str(name) for name in series])).encode()).hexdigest()
    return f"chart-{digest[:10]}"


def _number(value):
    return value if isinstance(value, int | float) else float(value)


def _render(chart):
    """The SVG of `chart`: a legend (for several series), then per row its label and bars."""
    series_count = len(chart.series)
    values = [_number(value) for _label, row_values, _note in chart.rows for value in row_values if value is not None]
    maximum = _number(chart.maximum) if chart.maximum is not None else max(values, default=0)
    # Room after the longest bar for the longest value written after it, so no text leaves the chart.
    longest = max((len(_value_text(chart, value, note, index)) for _label, row_values, note in chart.rows
                   for index, value in enumerate(row_values)), default=0)
    bar_space = WIDTH - 2 * MARGIN - max(VALUE_SPACE, round(longest * CHARACTER_WIDTH) + 12)
    legend = LEGEND_HEIGHT if series_count > 1 else 0
    row_height = LABEL_HEIGHT + series_count * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = MARGIN + legend + max(len(chart.rows), 1) * row_height + MARGIN
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    description = chart.description or _("The same numbers are in the table next to the chart.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT)}" font-size="14" '
        f'fill="{TEXT_COLOUR}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        *_patterns(chart),
    ]
    if series_count > 1:
        parts += _legend(chart)
    if not chart.rows:
        no_data = escape(_("No data"))
        parts.append(f'<text x="{MARGIN}" y="{MARGIN + legend + LABEL_HEIGHT}">{no_data}</text>')
    top = MARGIN + legend
    for label, row_values, note in chart.rows:
        parts.append(f'<text x="{MARGIN}" y="{top + LABEL_HEIGHT - 6}">'
                     f'{escape(Truncator(label).chars(MAX_LABEL_CHARACTERS))}</text>')
        y = top + LABEL_HEIGHT
        for index, value in enumerate(row_values):
            width = 0
            if value is not None and maximum > 0:
                width = round(bar_space * min(max(_number(value), 0), maximum) / maximum, 1)
            if width > 0:
                parts.append(f'<rect x="{MARGIN}" y="{y}" width="{width:g}" height="{BAR_HEIGHT}" '
                             f'{_bar_paint(chart, index)}/>')
            text = _value_text(chart, value, note, index)
            parts.append(f'<text x="{MARGIN + width + 6:g}" y="{y + BAR_HEIGHT - 3}">{escape(text)}</text>')
            y += BAR_HEIGHT + BAR_GAP
        top += row_height
    # The axis the bars grow from.
    parts.append(f'<line x1="{MARGIN}" y1="{MARGIN + legend}" x2="{MARGIN}" y2="{height - MARGIN}" '
                 f'stroke="{AXIS_COLOUR}" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)


def _value_text(chart, value, note, index):
    text = chart.format(value)
    return f"{text} ({note})" if note and index == 0 else text


def _bar_paint(chart, index):
    colour, hatched = SERIES_STYLES[index]
    if hatched:
        return f'fill="url(#{chart.chart_id}-hatch-{index})" stroke="{colour}" stroke-width="1"'
    return f'fill="{colour}"'


def _patterns(chart):
    patterns = []
    for index in range(len(chart.series)):
        colour, hatched = SERIES_STYLES[index]
        if hatched:
            patterns.append(
                f'<pattern id="{chart.chart_id}-hatch-{index}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.5"/></pattern>'
            )
    return [f"<defs>{''.join(patterns)}</defs>"] if patterns else []


def _legend(chart):
    parts = []
    x = MARGIN
    for index, name in enumerate(chart.series):
        parts.append(f'<rect x="{x}" y="{MARGIN + 2}" width="14" height="14" {_bar_paint(chart, index)}/>')
        parts.append(f'<text x="{x + 20}" y="{MARGIN + 14}">{escape(name)}</text>')
        x += 20 + 9 * len(str(name)) + 24
    return parts
