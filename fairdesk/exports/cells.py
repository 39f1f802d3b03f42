"""Spreadsheet cells that cannot run as formulas, and the CSV / XLSX table writers.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``,
``+``, ``-``, ``@`` (or a tab / carriage return before one) as a formula; a
candidate could type ``=HYPERLINK(…)`` as their name. Such text gets a leading
apostrophe (OWASP's advice), in CSV and XLSX alike, so both files hold the
same rows. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fairdesk.exports.atomic import atomic_path

Cell = str | int | float | None
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell


def neutralise(value: object) -> Cell:
    """A value safe to put in a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = _ILLEGAL.sub("", str(value))[:_MAX_CELL]
    if text.lstrip(" ").startswith(_TRIGGERS):
        return "'" + text
    return text


def safe_row(values: Iterable[object]) -> list[Cell]:
    return [neutralise(v) for v in values]


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """UTF-8 with a byte-order mark, so Excel shows accents right. Returns the row count."""
    count = 0
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8-sig",
                                                       newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(safe_row(headers))
        for row in rows:
            writer.writerow(safe_row(row))
            count += 1
    return count


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
               title: str = "Sheet") -> int:
    """One sheet with a bold, frozen header row and a filter. Returns the row count."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    sheet.append(safe_row(headers))
    widths = [len(h) for h in headers]
    count = 0
    for row in rows:
        cells = safe_row(row)
        sheet.append(cells)
        widths = [max(w, min(50, len(str(c)))) for w, c in zip(widths, cells, strict=False)]
        count += 1
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    with atomic_path(path) as temporary:
        book.save(temporary)
    return count


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
