"""Reading a spreadsheet (CSV or XLSX) into a header and numbered rows.

Everything comes back as text, exactly as the file holds it: a cell that a
spreadsheet would run as a formula (``=HYPERLINK(...)``) is read as the text
it is, never evaluated. Row numbers are the ones a spreadsheet shows: the
header is row 1 when it is the first row, and a quoted cell that spans
several lines still counts as one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from fairdesk.domain.errors import UnreadableFile

DELIMITERS = ",;\t|"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_BYTES = 200 * 1024 * 1024
_CELL_LIMIT = 10 * 1024 * 1024


@dataclass(frozen=True)
class RawRow:
    """One data row: its spreadsheet row number and its cells as text."""

    number: int
    cells: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass(frozen=True)
class Table:
    """A header and the rows under it; ``encoding``/``delimiter`` say how it was read."""

    headers: tuple[str, ...]
    rows: tuple[RawRow, ...]
    sheet: str = ""
    encoding: str = ""
    delimiter: str = ""
    notes: tuple[tuple[int, str], ...] = field(default=())  # (row, what was odd)


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def sheet_names(path: Path | str) -> list[str]:
    """The sheets of a workbook, in order; a CSV file has none."""
    target = Path(path)
    if not is_xlsx(target):
        return []
    workbook = _open_workbook(target)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def read_table(path: Path | str, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file (the first sheet unless ``sheet`` is named)."""
    target = Path(path)
    if not target.is_file():
        raise UnreadableFile(f"{target.name}: no such file.", file=str(target))
    if target.stat().st_size > MAX_BYTES:
        raise UnreadableFile(f"{target.name} is larger than 200 MB.", file=str(target))
    if is_xlsx(target):
        return _read_xlsx(target, sheet)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{target.name} cannot be read ({exc.strerror}).") from exc
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(target, sheet)
    return parse_csv_bytes(data, name=target.name)


# ------------------------------------------------------------------ CSV
def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding found: UTF-8 (BOM or not), UTF-16 with BOM, cp1252, Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter used most often outside quotes on the first line (``,`` if none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv_bytes(data: bytes, name: str = "file") -> Table:
    text, encoding = decode(data)
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(max(csv.field_size_limit(), _CELL_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [tuple(record) for record in reader]
    except csv.Error as exc:
        raise UnreadableFile(
            f"{name}: row {reader.line_num} cannot be read as CSV ({exc}).", file=name
        ) from exc
    return _table(records, encoding=encoding, delimiter=delimiter)


def _table(records: list[tuple[str, ...]], *, sheet: str = "", encoding: str = "",
           delimiter: str = "") -> Table:
    """The first non-empty record is the header; rows keep their spreadsheet numbers."""
    start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if start is None:
        return Table((), (), sheet, encoding, delimiter)
    headers = tuple(" ".join(h.split()) for h in records[start])
    width = len(headers)
    rows: list[RawRow] = []
    notes: list[tuple[int, str]] = []
    for index in range(start + 1, len(records)):
        cells = records[index]
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            notes.append((index + 1, f"{len(cells) - width} cell(s) beyond the last "
                                     "column were ignored"))
        padded = (tuple(cells) + ("",) * width)[:width]
        rows.append(RawRow(index + 1, padded))
    while rows and rows[-1].empty:
        rows.pop()  # blank rows after the last entry are not rows anyone filled in
    return Table(headers, tuple(rows), sheet, encoding, delimiter, tuple(notes))


# ------------------------------------------------------------------ XLSX
def _open_workbook(target: Path):  # type: ignore[no-untyped-def]
    import openpyxl

    try:
        return openpyxl.load_workbook(target, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(
            f"{target.name} is not a readable Excel workbook ({exc}).", file=str(target)
        ) from exc


def _read_xlsx(target: Path, sheet: str | None) -> Table:
    workbook = _open_workbook(target)
    try:
        names = list(workbook.sheetnames)
        if not names:
            raise UnreadableFile(f"{target.name} holds no sheet.", file=str(target))
        chosen = sheet if sheet is not None else names[0]
        if chosen not in names:
            raise UnreadableFile(
                f"{target.name} has no sheet {chosen!r} (it has {', '.join(names)}).",
                file=str(target),
            )
        records = [
            tuple(cell_text(v) for v in row)
            for row in workbook[chosen].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    return _table(records, sheet=chosen, encoding="xlsx")


def cell_text(value: object) -> str:
    """A cell as the text a person sees (whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
