"""From spreadsheet rows to employer records (name, booth, sector, contact, tags).

Pure: no database. A "Contact" cell may hold a name, an email and a phone
together ("Ana Joseph <ana@bpo.lc> 758 555 0101"); they are taken apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fairdesk.imports import cleaning
from fairdesk.imports.mapping import Mapping, pick
from fairdesk.imports.readers import RawRow, Table
from fairdesk.imports.roster import Issue

_PHONE_IN_TEXT = re.compile(r"\+?\d[\d\s().-]{5,}\d")
_TAG_SPLIT = re.compile(r"\s*[,;|\n]\s*")


@dataclass(frozen=True)
class EmployerRecord:
    row: int
    fields: dict[str, Any]


@dataclass
class EmployerRows:
    rows: int
    records: list[EmployerRecord]
    skipped: list[Issue]
    warnings: list[Issue]


def parse_employers(table: Table, mapping: Mapping) -> EmployerRows:
    out = EmployerRows(len(table.rows), [], [], [Issue(r, "", n) for r, n in table.notes])
    for raw in table.rows:
        record, skip = clean_employer(raw, mapping, out.warnings)
        if record is not None:
            out.records.append(record)
        elif skip is not None:
            out.skipped.append(skip)
    return out


def clean_employer(raw: RawRow, mapping: Mapping,
                   warnings: list[Issue]) -> tuple[EmployerRecord | None, Issue | None]:
    if raw.empty:
        return None, Issue(raw.number, "", "empty row")
    cells = pick(mapping, raw.cells)
    name = cleaning.text(cells.get("name", ""))
    if not name:
        return None, Issue(raw.number, "name", "no employer name")
    fields: dict[str, Any] = {"name": name}
    for key in ("booth", "sector", "contact_name"):
        fields[key] = cleaning.text(cells.get(key, ""))
    for key, value in split_contact(cells.get("contact", "")).items():
        if not fields.get(key):
            fields[key] = value
    _contact_email(fields, cells.get("contact_email"), raw.number, warnings)
    _contact_phone(fields, cells.get("contact_phone"), raw.number, warnings)
    fields["tags"] = [t for t in (cleaning.text(x) for x in _TAG_SPLIT.split(
        cells.get("tags", ""))) if t]
    for key, value in fields.items():
        if isinstance(value, str) and cleaning.looks_like_formula(value):
            warnings.append(Issue(raw.number, key, f"{value!r} looks like a spreadsheet "
                                                   "formula; kept as plain text"))
    return EmployerRecord(raw.number, fields), None


def split_contact(cell: str) -> dict[str, str]:
    """``"Ana Joseph <ana@bpo.lc>, 758 555 0101"`` → name, email and phone."""
    rest = cell
    out: dict[str, str] = {}
    found = cleaning.email_in(rest)
    if found:
        out["contact_email"] = found
        rest = re.sub(re.escape(found), " ", rest, flags=re.IGNORECASE)
    number = _PHONE_IN_TEXT.search(rest)
    if number:
        phone = cleaning.phone(number.group(0))
        if phone:
            out["contact_phone"] = phone
            rest = rest.replace(number.group(0), " ")
    name = cleaning.text(re.sub(r"[<>(),;]|mailto:", " ", rest)).strip(" -/")
    if name:
        out["contact_name"] = name
    return out


def _contact_email(fields: dict[str, Any], value: str | None, row: int,
                   warnings: list[Issue]) -> None:
    if value is None or not value.strip():
        fields.setdefault("contact_email", "")
        return
    cleaned = cleaning.email(value)
    if cleaned is None:
        warnings.append(Issue(row, "contact_email",
                              f"{cleaning.text(value)!r} is not an email address; left out"))
        fields.setdefault("contact_email", "")
    else:
        fields["contact_email"] = cleaned


def _contact_phone(fields: dict[str, Any], value: str | None, row: int,
                   warnings: list[Issue]) -> None:
    if value is None or not value.strip():
        fields.setdefault("contact_phone", "")
        return
    cleaned = cleaning.phone(value)
    if cleaned is None:
        warnings.append(Issue(row, "contact_phone",
                              f"{cleaning.text(value)!r} is not a phone number; kept as typed"))
        cleaned = cleaning.text(value)
    fields["contact_phone"] = cleaned
