"""A one-sheet XLSX workbook, written directly as SpreadsheetML.

openpyxl builds an object per cell; for the bundles' candidate lists (one per
employer, a row per visitor) that was a fifth of the time to write a bundle.
This writes what the lists need and nothing more: text as string cells
(``t="inlineStr"``, which no spreadsheet evaluates, whatever the text starts
with), numbers, a bold header row that stays in view, a filter and column
widths. The tests read every file back with openpyxl.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO
from xml.sax.saxutils import escape

SheetCell = str | int | float | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "application/vnd.openxmlformats-officedocument"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_DOC}.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_DOC}.spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_DOC}.spreadsheetml.styles+xml"/>'
    '</Types>'
)
_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>'
)
_WORKBOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    '</Relationships>'
)
# style 0: normal; style 1: bold, aligned to the top (the header row)
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="2">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyAlignment="1"><alignment vertical="top"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


def column_letter(index: int) -> str:
    """1 → ``A``, 27 → ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_sheet(stream: IO[bytes], title: str, headers: Sequence[str],
                rows: Sequence[Sequence[SheetCell]], widths: Sequence[float]) -> None:
    """Write the workbook to ``stream`` (seekable). ``title`` must be a valid sheet name."""
    end_column, end_row = column_letter(max(1, len(headers))), len(rows) + 1
    last = f"{end_column}{end_row}"
    quoted = "'" + title.replace("'", "''") + "'"
    workbook = (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{escape(title, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
        '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
        f'hidden="1">{escape(quoted)}!$A$1:${end_column}${end_row}</definedName>'
        '</definedNames></workbook>'
    )
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        package.writestr("xl/worksheets/sheet1.xml",
                         "".join(_sheet(headers, rows, widths, last)))


def _sheet(headers: Sequence[str], rows: Sequence[Sequence[SheetCell]],
           widths: Sequence[float], last: str) -> Iterable[str]:
    yield (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>'
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
           'activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           '<sheetFormatPr defaultRowHeight="15"/>')
    if widths:
        yield "<cols>"
        for index, width in enumerate(widths, start=1):
            yield f'<col min="{index}" max="{index}" width="{width:g}" customWidth="1"/>'
        yield "</cols>"
    yield "<sheetData>"
    widest = max([1, len(headers), *(len(values) for values in rows)])
    letters = [column_letter(i) for i in range(1, widest + 1)]
    yield _row(1, headers, letters, ' s="1"')
    for number, values in enumerate(rows, start=2):
        yield _row(number, values, letters, "")
    yield f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>'


def _row(number: int, values: Sequence[SheetCell], letters: list[str], style: str) -> str:
    cells = []
    for letter, value in zip(letters, values, strict=False):
        if value is None or value == "":
            continue
        ref = f"{letter}{number}"
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                isinstance(value, float) and not math.isfinite(value)):
            text = str(value)
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            cells.append(f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t>'
                         '</is></c>')
        else:
            cells.append(f'<c r="{ref}"{style}><v>{value!r}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'
