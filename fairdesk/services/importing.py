"""Importing the roster, the résumé folder and the employer list.

Each import is one transaction: a cancel (``cancel()`` returns true) or an
error leaves the event exactly as it was. Every change is an op
(``candidate.add``/``candidate.update``/``employer.upsert``), so imports sync
like any other edit. Reports account for every row and every file:

- candidates/employers: ``{"rows", "imported", "updated", "duplicates",
  "skipped", "warnings": [{"row", "field", "reason"}], "problems": [...]}``
  with ``rows == imported + updated + duplicates + skipped``;
- résumés: see :mod:`fairdesk.services.resume_import` (its own module, so a
  roster import does not load the PDF and fuzzy-matching libraries).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import Cancelled, InvalidField, UnreadableFile
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Candidate, Employer
from fairdesk.domain.rules import clean_tags, roster_ref
from fairdesk.imports import mapping as maps
from fairdesk.imports.employer_rows import parse_employers
from fairdesk.imports.readers import Table, read_table, sheet_names
from fairdesk.imports.roster import (
    Issue,
    Person,
    find_person,
    group_people,
    name_key,
    parse_roster,
)
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import bulk, oplog
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import employers as employer_rows
from fairdesk.storage import event as event_rows

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Report = dict[str, Any]
_NAME_TARGETS = frozenset({"full_name", "first_name", "last_name"})
_EVERY = 50  # rows between progress calls
_BATCH = 1_000  # candidate ops written at once (a cancel is still seen every row)


@dataclass(frozen=True)
class Preview:
    """What the wizard shows before an import: sheets, mapping and the first rows."""

    path: Path
    kind: str
    sheets: tuple[str, ...]
    sheet: str
    headers: tuple[str, ...]
    mapping: maps.Mapping
    remembered: bool
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    total_rows: int
    encoding: str


def preview_file(session: EventSession, path: Path | str, sheet: str | None = None,
                 kind: str = "candidates", limit: int = 10) -> Preview:
    """Read ``path`` and guess (or recall) its mapping; nothing is written."""
    target = Path(path)
    table = _read(target, sheet)
    used, remembered = mapping_for(session, table.headers, kind)
    return Preview(
        target, kind, tuple(sheet_names(target)), table.sheet, table.headers, used, remembered,
        tuple((r.number, r.cells) for r in table.rows[:limit]), len(table.rows), table.encoding,
    )


def mapping_for(session: EventSession, headers: Sequence[str],
                kind: str = "candidates") -> tuple[maps.Mapping, bool]:
    """The mapping remembered for this header shape, else a guess; and which it was."""
    saved = session.store.setting(_mapping_key(kind, headers))
    if isinstance(saved, list):
        return maps.fit([str(t) for t in saved], headers, kind), True
    return maps.guess(headers, kind), False


def _mapping_key(kind: str, headers: Sequence[str]) -> str:
    return f"import.mapping.{kind}.{maps.signature(headers)}"


def _read(path: Path, sheet: str | None) -> Table:
    table = read_table(path, sheet)
    if not table.headers:
        raise UnreadableFile(f"{path.name} is empty: it has no header row.", file=str(path))
    return table


def _resolve_mapping(session: EventSession, table: Table, given: Sequence[str] | None,
                     kind: str) -> maps.Mapping:
    used = maps.fit(given, table.headers, kind) if given is not None else (
        mapping_for(session, table.headers, kind)[0])
    needed = _NAME_TARGETS if kind == "candidates" else {"name"}
    if not needed & set(used):
        raise InvalidField("mapping", "No column is mapped to a name; choose the name "
                                      "column(s) before importing.")
    return used


def progress_tick(done: int, total: int, progress: Progress | None,
                  cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled("Import cancelled; the event is as it was before.")
    if progress is not None and (done % _EVERY == 0 or done == total):
        progress(done, total)


def _new_report(rows: int, skipped: list[Issue], warnings: list[Issue]) -> Report:
    return {"rows": rows, "imported": 0, "updated": 0, "duplicates": 0,
            "skipped": len(skipped), "warnings": [w.as_dict() for w in warnings],
            "problems": [s.as_dict() for s in skipped]}


# ------------------------------------------------------------------ candidates
def import_candidates(session: EventSession, path: Path | str,
                      mapping: Sequence[str] | None = None, dry_run: bool = False,
                      progress: Progress | None = None, *, cancel: CancelCheck | None = None,
                      sheet: str | None = None) -> Report:
    """Import a roster file; ``dry_run`` reports what would happen and writes nothing."""
    target = Path(path)
    table = _read(target, sheet)
    used = _resolve_mapping(session, table, mapping, "candidates")
    roster = parse_roster(table, used)
    people = group_people(roster.records, by_time=_times_read(roster.records))
    run = _CandidateRun(session, _new_report(roster.rows, roster.skipped, roster.warnings),
                        write=not dry_run)
    if dry_run:
        run.run(people, progress, cancel)
        return run.report
    store = session.store
    with store.transaction():
        run.run(people, progress, cancel)
        store.set_setting(_mapping_key("candidates", table.headers), list(used))
        event_rows.audit(store, session.now(), "import.candidates", target.name,
                         {k: v for k, v in run.report.items() if isinstance(v, int)})
    if run.changed:
        session.publish(Change("candidates", tuple(run.changed)))
    return run.report


def _times_read(records: Sequence[Any]) -> bool:
    """Order by submission time only when every filled time was read as ISO."""
    times = [str(r.fields.get("submitted_at", "")) for r in records]
    return all(len(t) >= 10 and t[4] == "-" for t in times if t)


class _CandidateRun:
    """One roster being imported: each person is added, updated or found unchanged."""

    def __init__(self, session: EventSession, report: Report, *, write: bool) -> None:
        self.session = session
        self.report = report
        self.write = write
        self.changed: list[str] = []
        self.queued: list[tuple[str, dict[str, Any]]] = []
        everyone = candidate_rows.all_candidates(session.store)
        self.by_email = {c.email.lower(): c for c in everyone if c.email}
        self.by_phone = {c.phone: c for c in everyone if c.phone}
        self.by_name = {name_key(c.first_name, c.last_name): c for c in everyone
                        if not (c.email or c.phone)}
        self.number = candidate_rows.next_ref_number(session.store, "C-")
        self.now = session.now()

    def run(self, people: list[Person], progress: Progress | None,
            cancel: CancelCheck | None) -> None:
        for done, person in enumerate(people, start=1):
            progress_tick(done, len(people), progress, cancel)
            _note_duplicates(person, self.report)
            self.take(person)
            if len(self.queued) >= _BATCH:
                self.flush()
        self.flush()

    def flush(self) -> None:
        """Write the queued ops in one batch (see :mod:`fairdesk.storage.bulk`)."""
        if self.queued:
            bulk.emit_many(self.session.store, self.queued, self.now)
            self.queued = []

    def take(self, person: Person) -> None:
        fields = person.fields
        name = "" if fields.get("email") or fields.get("phone") else name_key(
            fields.get("first_name", ""), fields.get("last_name", ""))
        found = find_person(fields.get("email", ""), fields.get("phone", ""), self.by_email,
                            self.by_phone, name, by_name=self.by_name)
        if found is None:
            self.report["imported"] += 1
            if self.write:
                key = new_id()
                body = {"id": key, "ref": roster_ref(self.number), "source": "roster",
                        "consent": False, **fields}
                self.queued.append(("candidate.add", body))
                self.changed.append(key)
            self.number += 1
            return
        diff = _changes(found, fields)
        if not diff:
            self.report["duplicates"] += 1
            return
        self.report["updated"] += 1
        self.report["warnings"].append(Issue(person.rows[-1], ", ".join(diff), (
            f"updated {found.ref} {found.display_name}: {', '.join(diff)}")).as_dict())
        if self.write:
            self.queued.append(("candidate.update", {"id": found.id, **diff}))
            self.changed.append(found.id)


def _note_duplicates(person: Person, report: Report) -> None:
    """Rows after a person's first are duplicates: counted, and each one explained."""
    first = min(person.rows)
    for record in person.records:
        if record.row == first:
            continue
        report["duplicates"] += 1
        same = "email" if record.email and any(
            r.email == record.email for r in person.records if r.row == first) else "phone"
        report["warnings"].append(Issue(record.row, same, (
            f"same person as row {first} (same {same}); merged, the later submission "
            "wins field by field")).as_dict())


def _changes(current: Candidate, fields: dict[str, Any]) -> dict[str, Any]:
    before = asdict(current)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        old = before.get(name)
        if isinstance(old, tuple):
            old = list(old)
        if old != value:
            out[name] = value
    return out


# ------------------------------------------------------------------ employers
def import_employers(session: EventSession, path: Path | str,
                     mapping: Sequence[str] | None = None, dry_run: bool = False,
                     *, sheet: str | None = None) -> Report:
    """Import employers (name, booth, sector, contact, tags); the same name is updated."""
    target = Path(path)
    table = _read(target, sheet)
    used = _resolve_mapping(session, table, mapping, "employers")
    parsed = parse_employers(table, used)
    run = _EmployerRun(session, _new_report(parsed.rows, parsed.skipped, parsed.warnings),
                       write=not dry_run)
    with session.store.transaction():
        for record in parsed.records:
            run.take(record.row, dict(record.fields))
        if not dry_run:
            session.store.set_setting(_mapping_key("employers", table.headers), list(used))
    if run.changed:
        session.publish(Change("employers", tuple(run.changed)))
    return run.report


class _EmployerRun:
    """One employer list being imported; a name already known is updated."""

    def __init__(self, session: EventSession, report: Report, *, write: bool) -> None:
        self.session = session
        self.report = report
        self.write = write
        self.changed: list[str] = []
        everyone = employer_rows.all_employers(session.store)
        self.existing = {e.name.casefold(): e for e in everyone}
        self.booths = {e.booth.casefold(): e.name for e in everyone if e.booth}

    def take(self, row: int, fields: dict[str, Any]) -> None:
        fields["tags"] = list(clean_tags(fields.get("tags", [])))
        name = fields["name"]
        current = self.existing.get(name.casefold())
        fields = {k: v for k, v in fields.items() if v not in ("", [])}
        booth = str(fields.get("booth", "")).casefold()
        if booth and self.booths.get(booth, name).casefold() != name.casefold():
            self.report["warnings"].append(Issue(row, "booth", (
                f"booth {fields.pop('booth')} already belongs to {self.booths[booth]}; "
                "imported without a booth")).as_dict())
        diff = fields if current is None else _employer_changes(current, fields)
        if not diff:
            self.report["duplicates"] += 1
            return
        self.report["imported" if current is None else "updated"] += 1
        key = new_id() if current is None else current.id
        self.existing[name.casefold()] = Employer(key, **_employer_values(fields, current))
        if fields.get("booth"):
            self.booths[str(fields["booth"]).casefold()] = name
        if self.write:
            oplog.emit(self.session.store, "employer.upsert", {"id": key, **diff},
                       self.session.now())
            self.changed.append(key)


def _employer_changes(current: Employer, fields: dict[str, Any]) -> dict[str, Any]:
    """Fields that differ; a name spelled in other capitals is the same name."""
    before = asdict(current)
    return {k: v for k, v in fields.items()
            if (list(before[k]) if isinstance(before[k], tuple) else before[k]) != v
            and not (k == "name" and str(v).casefold() == current.name.casefold())}


def _employer_values(fields: dict[str, Any], current: Employer | None) -> dict[str, Any]:
    values = {k: v for k, v in asdict(current).items() if k != "id"} if current else {}
    values.update({k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})
    return values
