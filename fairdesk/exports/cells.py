"""Spreadsheet cells that cannot run as formulas, and the CSV / XLSX table writers.

Excel, LibreOffice and Google Sheets treat a CSV field that starts with ``=``,
``+``, ``-``, ``@`` (or a tab / carriage return before one) as a formula; a
candidate could type ``=HYPERLINK(…)`` as their name. In CSV such text gets a
leading apostrophe (OWASP's advice). An XLSX cell stored as a string is never
a formula, so there the text stays exactly as typed (a phone reads
``+1758…``) and the writer marks every such cell as a string. Numbers stay
numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from fairdesk.exports.atomic import atomic_path

Cell = str | int | float | None
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell


def neutralise(value: object) -> Cell:
    """A value safe to put in a CSV field (formula-like text gets an apostrophe)."""
    cell = plain(value)
    if isinstance(cell, str) and _formula_like(cell):
        return "'" + cell
    return cell


def plain(value: object) -> Cell:
    """A value for a spreadsheet cell, text as typed (control characters dropped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return _ILLEGAL.sub("", str(value))[:_MAX_CELL]


def _formula_like(text: str) -> bool:
    return text.lstrip(" ").startswith(_TRIGGERS)


def safe_row(values: Iterable[object]) -> list[Cell]:
    return [neutralise(v) for v in values]


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """UTF-8 with a byte-order mark, so Excel shows accents right. Returns the row count."""
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        return csv_to(handle, headers, rows)


def csv_to(stream: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """:func:`write_csv` into an open binary stream (left open)."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        writer = csv.writer(text)
        writer.writerow(safe_row(headers))
        count = 0
        for row in rows:
            writer.writerow(safe_row(row))
            count += 1
    finally:
        text.flush()
        text.detach()
    return count


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
               title: str = "Sheet") -> int:
    """One sheet with a bold, frozen header row and a filter. Returns the row count."""
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        return xlsx_to(handle, headers, rows, title)


def xlsx_to(stream: IO[bytes], headers: Sequence[str], rows: Iterable[Sequence[object]],
            title: str = "Sheet") -> int:
    """:func:`write_xlsx` into an open, seekable binary stream.

    Streams through openpyxl's write-only mode; formula-like text goes in as
    a string cell (``t="inlineStr"``), which no spreadsheet evaluates.
    """
    return sheets_to(stream, headers, [(title, rows)])


def write_xlsx_sheets(path: Path, headers: Sequence[str],
                      sheets: Sequence[tuple[str, Iterable[Sequence[object]]]]) -> int:
    """A workbook of several sheets with the same columns (titles made unique and
    short enough for Excel). Returns the row count over all sheets."""
    with atomic_path(path) as temporary, temporary.open("wb") as handle:
        return sheets_to(handle, headers, sheets)


def sheets_to(stream: IO[bytes], headers: Sequence[str],
              sheets: Sequence[tuple[str, Iterable[Sequence[object]]]]) -> int:
    book = Workbook(write_only=True)
    taken: set[str] = set()
    count = 0
    for title, rows in sheets or [("Sheet", [])]:
        count += _fill_sheet(book, _unique_title(_sheet_title(title), taken), headers, rows)
    book.save(stream)
    return count


def _fill_sheet(book: Workbook, title: str, headers: Sequence[str],
                rows: Iterable[Sequence[object]]) -> int:
    table = [[plain(v) for v in row] for row in rows]
    sheet = book.create_sheet(title)
    widths = [len(h) for h in headers]
    for cells in table:
        widths = [max(w, min(50, len(str(c)))) for w, c in zip(widths, cells, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(headers)))}{len(table) + 1}"
    bold, top = Font(bold=True), Alignment(vertical="top")
    header_cells = []
    for text in headers:
        cell = _string_cell(sheet, plain(text))
        cell.font, cell.alignment = bold, top
        header_cells.append(cell)
    sheet.append(header_cells)
    for cells in table:
        sheet.append([_xlsx_cell(sheet, c) for c in cells])
    return len(table)


def _unique_title(title: str, taken: set[str]) -> str:
    """Excel refuses two sheets whose names differ only in case."""
    candidate, number = title, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = title[:31 - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Cell) -> Cell | WriteOnlyCell:
    if value == "":
        return None  # no cell at all: reads back empty
    if isinstance(value, str) and value[:1] == "=":
        return _string_cell(sheet, value)  # openpyxl would take it for a formula
    return value


def _string_cell(sheet: WriteOnlyWorksheet, value: Cell) -> WriteOnlyCell:
    """A cell that holds ``value`` as text even if it starts with ``=``."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
                title: str = "Sheet") -> int:
    """CSV or XLSX by the suffix of ``path``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(path, headers, rows)
    if suffix == ".xlsx":
        return write_xlsx(path, headers, rows, title)
    raise ValueError(f"{path.name}: choose a .csv or .xlsx file name.")


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
