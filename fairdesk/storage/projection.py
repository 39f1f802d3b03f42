"""How each kind of op changes the domain tables.

Facts (check-ins, visits, prints) are never refused: an op that arrives twice
is stopped by the op log, and the same fact made on two devices is kept as two
rows and counted once by the queries. Field edits are last-writer-wins per
field, ordered by the hybrid logical clock stamp of the op.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fairdesk.domain.model import Op
from fairdesk.domain.text import digits, fold
from fairdesk.storage import codec, interviews
from fairdesk.storage.candidates import resolve_id

if TYPE_CHECKING:
    from fairdesk.storage.store import EventStore

LIST_FIELDS = frozenset({"languages", "roles", "tags", "days"})
EVENT_FIELDS = ("name", "venue", "timezone", "days", "branding")
EMPLOYER_FIELDS = (
    "name", "booth", "sector", "contact_name", "contact_email", "contact_phone", "tags",
)
CANDIDATE_FIELDS = (
    "first_name", "last_name", "email", "phone", "district", "education", "languages",
    "roles", "experience", "consent", "source", "desk", "resume_sha", "cv_filename",
    "submitted_at",
)
VISIT_FIELDS = ("rating", "tags", "notes", "shortlist")


def _db_value(field: str, value: Any) -> Any:
    if field in LIST_FIELDS or field == "branding":
        return codec.json_text(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _lww(store: EventStore, table: str, key: str, fields: dict[str, Any], hlc: str) -> None:
    """Write each field whose last write is older than ``hlc``."""
    row = store.row(f"SELECT clocks FROM {table} WHERE id = ?", (key,))
    if row is None:
        return
    clocks: dict[str, str] = json.loads(row["clocks"])
    newer = {f: v for f, v in fields.items() if hlc > codec.field_clock(clocks, f)}
    if not newer:
        return
    clocks.update(dict.fromkeys(newer, hlc))
    sets = ", ".join(f"{f} = ?" for f in newer)
    values = [_db_value(f, v) for f, v in newer.items()]
    store.execute(
        f"UPDATE {table} SET {sets}, clocks = ? WHERE id = ?",
        (*values, codec.json_text(clocks), key),
    )


def _pick(body: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k in allowed}


def search_text(row: dict[str, Any]) -> str:
    """The words a desk can find a candidate by (see migration 2)."""
    ref = str(row.get("ref", ""))
    phone = digits(str(row.get("phone", "")))
    email = str(row.get("email", ""))
    parts = [
        fold(str(row.get("first_name", ""))),
        fold(str(row.get("last_name", ""))),
        fold(email.replace("@", " ").replace(".", " ")),
        ref.replace("-", "").lower(),
        ref.rsplit("-", maxsplit=1)[-1],
        phone,
        phone[-7:],
    ]
    return " ".join(p for p in parts if p)


def refresh_search(store: EventStore, candidate_id: str) -> None:
    row = store.row("SELECT * FROM candidates WHERE id = ?", (candidate_id,))
    if row is not None:
        text = search_text(row)
        if text != row["search_text"]:
            store.execute(
                "UPDATE candidates SET search_text = ? WHERE id = ?", (text, candidate_id)
            )


# ---------------------------------------------------------------- handlers
def _event_create(store: EventStore, op: Op) -> None:
    b = op.body
    store.table("event").insert(
        {
            "id": b["id"], "name": b["name"], "venue": b.get("venue", ""),
            "timezone": b.get("timezone", "UTC"), "days": codec.json_text(b.get("days", [])),
            "created_at": b["created_at"], "public_key": bytes.fromhex(b["public_key"]),
            "branding": codec.json_text(b.get("branding", {})),
            "clocks": codec.created_clocks(op.hlc),
        },
        ignore=True,
    )


def _event_update(store: EventStore, op: Op) -> None:
    _lww(store, "event", op.body["id"], _pick(op.body, EVENT_FIELDS), op.hlc)


def _employer_upsert(store: EventStore, op: Op) -> None:
    key = op.body["id"]
    fields = _pick(op.body, EMPLOYER_FIELDS)
    if store.scalar("SELECT 1 FROM employers WHERE id = ?", (key,)) is None:
        row = {f: _db_value(f, v) for f, v in fields.items()}
        row.update(id=key, clocks=codec.created_clocks(op.hlc))
        store.table("employers").insert(row)
    else:
        _lww(store, "employers", key, fields, op.hlc)


def _candidate_add(store: EventStore, op: Op) -> None:
    key = op.body["id"]
    fields = _pick(op.body, CANDIDATE_FIELDS)
    # The ref is LWW too: a booth's stub of an unknown walk-in carries a placeholder
    # ref under the zero stamp, and the desk's real record replaces it on arrival.
    fields["ref"] = op.body["ref"]
    if store.scalar("SELECT 1 FROM candidates WHERE id = ?", (key,)) is not None:
        _lww(store, "candidates", key, fields, op.hlc)
    else:
        row = {f: _db_value(f, v) for f, v in fields.items()}
        row.update(
            id=key, created_at=codec.ts(op.at),
            clocks=codec.created_clocks(op.hlc),
        )
        row["search_text"] = search_text(row)
        store.insert("candidates", row)
        return
    refresh_search(store, key)


def _candidate_update(store: EventStore, op: Op) -> None:
    key = resolve_id(store, op.body["id"])  # an edit of a merged-away record
    if _erased(store, key):  # a late edit of an erased person: its fields leave the log too
        from fairdesk.storage.person_ops import scrub_op

        scrub_op(store, op.op_id)
        return
    _lww(store, "candidates", key, _pick(op.body, CANDIDATE_FIELDS), op.hlc)
    refresh_search(store, key)


def _erased(store: EventStore, candidate_id: str) -> bool:
    return bool(store.scalar("SELECT erased_at FROM candidates WHERE id = ?", (candidate_id,)))


def _checkin_add(store: EventStore, op: Op) -> None:
    b = op.body
    store.execute(
        "INSERT OR IGNORE INTO checkins (id, candidate_id, day, at, desk, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (b["id"], resolve_id(store, b["candidate_id"]), b["day"], b["at"], b.get("desk"),
         op.device_id),
    )


def _checkin_undo(store: EventStore, op: Op) -> None:
    store.execute(
        "UPDATE checkins SET undone_at = ?, undo_reason = ? WHERE id = ? AND undone_at IS NULL",
        (codec.ts(op.at), op.body.get("reason", ""), op.body["id"]),
    )


def _badge_print(store: EventStore, op: Op) -> None:
    b = op.body
    store.execute(
        "INSERT OR IGNORE INTO badge_prints (id, candidate_id, at, device_id, desk, layout, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (b["id"], resolve_id(store, b["candidate_id"]), b["at"], op.device_id, b.get("desk"),
         b["layout"], b.get("reason", "")),
    )


def _visit_record(store: EventStore, op: Op) -> None:
    """A scan. The first makes the visit; later ones (any device) bump the count."""
    b = op.body
    candidate = resolve_id(store, b["candidate_id"])  # a merged-away badge: the kept person
    existing = store.row(
        "SELECT id FROM visits WHERE employer_id = ? AND candidate_id = ?",
        (b["employer_id"], candidate),
    )
    if existing is None:
        store.execute(
            "INSERT INTO visits (id, candidate_id, employer_id, device_id, first_seen, "
            "last_seen) VALUES (?, ?, ?, ?, ?, ?)",
            (b["id"], candidate, b["employer_id"], op.device_id, b["at"], b["at"]),
        )
        return
    store.execute(
        "UPDATE visits SET seen_count = seen_count + 1, first_seen = MIN(first_seen, ?), "
        "last_seen = MAX(last_seen, ?) WHERE id = ?",
        (b["at"], b["at"], existing["id"]),
    )


def _visit_update(store: EventStore, op: Op) -> None:
    _lww(store, "visits", op.body["id"], _pick(op.body, VISIT_FIELDS), op.hlc)


def _visit_unrecord(store: EventStore, op: Op) -> None:
    """Undo of a scan: the count goes down; the visit goes when no scan is left."""
    key = op.body["id"]
    store.execute(
        "UPDATE visits SET seen_count = seen_count - 1 WHERE id = ? AND seen_count > 1", (key,)
    )
    if op.body.get("remove"):
        store.execute("DELETE FROM visits WHERE id = ?", (key,))


HANDLERS: dict[str, Callable[[EventStore, Op], None]] = {
    "event.create": _event_create,
    "event.update": _event_update,
    "employer.upsert": _employer_upsert,
    "candidate.add": _candidate_add,
    "candidate.update": _candidate_update,
    "checkin.add": _checkin_add,
    "checkin.undo": _checkin_undo,
    "badge.print": _badge_print,
    "visit.record": _visit_record,
    "visit.update": _visit_update,
    "visit.unrecord": _visit_unrecord,
    "slot.add": interviews.project_slot_add,
    "slot.remove": interviews.project_slot_remove,
    "booking.add": interviews.project_booking_add,
    "booking.remove": interviews.project_booking_remove,
    "booking.attend": interviews.project_booking_attend,
}


# ---------------------------------------------------------------- batches (hub ingest)
# Facts whose projection is one statement per op can be projected a run at a
# time with ``executemany``: the same rows as their handlers above, in order.
# A run that fails (a missing parent, a bad body) raises; the caller then
# projects op by op.
def _checkins_add(store: EventStore, ops: list[Op]) -> None:
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO checkins (id, candidate_id, day, at, desk, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(b["id"], b["candidate_id"], b["day"], b["at"], b.get("desk"), op.device_id)
         for op in ops for b in (op.body,)],
    )


def _badges_print(store: EventStore, ops: list[Op]) -> None:
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO badge_prints (id, candidate_id, at, device_id, desk, layout, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(b["id"], b["candidate_id"], b["at"], op.device_id, b.get("desk"), b["layout"],
          b.get("reason", "")) for op in ops for b in (op.body,)],
    )


def _visits_record(store: EventStore, ops: list[Op]) -> None:
    """:func:`_visit_record` as one upsert: the first scan of a pair makes the visit."""
    store.db.conn.executemany(
        "INSERT INTO visits (id, candidate_id, employer_id, device_id, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (employer_id, candidate_id) DO UPDATE SET "
        "seen_count = seen_count + 1, first_seen = MIN(first_seen, excluded.first_seen), "
        "last_seen = MAX(last_seen, excluded.last_seen)",
        [(b["id"], b["candidate_id"], b["employer_id"], op.device_id, b["at"], b["at"])
         for op in ops for b in (op.body,)],
    )


BATCH_HANDLERS: dict[str, Callable[[EventStore, list[Op]], None]] = {
    "checkin.add": _checkins_add,
    "badge.print": _badges_print,
    "visit.record": _visits_record,
}
# The records a batched fact refers to (body field → table): an op whose
# parent is not here is projected on its own, and parked if it fails.
PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "checkin.add": (("candidate_id", "candidates"),),
    "badge.print": (("candidate_id", "candidates"),),
    "visit.record": (("candidate_id", "candidates"), ("employer_id", "employers")),
}


def _register_corrections() -> None:
    """Merges and erasures (issue 16) live in their own module."""
    from fairdesk.storage import person_ops

    HANDLERS.update(person_ops.HANDLERS)


_register_corrections()
