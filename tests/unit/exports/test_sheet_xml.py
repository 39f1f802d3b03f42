from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairdesk.exports.cells import plain, write_xlsx
from fairdesk.exports.sheet_xml import column_letter, write_sheet


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (21, "U"), (26, "Z"), (27, "AA"),
                                                (52, "AZ"), (703, "AAA")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_text_numbers_and_gaps_read_back_as_written() -> None:
    tricky = ['Tom & "Jerry" <b>', "  two spaces", "line one\nline two", "Désirée ★",
              "=1+1", "-5", "trailing "]
    out = io.BytesIO()
    write_sheet(out, "O'Neil list", ["Text", "Number", "Empty", "Float"],
                [[text, n, None, n / 4] for n, text in enumerate(tricky)], [12, 8, 8, 8])
    book = load_workbook(io.BytesIO(out.getvalue()))
    sheet = book["O'Neil list"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == tricky
    assert [r[1] for r in rows] == list(range(len(tricky)))
    assert all(r[2] is None for r in rows)
    assert [r[3] for r in rows] == [n / 4 for n in range(len(tricky))]
    assert all(sheet.cell(row, 1).data_type == "s" for row in range(2, len(tricky) + 2))
    assert sheet.column_dimensions["A"].width == 12
    assert sheet.auto_filter.ref == f"A1:D{len(tricky) + 1}"
    names = zipfile.ZipFile(out).read("xl/workbook.xml").decode()
    assert "'O''Neil list'!$A$1:$D$8" in names  # the filter's defined name, quoted


def test_an_empty_list_is_still_a_workbook() -> None:
    out = io.BytesIO()
    write_sheet(out, "Visits", ["Ref", "Name"], [], [5, 6])
    sheet = load_workbook(io.BytesIO(out.getvalue()))["Visits"]
    assert [c.value for c in sheet[1]] == ["Ref", "Name"]
    assert sheet.max_row == 1


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ["Name"], [["bad\x00\x07 \ufffe name"]])
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A2"].value == plain("bad\x00\x07 \ufffe name") == "bad  name"
