"""The XLSX lists (openpyxl, write-only): text exactly as typed, as string cells."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from fairdesk.exports.cells import plain, write_xlsx


def test_text_numbers_and_gaps_read_back_as_written(tmp_path: Path) -> None:
    tricky = ['Tom & "Jerry" <b>', "  two spaces", "line one\nline two", "Désirée ★",
              "=1+1", "-5", "+1758 484 1234", "trailing "]
    path = tmp_path / "list.xlsx"
    write_xlsx(path, ["Text", "Number", "Empty", "Float"],
               [[text, n, None, n / 4] for n, text in enumerate(tricky)], title="O'Neil list")
    sheet = load_workbook(path)["O'Neil list"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == tricky
    assert [r[1] for r in rows] == list(range(len(tricky)))
    assert all(r[2] is None for r in rows)
    assert [r[3] for r in rows] == [n / 4 for n in range(len(tricky))]
    assert all(sheet.cell(row, 1).data_type == "s" for row in range(2, len(tricky) + 2))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:D{len(tricky) + 1}"


def test_an_empty_list_is_still_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(path, ["Ref", "Name"], [], title="Visits") == 0
    sheet = load_workbook(path)["Visits"]
    assert [c.value for c in sheet[1]] == ["Ref", "Name"]
    assert sheet.max_row == 1


def test_characters_xml_cannot_hold_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, ["Name"], [["bad\x00\x07 \ufffe name"]])
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A2"].value == plain("bad\x00\x07 \ufffe name") == "bad  name"
