"""Reading CSV (encodings, delimiters, multi-line cells) and XLSX into numbered rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.domain.errors import UnreadableFile
from fairdesk.imports.readers import parse_csv_bytes, read_table, sheet_names


def test_sample_roster_is_read_with_spreadsheet_row_numbers(samples: Path) -> None:
    table = read_table(samples / "roster-form-export.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Timestamp"  # the BOM is gone
    assert table.rows[0].number == 2
    assert table.rows[-1].number == 44  # the multi-line answer is one row
    multi = next(r for r in table.rows if "Customer Service Agent\nTeam Leader" in r.cells)
    assert multi.number == 13


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_encodings_are_detected(encoding: str) -> None:
    text = "Full Name,District\nAnaïs Félix,Soufrière\n"
    table = parse_csv_bytes(text.encode(encoding))
    assert table.rows[0].cells == ("Anaïs Félix", "Soufrière")


def test_cp1252_quotes_are_read() -> None:
    table = parse_csv_bytes("Name\n“Kervin” O’Neil\n".encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows[0].cells == ("“Kervin” O’Neil",)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_detected(delimiter: str) -> None:
    data = f"Name{delimiter}Email\nA B{delimiter}a@b.lc\n".encode()
    table = parse_csv_bytes(data)
    assert table.delimiter == delimiter
    assert table.rows[0].cells == ("A B", "a@b.lc")


def test_quoted_delimiters_do_not_fool_the_sniffer() -> None:
    data = b'"Name; with; semis",Email\nA,b\n'
    assert parse_csv_bytes(data).delimiter == ","


def test_short_rows_are_padded_and_extra_cells_noted() -> None:
    table = parse_csv_bytes(b"A,B\n1\n1,2,3\n")
    assert table.rows[0].cells == ("1", "")
    assert table.rows[1].cells == ("1", "2")
    assert table.notes and table.notes[0][0] == 3


def test_empty_rows_inside_count_and_trailing_ones_do_not() -> None:
    table = parse_csv_bytes(b"A,B\n,\nx,y\n,\n\n")
    assert [r.number for r in table.rows] == [2, 3]
    assert table.rows[0].empty


def test_formula_cells_are_text() -> None:
    table = parse_csv_bytes(b'Name\n"=HYPERLINK(""http://x"",""y"")"\n')
    assert table.rows[0].cells == ('=HYPERLINK("http://x","y")',)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile):
        read_table(tmp_path / "nope.csv")


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Roster"
    first.append(["Full Name", "Phone", "Joined"])
    first.append(["Léon Félix", 17585551234, 3.0])
    first.append(["Kimron", "=1+1", None])
    second = book.create_sheet("Employers")
    second.append(["Company", "Booth"])
    second.append(["Island BPO", 4])
    book.save(path)


def test_xlsx_first_sheet_by_default_and_sheet_chosen(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    _workbook(path)
    assert sheet_names(path) == ["Roster", "Employers"]
    table = read_table(path)
    assert table.sheet == "Roster"
    assert table.rows[0].cells == ("Léon Félix", "17585551234", "3")
    assert table.rows[1].cells[1] == "=1+1"  # never evaluated
    other = read_table(path, "Employers")
    assert other.headers == ("Company", "Booth")
    with pytest.raises(UnreadableFile, match="no sheet"):
        read_table(path, "Nope")


def test_a_broken_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFile):
        read_table(path)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_refused_cleanly(data: bytes) -> None:
    try:
        table = parse_csv_bytes(data)
    except UnreadableFile:
        return
    assert all(len(r.cells) == len(table.headers) for r in table.rows)
    assert [r.number for r in table.rows] == sorted({r.number for r in table.rows})


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=20)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=15),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_every_written_row_comes_back(rows: list[list[str]], encoding: str) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["Name", "Email", "Phone"])
    writer.writerows(rows)
    table = parse_csv_bytes(buffer.getvalue().encode(encoding))
    filled = [r for r in rows if any(c.strip() for c in r)]
    assert len(table.rows) >= len(filled)
    last = max((i for i, r in enumerate(rows) if any(c.strip() for c in r)), default=-1)
    assert len(table.rows) == last + 1
