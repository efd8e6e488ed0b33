"""A year's evaluation as a spreadsheet that partners fill in and upload back: the same layout as
CSV (semicolons, UTF-8 with a BOM, decimal comma, as Czech Excel opens it) and as XLSX.

The layout is a block of rows per measure, read top to bottom as the evaluation form reads: the
measure's own row (status, fulfilment, actual cost, the cost by funding source in a column each,
comment, link to evidence, revision), then a row for each of its indicators (the actual value, next
to the unit, baseline and target it is measured against) and a row for each of its activities
(status, comment). The first column says what a row is, the ID columns which measure, indicator or
activity; code, title, group, unit, baseline and target are there to read and ignored on import.
Rows rather than columns for indicators and activities, because a measure has any number of each:
a column per indicator would give every row the columns of every other measure's indicators, empty,
with a value far from the name that says what it measures.

The import checks every row, and each measure with the evaluation form's own rules
(MeasureEvaluationForm, bound to what its rows say), reports each error with its row and column,
and imports nothing unless the whole file is valid. A row changes nothing that it does not show
(the file of evidence, where a moved measure went, an indicator whose row was deleted). A measure
evaluated by someone else since the export (its revision has moved on) is refused when the row
would change it, and skipped when it says what is saved. Each changed evaluation is saved by
services.save_evaluation, so its history is the form's; rows that change nothing are not written.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from kpss.exports import FORMULA_TRIGGERS
from kpss.models import log_action
from planning.models import EvaluationStatus, FundingSource, MeasureEvaluation
from planning.monitoring import services
from planning.monitoring.forms import MeasureEvaluationForm

MEASURE, INDICATOR, ACTIVITY = "measure", "indicator", "activity"
ROW_KINDS = {
    MEASURE: pgettext_lazy("evaluation spreadsheet row", "measure"),
    INDICATOR: pgettext_lazy("evaluation spreadsheet row", "indicator"),
    ACTIVITY: pgettext_lazy("evaluation spreadsheet row", "activity"),
}
# Far above a plan's measures, indicators and activities; a file beyond is not an evaluation.
MAX_ROWS = 20_000
MAX_COLUMNS = 100
# Czech Excel's "CSV (oddělený středníkem)" is Windows-1250; its "CSV UTF-8" has a BOM.
LEGACY_ENCODING = "cp1250"


@dataclass(frozen=True)
class Column:
    """A column of the spreadsheet: `filled_on` the kinds of row it is filled in on (empty: for
    reading only, ignored on import); `required` ones must be in an uploaded file."""

    key: str
    heading: str
    width: int
    filled_on: frozenset = frozenset()
    key_column: bool = False

    @property
    def required(self):
        return self.key_column or bool(self.filled_on)


def _source_heading(name):
    return pgettext("evaluation spreadsheet", "%(source)s (CZK)") % {"source": name}


_lazy_source_heading = lazy(_source_heading, str)


def columns(sources):
    """The columns in their order; `sources` the funding sources, a column each."""
    on_measure, on_activity = frozenset({MEASURE}), frozenset({ACTIVITY})
    return [
        Column("type", pgettext_lazy("evaluation spreadsheet", "Row"), 11, key_column=True),
        Column("measure", pgettext_lazy("evaluation spreadsheet", "Measure ID"), 10, key_column=True),
        Column("item", pgettext_lazy("evaluation spreadsheet", "Indicator or activity ID"), 10, key_column=True),
        Column("code", pgettext_lazy("evaluation spreadsheet", "Code"), 9),
        Column("title", pgettext_lazy("evaluation spreadsheet", "Title"), 50),
        Column("group", pgettext_lazy("evaluation spreadsheet", "Working group"), 24),
        Column("unit", pgettext_lazy("evaluation spreadsheet", "Unit"), 10),
        Column("baseline", pgettext_lazy("evaluation spreadsheet", "Baseline"), 10),
        Column("target", pgettext_lazy("evaluation spreadsheet", "Target"), 10),
        Column("status", pgettext_lazy("evaluation spreadsheet", "Status"), 18, on_measure | on_activity),
        Column("fulfilment", pgettext_lazy("evaluation spreadsheet", "Fulfilment (%)"), 10, on_measure),
        Column("actual", pgettext_lazy("evaluation spreadsheet", "Actual value"), 12, frozenset({INDICATOR})),
        Column("actual_cost", pgettext_lazy("evaluation spreadsheet", "Actual cost (CZK)"), 14, on_measure),
        *[Column(f"source_{source.code}", _lazy_source_heading(source.name), 12, on_measure) for source in sources],
        Column("comment", pgettext_lazy("evaluation spreadsheet", "Comment"), 50, on_measure | on_activity),
        Column("evidence_url", pgettext_lazy("evaluation spreadsheet", "Evidence (link)"), 30, on_measure),
        Column("revision", pgettext_lazy("evaluation spreadsheet", "Revision (do not change)"), 10, on_measure),
    ]


def funding_sources():
    return list(FundingSource.objects.order_by("order", "name"))


# --- export ------------------------------------------------------------------------------------

def table(evaluation_round, measures):
    """The header and each measure's block of rows, numbers as numbers (XLSX keeps them so);
    `csv_rows` writes them as Czech text. Four queries, whatever the number of measures (which come
    with their indicators and activities)."""
    sources = funding_sources()
    all_columns = columns(sources)
    evaluations = {evaluation.measure_id: evaluation for evaluation in MeasureEvaluation.objects.filter(
        round=evaluation_round, measure__in=[measure.pk for measure in measures]).prefetch_related(
        "indicator_values", "spending", "activity_evaluations")}
    yield [str(column.heading) for column in all_columns]
    for measure in measures:
        for values in _block(measure, evaluations.get(measure.pk), sources):
            yield [values.get(column.key) for column in all_columns]


def _block(measure, evaluation, sources):
    common = {"measure": measure.pk, "code": measure.code}
    indicators, spending, activities = {}, {}, {}
    row = {**common, "type": str(ROW_KINDS[MEASURE]), "title": measure.title, "group": measure.group.name}
    if evaluation is not None:
        indicators = {value.indicator_id: value.actual for value in evaluation.indicator_values.all()}
        spending = {entry.source_id: entry.amount for entry in evaluation.spending.all()}
        activities = {entry.activity_id: entry for entry in evaluation.activity_evaluations.all()}
        row.update(status=evaluation.get_status_display(), fulfilment=evaluation.fulfilment,
                   actual_cost=evaluation.actual_cost, comment=evaluation.comment,
                   evidence_url=evaluation.evidence_url, revision=evaluation.revision)
        row.update({f"source_{source.code}": spending.get(source.pk) for source in sources})
    yield row
    for indicator in measure.indicators.all():
        yield {**common, "type": str(ROW_KINDS[INDICATOR]), "item": indicator.pk, "title": indicator.name,
               "unit": indicator.unit, "baseline": indicator.baseline, "target": indicator.target,
               "actual": indicators.get(indicator.pk)}
    for activity in measure.activities.all():
        saved = activities.get(activity.pk)
        yield {**common, "type": str(ROW_KINDS[ACTIVITY]), "item": activity.pk, "code": activity.code or measure.code,
               "title": activity.title, "status": saved.get_status_display() if saved else None,
               "comment": saved.comment if saved else None}


def csv_rows(rows):
    """`rows` with every value as the text Czech Excel reads: a decimal comma, no thousands
    separator (Excel would take "1 500" for text), nothing for an empty cell."""
    for row in rows:
        yield [_as_text(value) for value in row]


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # normalize() drops trailing zeros; "f" keeps 100 from becoming "1E+2".
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


def column_widths(sources):
    return [column.width for column in columns(sources)]


# --- reading a file ----------------------------------------------------------------------------

class UnreadableFile(Exception):
    """The file is not a table we can read; the message says why, for the user."""


@dataclass
class Sheet:
    """The cells of an uploaded table as text, each row with its number as the spreadsheet shows it."""

    rows: list  # [(row number, [cell text, ...])], the header first
    formulas: set = field(default_factory=set)  # (row number, column index) of cells with a formula


def read_sheet(upload):
    """The table in an uploaded CSV or XLSX (its first sheet); UnreadableFile when it is not one.
    The upload's kind was checked by content against its name (kpss.files), so the name decides."""
    if upload.name.lower().endswith(".xlsx"):
        return _read_xlsx(upload)
    return _read_csv(upload)


def _read_csv(upload):
    upload.seek(0)
    raw = upload.read()
    encodings = ["utf-8-sig"] if raw.startswith(codecs.BOM_UTF8) else ["utf-8", LEGACY_ENCODING]
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile(_("The CSV file is neither UTF-8 nor Windows-1250 text."))
    first_line = text.split("\n", 1)[0]
    # Czech Excel separates by semicolons; a file saved elsewhere may use commas or tabs.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    rows = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if number > MAX_ROWS:
                raise UnreadableFile(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
            rows.append((number, [_without_defusing(cell) for cell in cells[:MAX_COLUMNS]]))
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error
    return Sheet(rows)


def _without_defusing(text):
    """A CSV cell as it was before the export defused it (kpss.exports adds an apostrophe before
    text that starts like a formula), so an unchanged comment comes back unchanged."""
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def _read_xlsx(upload):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(_("The XLSX file cannot be read.")) from error
    sheet = Sheet([])
    try:
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS:
                raise UnreadableFile(_("The file has more than %(rows)s rows.") % {"rows": MAX_ROWS})
            texts = []
            for index, cell in enumerate(cells):
                if cell.data_type == "f":
                    sheet.formulas.add((number, index))
                texts.append(_cell_text(cell.value))
            sheet.rows.append((number, texts))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableFile(_("The XLSX file cannot be read.")) from error
    finally:
        workbook.close()
    return sheet


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# --- import ------------------------------------------------------------------------------------

@dataclass
class CellError:
    """What is wrong where: `row` as the spreadsheet numbers it (the header is 1; None for the file
    as a whole), `column` its heading ("" for the whole row) and `letter` as the spreadsheet names it."""

    row: int | None
    column: str
    letter: str
    message: str
    order: int = 0


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    updated: list = field(default_factory=list)  # the measures whose evaluation was saved
    unchanged: int = 0


@dataclass
class _Block:
    """A measure's rows in the file."""

    measure: object
    row: int
    cells: dict
    indicators: dict = field(default_factory=dict)  # indicator pk → (row number, cells)
    activities: dict = field(default_factory=dict)  # activity pk → (row number, cells)


class _Refused(Exception):
    def __init__(self, block, evaluation):
        super().__init__("Someone saved the evaluation while the file was being imported.")
        self.block, self.evaluation = block, evaluation


def import_evaluations(evaluation_round, measures, upload, by, correction_reason=""):
    """Import the evaluations of `measures` (those `by` evaluates in the round) from an uploaded
    CSV or XLSX: everything, or nothing with the errors (see the module's docstring)."""
    return _Import(evaluation_round, measures, by, correction_reason).run(upload)


def _normalised(text):
    return " ".join(str(text).split()).casefold()


def _in_every_language(labels):
    """{label as typed in any of the portal's languages, normalised: key} for {key: lazy label}."""
    found = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for key, label in labels.items():
                found.setdefault(_normalised(label), key)
    return found


def _integer(text):
    try:
        number = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return int(number) if number == number.to_integral_value() else None


def _letter(index):
    """A spreadsheet's name of the column at `index` (0: A, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _Import:
    def __init__(self, evaluation_round, measures, by, correction_reason):
        self.round, self.by, self.reason = evaluation_round, by, correction_reason
        self.measures = {measure.pk: measure for measure in measures}
        self.sources = funding_sources()
        self.columns = {column.key: column for column in columns(self.sources)}
        self.kinds = _in_every_language(ROW_KINDS) | {kind: kind for kind in ROW_KINDS}
        self.statuses = _in_every_language(dict(EvaluationStatus.choices)) | {
            value: value for value in EvaluationStatus.values}
        self.positions = {}  # column key → index in the file
        self.errors, self.reported = [], set()

    def run(self, upload):
        try:
            sheet = read_sheet(upload)
        except UnreadableFile as error:
            return ImportResult(errors=[CellError(None, "", "", str(error))])
        rows = [(number, cells) for number, cells in sheet.rows if any(cell.strip() for cell in cells)]
        if not rows or not self._read_header(*rows[0]):
            return self._failed()
        for number, index in sorted(sheet.formulas):
            self._error(number, self._column_at(index), _("A formula: type the value itself."))
        blocks = self._read_rows(rows[1:])
        checked = [(block, *self._check(block)) for block in blocks]
        if self.errors:
            return self._failed()
        changed = [(block, form) for block, form, is_changed in checked if is_changed]
        try:
            with transaction.atomic():
                for block, form in changed:
                    if services.save_evaluation(form, self.by) is not None:
                        raise _Refused(block, MeasureEvaluation.objects.get(round=self.round,
                                                                             measure=block.measure))
                if changed:
                    log_action(self.round, "evaluationround.import", self.by, file=upload.name,
                               measures=[block.measure.code or str(block.measure.pk) for block, _form in changed],
                               unchanged=len(checked) - len(changed), reason=self.reason)
        except _Refused as refused:
            self._stale(refused.block, refused.evaluation)
            return self._failed()
        return ImportResult(updated=[block.measure for block, _form in changed], unchanged=len(checked) - len(changed))

    def _failed(self):
        return ImportResult(errors=sorted(self.errors, key=lambda error: (error.row or 0, error.order)))

    # --- the header and the rows

    def _read_header(self, number, cells):
        """Find the columns; False when a column the import needs is missing."""
        headings = _in_every_language({key: column.heading for key, column in self.columns.items()})
        for index, text in enumerate(cells):
            if not text.strip():
                continue
            key = headings.get(_normalised(text))
            if key is None:
                self._error(number, (text.strip(), index), _("An unknown column; remove it or restore its heading."))
            elif key in self.positions:
                self._error(number, (text.strip(), index), _("The column is in the file twice."))
            else:
                self.positions[key] = index
        self.width = len(cells)
        missing = [column for key, column in self.columns.items() if column.required and key not in self.positions]
        for column in missing:
            self._error(number, (str(column.heading), None), _("The column is missing; the export has it."))
        return not missing

    def _read_rows(self, rows):
        blocks, items = {}, []
        for number, cells in rows:
            for index in range(self.width, len(cells)):
                if cells[index].strip():
                    self._error(number, ("", index), _("A value in a column without a heading."))
            values = {key: cells[index].strip() if index < len(cells) else "" for key, index in self.positions.items()}
            kind = self.kinds.get(_normalised(values["type"]))
            if kind is None:
                self._error(number, "type", _("An unknown kind of row “%(value)s”: write %(kinds)s.") % {
                    "value": values["type"], "kinds": ", ".join(str(label) for label in ROW_KINDS.values())})
                continue
            measure = self.measures.get(_integer(values["measure"]) if values["measure"] else None)
            if measure is None:
                self._error(number, "measure", _(
                    "Measure “%(value)s” is not one you evaluate in %(year)s: it belongs to another working group "
                    "or plan, or does not run in that year. Keep the IDs as the export has them.") % {
                    "value": values["measure"], "year": self.round.year})
                continue
            for column in self.columns.values():
                if column.filled_on and kind not in column.filled_on and values.get(column.key):
                    self._error(number, column.key, _("This column stays empty on a row of the kind “%(kind)s”.")
                                % {"kind": ROW_KINDS[kind]})
            if kind == MEASURE:
                if measure.pk in blocks:
                    self._error(number, "measure", _("The measure's row is in the file twice (also row %(row)s).")
                                % {"row": blocks[measure.pk].row})
                else:
                    blocks[measure.pk] = _Block(measure, number, values)
            else:
                items.append((kind, measure, number, values))
        for kind, measure, number, values in items:
            self._add_item(blocks, kind, measure, number, values)
        return list(blocks.values())

    def _add_item(self, blocks, kind, measure, number, values):
        block = blocks.get(measure.pk)
        if block is None:
            self._error(number, "measure", _("The row of measure %(code)s itself is missing from the file.")
                        % {"code": measure.code or measure.pk})
            return
        item_pk = _integer(values["item"]) if values["item"] else None
        owned, rows = ((measure.indicators.all(), block.indicators) if kind == INDICATOR
                       else (measure.activities.all(), block.activities))
        if item_pk not in {item.pk for item in owned}:
            self._error(number, "item", _(
                "Measure %(code)s has no item of the kind “%(kind)s” with the ID “%(value)s”.") % {
                "code": measure.code or measure.pk, "kind": ROW_KINDS[kind], "value": values["item"]})
        elif item_pk in rows:
            self._error(number, "item", _("The row is in the file twice (also row %(row)s).")
                        % {"row": rows[item_pk][0]})
        else:
            rows[item_pk] = (number, values)

    # --- a measure's rows through the evaluation form

    def _check(self, block):
        """(the bound form, whether it changes anything) for a measure's rows; errors reported."""
        measure = block.measure
        evaluation = (MeasureEvaluation.objects.filter(round=self.round, measure=measure).first()
                      or MeasureEvaluation(round=self.round, measure=measure))
        # The form reads its data when it is validated, so the data can be filled in after it is
        # built: first what is saved (its initial values), then what the rows say.
        data = {}
        form = MeasureEvaluationForm(data, {}, instance=evaluation, evaluation_round=self.round, measure=measure)
        data.update(_initial_data(form))
        cells = {}  # form field → (row number, column key) it comes from
        typed = False

        def put(name, number, values, key, value=None):
            nonlocal typed
            data[name] = values[key] if value is None else value
            cells[name] = (number, key)
            typed = typed or bool(values[key])

        for key in ("fulfilment", "actual_cost", "comment", "evidence_url",
                    *(f"source_{source.code}" for source in self.sources)):
            put(key, block.row, block.cells, key)
        put("status", block.row, block.cells, "status", self._status(block.row, block.cells))
        data["revision"] = block.cells["revision"]
        cells["revision"] = (block.row, "revision")
        for indicator_pk, (number, values) in block.indicators.items():
            put(f"indicator_{indicator_pk}", number, values, "actual")
        for activity_pk, (number, values) in block.activities.items():
            put(f"activity_{activity_pk}_status", number, values, "status", self._status(number, values))
            put(f"activity_{activity_pk}_comment", number, values, "comment")
        if "correction_reason" in form.fields:
            data["correction_reason"] = self.reason
        if evaluation.pk is None and not typed:
            return form, False  # a measure not evaluated yet, and its rows still empty
        valid = form.is_valid()
        changed = evaluation.pk is None or any(
            name not in ("revision", "correction_reason") for name in form.changed_data)
        if changed and evaluation.pk is not None and _integer(block.cells["revision"] or "x") != evaluation.revision:
            self._stale(block, evaluation)
        if not valid:
            self._form_errors(block, form, cells)
        return form, changed

    def _status(self, number, values):
        """The status code a cell's label or code stands for ("" for an empty cell); an unknown one is
        reported and passed on as it is."""
        text = values["status"]
        if not text:
            return ""
        code = self.statuses.get(_normalised(text))
        if code is None:
            self._error(number, "status", _("An unknown status “%(value)s”: write one of %(statuses)s.") % {
                "value": text, "statuses": ", ".join(str(label) for label in EvaluationStatus.labels)})
            return text
        return code

    def _stale(self, block, evaluation):
        who = evaluation.updated_by or _("unknown user")
        self._error(block.row, "revision", _(
            "The evaluation has changed since your export (%(who)s, %(when)s). Download a new export and make your "
            "changes in it.") % {"who": who, "when": date_format(evaluation.updated_at, "DATETIME_FORMAT")})

    def _form_errors(self, block, form, cells):
        """The form's errors in the cells they come from; a cell reported already (an unknown status)
        is not reported again in the form's words."""
        reported_before = set(self.reported)
        for name, messages in form.errors.items():
            if name in cells:
                number, where = cells[name]
            elif name == NON_FIELD_ERRORS:
                number, where = block.row, ("", None)
            else:  # a field the spreadsheet has no column for (where a moved measure went)
                number, where = block.row, (str(form.fields[name].label), None)
            if self._cell(number, where) in reported_before:
                continue
            for message in messages:
                self._error(number, where, message)

    # --- errors

    def _column_at(self, index):
        for key, position in self.positions.items():
            if position == index:
                return key
        return ("", index)

    def _cell(self, number, column):
        """(row number, heading, index in the file) of `column`: a column key, or (heading, index)."""
        if isinstance(column, str):
            return number, str(self.columns[column].heading), self.positions.get(column)
        return number, *column

    def _error(self, number, column, message):
        """Report `message` at row `number` in `column` (a column key, or (heading, index in the file))."""
        number, heading, index = self._cell(number, column)
        self.reported.add((number, heading, index))
        self.errors.append(CellError(number, heading, _letter(index) if index is not None else "", message,
                                     order=index if index is not None else -1))


def _initial_data(form):
    """What the form shows before anything is typed, as the data a browser would send back."""
    data = {}
    for bound in form:
        if isinstance(bound.field, forms.FileField):
            continue
        value = bound.initial
        if value is None:
            data[bound.name] = ""
            continue
        text = bound.field.widget.format_value(value)
        if isinstance(text, list):  # a select
            text = text[0] if text else ""
        data[bound.name] = "" if text is None else str(text)
    return data
