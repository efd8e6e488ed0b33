"""Bulk entry of the yearly evaluation by spreadsheet: a member exports their groups' measures, fills
the file in and uploads it back; every row is checked with the form's rules and reported by row and
column; nothing is imported unless the whole file is valid; what is saved is logged as the form
logs it, and rows that change nothing are not written."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kpss.models import ActionLog
from planning.models import (
    ActivityEvaluation,
    EvaluationRound,
    EvaluationStatus,
    FundingSource,
    IndicatorValue,
    MeasureEvaluation,
)
from planning.monitoring import services, spreadsheet
from tests.factories import ActivityFactory, GoalFactory, IndicatorFactory, MeasureFactory
from tests.helpers import assert_queries_do_not_grow, open_form, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(plan):
    plan.status = "in_force"
    plan.save()
    return EvaluationRound.objects.create(plan=plan, year=2025, deadline="2026-01-31")


@pytest.fixture
def activity_a(measure_a):
    return ActivityFactory(measure=measure_a, title="Rozšířit provoz o víkendy")


@pytest.fixture
def evaluated_a(year, measure_a, activity_a, member_a):
    """Group A's measure evaluated on its form's terms: partly, 60 %, a cost from two sources, an
    indicator's actual value and its activity done."""
    evaluation = MeasureEvaluation.objects.create(
        round=year, measure=measure_a, status="partly", fulfilment=60, actual_cost=1200000,
        comment="Služba rozšířena.", evidence_url="https://lipovec.example/zprava", updated_by=member_a)
    evaluation.spending.create(source=FundingSource.objects.get(code="obec"), amount=200000)
    evaluation.spending.create(source=FundingSource.objects.get(code="mpsv"), amount=1000000)
    IndicatorValue.objects.create(evaluation=evaluation, indicator=measure_a.indicators.get(), actual=Decimal("12.5"))
    ActivityEvaluation.objects.create(evaluation=evaluation, activity=activity_a, status="done", comment="Hotovo.")
    return evaluation


def csv_url(evaluation_round):
    return reverse("planning:evaluation_csv", args=[evaluation_round.pk])


def xlsx_url(evaluation_round):
    return reverse("planning:evaluation_xlsx", args=[evaluation_round.pk])


def import_url(evaluation_round):
    return reverse("planning:evaluation_import", args=[evaluation_round.pk])


def column_index():
    """{column key: index} of the spreadsheet's columns."""
    return {column.key: index for index, column in enumerate(spreadsheet.columns(spreadsheet.funding_sources()))}


class Table:
    """An exported spreadsheet as a list of rows of text, to edit as a partner would."""

    def __init__(self, rows, raw=b""):
        self.rows = [list(row) for row in rows]
        self.column = column_index()
        self.raw = raw  # the file as downloaded

    @classmethod
    def from_csv(cls, response):
        content = response.content.decode("utf-8")
        assert content.startswith("\ufeff")
        return cls(csv.reader(io.StringIO(content[1:], newline=""), delimiter=";"), response.content)

    @classmethod
    def from_xlsx(cls, response):
        sheet = load_workbook(io.BytesIO(response.content)).active
        return cls([["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)],
                   response.content)

    def row(self, kind, measure, item=None):
        """The row number (1 is the header) of a measure's, indicator's or activity's row."""
        label = str(spreadsheet.ROW_KINDS[kind])
        for number, row in enumerate(self.rows, start=1):
            if (row[self.column["type"]] == label and str(row[self.column["measure"]]) == str(measure.pk)
                    and str(row[self.column["item"]]) == ("" if item is None else str(item.pk))):
                return number
        raise AssertionError(f"no {kind} row of {measure}")

    def set(self, number, key, value):
        self.rows[number - 1][self.column[key]] = value
        return self

    def get(self, number, key):
        return self.rows[number - 1][self.column[key]]

    def heading(self, key):
        return self.rows[0][self.column[key]]

    def csv(self, name="vyhodnoceni.csv", encoding="utf-8-sig", delimiter=";"):
        text = io.StringIO()
        csv.writer(text, delimiter=delimiter).writerows(self.rows)
        return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")

    def downloaded(self, file_format):
        """The file exactly as it was downloaded."""
        return SimpleUploadedFile(f"vyhodnoceni.{file_format}", self.raw)

    def xlsx(self, name="vyhodnoceni.xlsx"):
        """The rows as a partner's spreadsheet program saves them (text starting with "=" is a formula)."""
        workbook = Workbook()
        for row in self.rows:
            workbook.active.append([None if value == "" else value for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return SimpleUploadedFile(name, buffer.getvalue())


def export(client, evaluation_round, file_format="csv"):
    if file_format == "csv":
        response = client.get(csv_url(evaluation_round))
        assert response.status_code == 200
        return Table.from_csv(response)
    response = client.get(xlsx_url(evaluation_round))
    assert response.status_code == 200
    return Table.from_xlsx(response)


def upload(client, evaluation_round, file, **data):
    open_form(client, import_url(evaluation_round), fields=["file"])
    return client.post(import_url(evaluation_round), {"file": file, **data})


def as_file(table, file_format):
    return table.csv() if file_format == "csv" else table.xlsx()


def errors(response):
    """(row, column heading) of each error the page lists."""
    assert response.status_code == 200
    return [(error.row, error.column) for error in response.context["errors"]]


def summary(client, response):
    """The numbers in the message after an import: evaluations updated, unchanged."""
    shown = [str(message) for message in client.get(response["Location"]).context["messages"]]
    assert len(shown) == 1, shown
    return re.findall(r"\d+", shown[0])


def changes_logged():
    return ActionLog.objects.filter(action__startswith="measureevaluation.").count()


class TestExport:
    def test_a_member_exports_the_measures_of_the_group_with_the_current_values(self, client_as, member_a, year,
                                                                                evaluated_a, measure_b):
        response = client_as(member_a).get(csv_url(year))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith("\ufeff".encode())
        table = Table.from_csv(response)
        assert {row[table.column["measure"]] for row in table.rows[1:]} == {str(evaluated_a.measure_id)}
        measure = table.row("measure", evaluated_a.measure)
        assert table.get(measure, "status") == evaluated_a.get_status_display()
        assert table.get(measure, "actual_cost") == "1200000"
        assert table.get(measure, "source_obec") == "200000"
        assert table.get(measure, "revision") == str(evaluated_a.revision)
        indicator = table.row("indicator", evaluated_a.measure, evaluated_a.measure.indicators.get())
        assert table.get(indicator, "actual") == "12,5"  # a decimal comma
        assert table.get(indicator, "unit") == "osob"
        activity = table.row("activity", evaluated_a.measure, evaluated_a.measure.activities.get())
        assert table.get(activity, "comment") == "Hotovo."

    def test_the_coordinator_exports_every_measure_of_the_year_as_xlsx_with_numbers(self, client_as, coordinator,
                                                                                  year, evaluated_a, measure_b):
        MeasureFactory(goal=GoalFactory(priority=measure_b.goal.priority), title="Až od roku 2026", year_from=2026)
        table = export(client_as(coordinator), year, "xlsx")
        assert {row[table.column["measure"]] for row in table.rows[1:]} == {evaluated_a.measure_id, measure_b.pk}
        indicator = table.row("indicator", evaluated_a.measure, evaluated_a.measure.indicators.get())
        assert table.get(indicator, "actual") == 12.5  # a number, which Excel shows with a comma

    def test_text_that_starts_like_a_formula_is_defused(self, client_as, member_a, year, evaluated_a):
        evaluated_a.comment = '=HYPERLINK("https://zlo.example","klikni")'
        evaluated_a.save()
        client = client_as(member_a)
        table = export(client, year)
        measure = table.row("measure", evaluated_a.measure)
        assert table.get(measure, "comment") == "'" + evaluated_a.comment
        sheet = load_workbook(io.BytesIO(client.get(xlsx_url(year)).content)).active
        cell = sheet.cell(measure, table.column["comment"] + 1)
        assert (cell.data_type, cell.value) == ("s", evaluated_a.comment)

    def test_the_export_does_not_grow_in_queries_with_measures(self, client_as, coordinator, year, measure_a):
        def add_measures(count):
            for _number in range(count):
                measure = MeasureFactory(goal=GoalFactory(priority=measure_a.goal.priority))
                IndicatorFactory(measure=measure)
                ActivityFactory(measure=measure)
                MeasureEvaluation.objects.create(round=year, measure=measure, status="done")

        client = client_as(coordinator)
        assert_queries_do_not_grow(lambda: client.get(csv_url(year)), add_measures)

    def test_the_overview_links_to_the_spreadsheet_for_those_who_evaluate(self, client_as, member_a,
                                                                          steering_member, year, measure_a):
        overview = page_text(client_as(member_a).get(reverse("planning:evaluation_round", args=[year.pk])))
        assert csv_url(year) in overview
        assert import_url(year) in overview
        steering = page_text(client_as(steering_member).get(reverse("planning:evaluation_round", args=[year.pk])))
        assert csv_url(year) not in steering


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
class TestRoundTrip:
    def test_a_file_imported_unchanged_writes_nothing(self, client_as, member_a, year, evaluated_a, file_format):
        client = client_as(member_a)
        table = export(client, year, file_format)
        logged = changes_logged()
        response = upload(client, year, table.downloaded(file_format))
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert evaluated_a.revision == 1
        assert changes_logged() == logged
        assert not ActionLog.objects.filter(action="evaluationround.import").exists()
        assert summary(client, response) == ["0", "1"]  # 0 evaluations updated, 1 unchanged

    def test_edited_values_are_saved_and_logged_as_the_form_logs_them(self, client_as, member_a, year,
                                                                      evaluated_a, file_format):
        client = client_as(member_a)
        table = export(client, year, file_format)
        measure = table.row("measure", evaluated_a.measure)
        indicator = table.row("indicator", evaluated_a.measure, evaluated_a.measure.indicators.get())
        activity = table.row("activity", evaluated_a.measure, evaluated_a.measure.activities.get())
        # The label as the export writes it (splněno), or the code.
        table.set(measure, "status", str(EvaluationStatus.DONE.label).upper()).set(measure, "fulfilment", "100")
        table.set(measure, "actual_cost", "1 500 000").set(measure, "source_kraj", "300000")
        table.set(indicator, "actual", "20,5").set(activity, "comment", "Hotovo i o víkendech.")
        response = upload(client, year, as_file(table, file_format))
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert (evaluated_a.status, evaluated_a.fulfilment, evaluated_a.actual_cost) == ("done", 100, 1500000)
        assert evaluated_a.revision == 2
        assert {entry.source.code: entry.amount for entry in evaluated_a.spending.all()} == {
            "obec": 200000, "kraj": 300000, "mpsv": 1000000}
        assert evaluated_a.indicator_values.get().actual == Decimal("20.5")
        assert evaluated_a.activity_evaluations.get().comment == "Hotovo i o víkendech."
        entry = ActionLog.objects.get(action="measureevaluation.change")
        assert entry.user == member_a
        assert set(entry.data["changes"]) == {"status", "fulfilment", "actual_cost"}
        assert ActionLog.objects.get(action="evaluationround.import").data["measures"] == [evaluated_a.measure.code]
        assert summary(client, response) == ["1", "0"]

    def test_a_measure_not_evaluated_yet_is_evaluated_from_the_file(self, client_as, member_a, year, measure_a,
                                                                    activity_a, file_format):
        client = client_as(member_a)
        table = export(client, year, file_format)
        measure = table.row("measure", measure_a)
        table.set(measure, "status", "in_progress").set(table.row("activity", measure_a, activity_a), "status",
                                                         str(EvaluationStatus.IN_PROGRESS.label))
        response = upload(client, year, as_file(table, file_format))
        assert response.status_code == 302, response.context["errors"]
        evaluation = MeasureEvaluation.objects.get()
        assert evaluation.status == "in_progress"
        assert evaluation.activity_evaluations.get().status == "in_progress"
        assert ActionLog.objects.filter(action="measureevaluation.create", user=member_a).exists()

    def test_a_comment_that_starts_like_a_formula_comes_back_unchanged(self, client_as, member_a, year,
                                                                       evaluated_a, file_format):
        evaluated_a.comment = "=1+1 je vzorec, ne text"
        evaluated_a.save()
        client = client_as(member_a)
        response = upload(client, year, export(client, year, file_format).downloaded(file_format))
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert (evaluated_a.comment, evaluated_a.revision) == ("=1+1 je vzorec, ne text", 1)


class TestRowErrors:
    @pytest.mark.parametrize(("kind", "key", "value"), [
        ("measure", "fulfilment", "150"),
        ("measure", "status", "skvěle"),
        ("measure", "actual_cost", "abc"),
        ("measure", "source_obec", "-5"),
        ("measure", "evidence_url", "to není odkaz"),
        ("measure", "revision", "x"),
        ("measure", "type", "něco jiného"),
        ("indicator", "actual", "dvanáct"),
        ("indicator", "fulfilment", "50"),  # a measure's column on an indicator's row
        ("activity", "status", "napůl"),
        ("activity", "item", "999999"),
    ])
    def test_each_error_is_reported_with_its_row_and_column_and_nothing_is_saved(
        self, client_as, member_a, year, evaluated_a, kind, key, value,
    ):
        client = client_as(member_a)
        table = export(client, year)
        measure = evaluated_a.measure
        item = {"measure": None, "indicator": measure.indicators.get(), "activity": measure.activities.get()}[kind]
        table.set(table.row("measure", measure), "comment", "Nový komentář")  # a valid change elsewhere
        row = table.row(kind, measure, item)
        table.set(row, key, value)
        response = upload(client, year, table.csv())
        assert (row, table.heading(key)) in errors(response)
        assert "Nový komentář" not in [error.message for error in response.context["errors"]]
        evaluated_a.refresh_from_db()
        assert (evaluated_a.comment, evaluated_a.revision) == ("Služba rozšířena.", 1)

    def test_costs_by_source_must_add_up_as_on_the_form(self, client_as, member_a, year, evaluated_a):
        client = client_as(member_a)
        table = export(client, year)
        row = table.row("measure", evaluated_a.measure)
        table.set(row, "source_obec", "300000")
        assert (row, table.heading("actual_cost")) in errors(upload(client, year, table.csv()))

    def test_a_moved_measure_without_its_target_is_reported_on_its_row(self, client_as, member_a, year,
                                                                       evaluated_a):
        client = client_as(member_a)
        table = export(client, year)
        row = table.row("measure", evaluated_a.measure)
        table.set(row, "status", "moved")
        assert [number for number, _column in errors(upload(client, year, table.csv()))] == [row]

    def test_unknown_and_missing_columns_are_reported_in_the_header(self, client_as, member_a, year, evaluated_a):
        client = client_as(member_a)
        table = export(client, year)
        status = table.heading("status")
        table.rows[0][table.column["status"]] = "Nálada"
        found = errors(upload(client, year, table.csv()))
        assert (1, "Nálada") in found
        assert (1, status) in found

    def test_a_column_for_reading_may_be_changed_or_left_out(self, client_as, member_a, year, evaluated_a):
        client = client_as(member_a)
        table = export(client, year)
        table.set(table.row("measure", evaluated_a.measure), "title", "Jiný název")
        for row in table.rows:
            del row[table.column["group"]]
        response = upload(client, year, table.csv())
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert evaluated_a.revision == 1

    def test_one_bad_row_imports_nothing_of_the_others(self, client_as, coordinator, year, evaluated_a, measure_b):
        client = client_as(coordinator)
        table = export(client, year)
        table.set(table.row("measure", evaluated_a.measure), "fulfilment", "90")
        bad = table.row("measure", measure_b)
        table.set(bad, "status", "done").set(bad, "fulfilment", "101")
        assert errors(upload(client, year, table.csv())) == [(bad, table.heading("fulfilment"))]
        evaluated_a.refresh_from_db()
        assert evaluated_a.fulfilment == 60
        assert not MeasureEvaluation.objects.filter(measure=measure_b).exists()
        assert not ActionLog.objects.filter(action__in=["measureevaluation.change",
                                                        "measureevaluation.create"]).exists()

    def test_a_save_refused_during_the_import_takes_back_the_whole_file(self, client_as, coordinator, year,
                                                                          evaluated_a, measure_b, monkeypatch):
        client = client_as(coordinator)
        table = export(client, year)
        table.set(table.row("measure", evaluated_a.measure), "fulfilment", "70")
        row_b = table.row("measure", measure_b)
        table.set(row_b, "status", "done")
        save = services.save_evaluation

        def someone_saves_first(form, by):
            if form.measure == measure_b:  # between the check of the file and its save
                MeasureEvaluation.objects.create(round=year, measure=measure_b, status="not_done")
            return save(form, by)

        monkeypatch.setattr(services, "save_evaluation", someone_saves_first)
        assert errors(upload(client, year, table.csv())) == [(row_b, table.heading("revision"))]
        evaluated_a.refresh_from_db()
        assert (evaluated_a.fulfilment, evaluated_a.revision) == (60, 1)
        assert not ActionLog.objects.filter(action="measureevaluation.change").exists()

    def test_a_formula_in_an_xlsx_is_refused_where_it_is(self, client_as, member_a, year, evaluated_a):
        client = client_as(member_a)
        table = export(client, year, "xlsx")
        row = table.row("measure", evaluated_a.measure)
        table.set(row, "actual_cost", "=1000000+200000")
        assert (row, table.heading("actual_cost")) in errors(upload(client, year, table.xlsx()))


class TestWhoseMeasures:
    def test_a_measure_of_another_group_is_refused(self, client_as, coordinator, member_a, year, evaluated_a,
                                                   measure_b):
        everything = export(client_as(coordinator), year)
        row = everything.row("measure", measure_b)
        everything.set(row, "status", "done")
        response = upload(client_as(member_a), year, everything.csv())
        assert (row, everything.heading("measure")) in errors(response)
        assert not MeasureEvaluation.objects.filter(measure=measure_b).exists()

    def test_a_measure_of_another_year_is_refused(self, client_as, coordinator, year, measure_a, group_a):
        later = MeasureFactory(goal=GoalFactory(priority=measure_a.goal.priority, group=group_a), year_from=2026)
        client = client_as(coordinator)
        table = export(client, year)
        table.rows.append(list(table.rows[table.row("measure", measure_a) - 1]))
        table.set(len(table.rows), "measure", str(later.pk))
        assert (len(table.rows), table.heading("measure")) in errors(upload(client, year, table.csv()))

    def test_a_row_someone_changed_since_the_export_is_refused(self, client_as, member_a, year, evaluated_a,
                                                               coordinator):
        client = client_as(member_a)
        table = export(client, year)
        evaluated_a.status = "done"
        evaluated_a.save_change(coordinator)  # the coordinator saves in the meantime
        row = table.row("measure", evaluated_a.measure)
        table.set(row, "comment", "Moje úprava")
        response = upload(client, year, table.csv())
        assert errors(response) == [(row, table.heading("revision"))]
        assert "Jana Nováková" in response.context["errors"][0].message
        evaluated_a.refresh_from_db()
        assert (evaluated_a.status, evaluated_a.comment) == ("done", "Služba rozšířena.")

    def test_a_stale_row_that_changes_nothing_is_skipped(self, client_as, member_a, year, evaluated_a, measure_a,
                                                         coordinator):
        client = client_as(member_a)
        table = export(client, year)
        evaluated_a.evidence_url = ""  # not in the row as exported: the row would change it back
        evaluated_a.save_change(coordinator)
        table.set(table.row("measure", measure_a), "evidence_url", "")
        response = upload(client, year, table.csv())
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert evaluated_a.revision == 2


class TestLockedYear:
    def test_a_member_cannot_import_into_a_locked_year(self, client_as, member_a, coordinator, year, evaluated_a):
        year.lock(coordinator)
        client = client_as(member_a)
        assert client.get(csv_url(year)).status_code == 200  # reading their own figures
        assert client.get(import_url(year)).status_code == 403
        assert import_url(year) not in page_text(client.get(reverse("planning:evaluation_round", args=[year.pk])))

    def test_the_coordinator_corrects_a_locked_year_with_a_reason(self, client_as, coordinator, year, evaluated_a):
        year.lock(coordinator)
        client = client_as(coordinator)
        table = export(client, year)
        table.set(table.row("measure", evaluated_a.measure), "fulfilment", "80")
        open_form(client, import_url(year), fields=["file", "correction_reason"])
        without = client.post(import_url(year), {"file": table.csv()})
        assert "correction_reason" in without.context["form"].errors
        evaluated_a.refresh_from_db()
        assert evaluated_a.fulfilment == 60
        response = client.post(import_url(year), {"file": table.csv(), "correction_reason": "Doložený stav."})
        assert response.status_code == 302, response.context["errors"]
        evaluated_a.refresh_from_db()
        assert evaluated_a.fulfilment == 80
        assert ActionLog.objects.get(action="measureevaluation.correct").data["reason"] == "Doložený stav."


class TestTheFile:
    def test_a_renamed_binary_file_is_refused_by_its_content(self, client_as, member_a, year, measure_a):
        png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
               b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
        response = upload(client_as(member_a), year, SimpleUploadedFile("vyhodnoceni.csv", png))
        assert "file" in response.context["form"].errors
        exe = SimpleUploadedFile("vyhodnoceni.xlsx", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 64)
        assert "file" in upload(client_as(member_a), year, exe).context["form"].errors

    def test_a_csv_named_xlsx_is_refused(self, client_as, member_a, year, measure_a):
        client = client_as(member_a)
        response = upload(client, year, export(client, year).csv(name="vyhodnoceni.xlsx"))
        assert "file" in response.context["form"].errors

    def test_too_big_a_file_is_refused(self, client_as, member_a, year, measure_a, settings):
        settings.UPLOAD_MAX_MB = 0.0001
        client = client_as(member_a)
        response = upload(client, year, export(client, year).csv())
        assert "file" in response.context["form"].errors

    def test_a_csv_from_czech_excel_in_windows_1250_is_read(self, client_as, member_a, year, measure_a):
        client = client_as(member_a)
        table = export(client, year)
        table.set(table.row("measure", measure_a), "status", "done").set(table.row("measure", measure_a), "comment",
                                                                          "Žluťoučký kůň")
        response = upload(client, year, table.csv(encoding="cp1250"))
        assert response.status_code == 302, response.context["errors"]
        assert MeasureEvaluation.objects.get().comment == "Žluťoučký kůň"

    def test_a_broken_xlsx_is_reported(self, client_as, member_a, year, measure_a):
        response = upload(client_as(member_a), year, SimpleUploadedFile("vyhodnoceni.xlsx", b"PK\x03\x04" + b"x" * 200))
        assert response.status_code == 200
        assert response.context["form"].errors or response.context["errors"]
