"""From spreadsheet rows to candidate records: cleaned, checked and de-duplicated.

Pure: no database. :func:`parse_roster` cleans each row and says why a row is
not taken; :func:`group_people` joins rows of the same person (same email,
case-insensitive, else same phone) so that the later submission wins field by
field. The service then compares each person with the event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from fairdesk.domain.text import fold
from fairdesk.imports import cleaning
from fairdesk.imports.mapping import Mapping, column_of, pick
from fairdesk.imports.readers import RawRow, Table

TEXT_FIELDS = ("district", "education", "experience", "cv_filename")
LIST_FIELDS = ("languages", "roles")
T = TypeVar("T")
_LABELS = {"full_name": "name", "first_name": "first name", "last_name": "last name"}


@dataclass(frozen=True)
class Issue:
    """Something about one row (or file): the row number, the field, and why."""

    row: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "reason": self.reason}


@dataclass
class Record:
    """One row that names a person, cleaned. ``consent`` is ``None`` when blank."""

    row: int
    fields: dict[str, Any]
    consent: bool | None = None

    @property
    def email(self) -> str:
        return str(self.fields.get("email", ""))

    @property
    def phone(self) -> str:
        return str(self.fields.get("phone", ""))


@dataclass
class Person:
    """The rows of one person in the file; :attr:`fields` merges them, later wins."""

    records: list[Record] = field(default_factory=list)

    @property
    def rows(self) -> list[int]:
        return [r.row for r in self.records]

    @property
    def fields(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        consent: bool | None = None
        for record in self.records:
            merged.update({k: v for k, v in record.fields.items() if v not in ("", [], None)})
            consent = record.consent if record.consent is not None else consent
        if consent is not None:
            merged["consent"] = consent
        return merged


@dataclass
class Roster:
    rows: int
    records: list[Record]
    skipped: list[Issue]
    warnings: list[Issue]


def parse_roster(table: Table, mapping: Mapping) -> Roster:
    """Clean every row; each row becomes a record or a skip with its reason."""
    column = column_of(mapping, "submitted_at")
    times = None
    if column is not None:
        times = cleaning.TimeColumn(r.cells[column] for r in table.rows)
    out = Roster(len(table.rows), [], [], [Issue(r, "", n) for r, n in table.notes])
    for raw in table.rows:
        record, skip = clean_row(raw, mapping, times, out.warnings)
        if record is not None:
            out.records.append(record)
        elif skip is not None:
            out.skipped.append(skip)
    return out


def clean_row(raw: RawRow, mapping: Mapping, times: cleaning.TimeColumn | None,
              warnings: list[Issue]) -> tuple[Record | None, Issue | None]:
    if raw.empty:
        return None, Issue(raw.number, "", "empty row")
    cells = pick(mapping, raw.cells)
    row = raw.number
    fields: dict[str, Any] = {}
    fields["first_name"], fields["last_name"] = _name(cells, row, warnings)
    fields["email"] = _email(cells.get("email", ""), row, warnings)
    fields["phone"] = _phone(cells.get("phone", ""), row, warnings)
    if not (fields["first_name"] or fields["last_name"]):
        return None, _no_name(row, fields, cells)
    for name in TEXT_FIELDS:
        fields[name] = _text(cells.get(name, ""), name, row, warnings)
    for name in LIST_FIELDS:
        fields[name] = cleaning.items(cells.get(name, ""))
    when = cells.get("submitted_at", "")
    fields["submitted_at"] = times.iso(when) if times is not None else cleaning.text(when)
    return Record(row, fields, _consent(cells.get("consent", ""), row, warnings)), None


def _no_name(row: int, fields: dict[str, Any], cells: dict[str, str]) -> Issue:
    written = fields["email"] or cleaning.text(cells.get("email", ""))
    if not (written or fields["phone"]):
        return Issue(row, "name", "no name and no email or phone: cannot tell who this is")
    if not written:
        return Issue(row, "name", f"no name and no email (only phone {fields['phone']}): "
                                  "a candidate needs a name")
    return Issue(row, "name", f"no name (email {written}): a candidate needs a name")


def _name(cells: dict[str, str], row: int, warnings: list[Issue]) -> tuple[str, str]:
    first = cleaning.proper_case(cells.get("first_name", ""))
    last = cleaning.proper_case(cells.get("last_name", ""))
    for target, value in (("first_name", first), ("last_name", last)):
        _formula_warning(value, target, row, warnings)
    if first or last:
        return first, last
    full = cells.get("full_name", "")
    _formula_warning(full, "full_name", row, warnings)
    return cleaning.split_name(cleaning.proper_case(full))


def _formula_warning(value: str, target: str, row: int, warnings: list[Issue]) -> None:
    if cleaning.looks_like_formula(value):
        label = _LABELS.get(target, target.replace("_", " "))
        warnings.append(Issue(row, target, f"{label} {cleaning.text(value)!r} looks like a "
                                           "spreadsheet formula; kept as plain text"))


def _email(value: str, row: int, warnings: list[Issue]) -> str:
    cleaned = cleaning.email(value)
    if cleaned is None:
        warnings.append(Issue(row, "email", f"{cleaning.text(value)!r} is not an email "
                                            "address; imported without an email"))
        return ""
    return cleaned


def _phone(value: str, row: int, warnings: list[Issue]) -> str:
    cleaned = cleaning.phone(value)
    if cleaned is None:
        kept = cleaning.text(value)
        warnings.append(Issue(row, "phone", f"{kept!r} is not a phone number; kept as typed"))
        return kept
    return cleaned


def _text(value: str, name: str, row: int, warnings: list[Issue]) -> str:
    _formula_warning(value, name, row, warnings)
    return cleaning.text(value)


def _consent(value: str, row: int, warnings: list[Issue]) -> bool | None:
    if not value.strip():
        return None
    answer = cleaning.consent(value)
    if answer is None:
        warnings.append(Issue(row, "consent", f"{cleaning.text(value)!r} is not a yes/no "
                                              "answer; read as no consent"))
        return False
    return answer


def group_people(records: list[Record], by_time: bool = True) -> list[Person]:
    """Rows of the same person together (email, else phone), each in submission order."""
    people: list[Person] = []
    by_email: dict[str, Person] = {}
    by_phone: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for record in records:
        # The name only tells people apart when there is no email or phone (folding costs).
        key = "" if record.email or record.phone else name_key(
            record.fields["first_name"], record.fields["last_name"])
        person = find_person(record.email, record.phone, by_email, by_phone, key,
                             by_name=by_name)
        if person is None:
            person = Person()
            people.append(person)
        person.records.append(record)
        if record.email:
            by_email.setdefault(record.email, person)
        if record.phone:
            by_phone.setdefault(record.phone, person)
        if not (record.email or record.phone):
            by_name.setdefault(key, person)
    for person in people:
        person.records.sort(key=lambda r: (str(r.fields["submitted_at"]) if by_time else "",
                                           r.row))
    return people


def find_person(email: str, phone: str, by_email: dict[str, T], by_phone: dict[str, T],
                name: str = "", *, by_name: dict[str, T] | None = None) -> T | None:
    """The same person: the same email; else the same phone unless both emails differ.

    A row with neither email nor phone is the same person as one with the same
    name and no contact either (``by_name``), so a re-import adds nobody twice.
    """
    if not (email or phone):
        return by_name.get(name) if by_name is not None and name else None
    if email and email in by_email:
        return by_email[email]
    if phone and phone in by_phone:
        found = by_phone[phone]
        other = _person_email(found)
        if not email or not other or other == email:
            return found
    return None


def name_key(first: str, last: str) -> str:
    return fold(f"{first} {last}")


def _person_email(found: Any) -> str:
    if isinstance(found, Person):
        return next((r.email for r in found.records if r.email), "")
    return str(getattr(found, "email", "")).lower()
