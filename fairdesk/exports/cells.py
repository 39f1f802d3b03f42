"""Spreadsheet cells that cannot run as formulas, and the CSV / XLSX table writers.

Excel, LibreOffice and Google Sheets treat a CSV field that starts with ``=``,
``+``, ``-``, ``@`` (or a tab / carriage return before one) as a formula; a
candidate could type ``=HYPERLINK(…)`` as their name. In CSV such text gets a
leading apostrophe (OWASP's advice). An XLSX cell stored as a string is never
a formula, so there the text stays exactly as typed (a phone reads
``+1758…``): every text goes in as a string cell (see :mod:`sheet_xml`).
Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.sheet_xml import write_sheet

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

    Text goes in as string cells (``t="inlineStr"``), which no spreadsheet
    evaluates, so it stays exactly as typed: no apostrophe is needed.
    """
    table = [[plain(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for cells in table:
        widths = [max(w, min(50, len(str(c)))) for w, c in zip(widths, cells, strict=False)]
    write_sheet(stream, _sheet_title(title), [str(plain(h)) for h in headers], table,
                [w + 2 for w in widths])
    return len(table)


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
