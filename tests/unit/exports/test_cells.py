from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairdesk.exports.cells import neutralise, write_csv, write_table, write_xlsx

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


def test_xlsx_has_no_formula_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ["Name", "n"], [[e, 1] for e in EVIL])
    sheet = load_workbook(path).active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s"
        assert str(row[0].value).startswith("'")


def test_write_table_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"csv or \.xlsx"):
        write_table(tmp_path / "t.txt", ["a"], [])
