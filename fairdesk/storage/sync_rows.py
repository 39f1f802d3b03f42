"""The op log as a device's sync sees it, and the ingest every file shares.

- **device side**: this device's ops the hub has not acknowledged (to push),
  acknowledgements, renumbering after a restored backup, the pull cursor, a
  pulled page applied with a booth's candidate stubs.
- **both sides**: :func:`ingest_one` and :func:`retry_parked`, the one way an
  op from elsewhere enters a file (a pulled page here, a USB file or a push
  op by op on the hub). Facts are never refused: an op whose parent record
  has not arrived yet (a visit for a walk-in registered at a desk that has not
  synced) is kept in the log, *parked*, and projected as soon as a later batch
  brings the parent.

The hub's side (a pushed batch, pages by hub sequence, what a pull filters
by) is :mod:`fairdesk.storage.hub_rows`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Iterable
from typing import Any

from fairdesk.domain.model import Op
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import codec, oplog, projection
from fairdesk.storage.store import EventStore

CURSOR_KEY = "sync.cursor"
BACKFILL_KEY = "sync.backfilled"  # how far this device holds the older ops it was owed
# Edits of a record that is not here yet wait for it (parked), instead of
# being dropped by the projection.
_TARGETS = {
    "visit.update": "visits", "visit.unrecord": "visits", "candidate.update": "candidates",
    "checkin.undo": "checkins", "event.update": "event",
    "booking.remove": "interview_bookings", "booking.attend": "interview_bookings",
    "slot.remove": "interview_slots",
}
# A booking waits for its candidate (a booth's stub or the desk's record).
_PARENTS = {"booking.add": (("candidate_id", "candidates"),),
            "slot.add": (("employer_id", "employers"),)}


log = logging.getLogger(__name__)
# What makes one op fail to project (it is then parked, see :func:`ingest_one`):
# a missing or mistyped body field (a list where SQLite wants text:
# ProgrammingError), or a constraint.
FAILURES = (KeyError, TypeError, ValueError, sqlite3.IntegrityError, sqlite3.ProgrammingError)


Refuse = Callable[[Op], "str | None"]


class MissingParent(Exception):
    """The record an op changes, or a parent it needs, is not in this file yet."""


def check_target(store: EventStore, op: Op) -> None:
    """:class:`MissingParent` unless what ``op`` changes or needs is here."""
    table = _TARGETS.get(op.kind)
    key = op.body.get("id")
    if table == "candidates":  # an edit of a merged-away record lands on the kept one
        key = candidate_rows.resolve_id(store, str(key))
    if table and store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (key,)) is None:
        raise MissingParent(f"{op.kind}: {table} {op.body.get('id')} not here yet")
    for field, parent in _PARENTS.get(op.kind, ()):
        key = op.body.get(field)
        if parent == "candidates":  # a booking of a merged-away record: the kept one
            key = candidate_rows.resolve_id(store, str(key))
        if store.scalar(f"SELECT 1 FROM {parent} WHERE id = ?", (key,)) is None:
            raise MissingParent(f"{op.kind}: {parent} {op.body.get(field)} not here yet")


# ---------------------------------------------------------------- device side
def _kinds_sql(kinds: Collection[str] | None) -> tuple[str, tuple[str, ...]]:
    if kinds is None:
        return "", ()
    return f" AND kind IN ({','.join('?' * len(kinds))})", tuple(kinds)


def pending(store: EventStore, kinds: Collection[str] | None, limit: int = 500) -> list[Op]:
    """This device's ops the hub has not acknowledged (of ``kinds``), in seq order."""
    where, params = _kinds_sql(kinds)
    rows = store.rows(
        f"SELECT * FROM ops WHERE hub_seq IS NULL AND device_id = ?{where} "
        "ORDER BY seq LIMIT ?",
        (oplog.device_id(store), *params, limit),
    )
    return [codec.op(row) for row in rows]


def pending_count(store: EventStore, kinds: Collection[str] | None) -> int:
    where, params = _kinds_sql(kinds)
    return int(store.scalar(
        f"SELECT COUNT(*) FROM ops WHERE hub_seq IS NULL AND device_id = ?{where}",
        (oplog.device_id(store), *params)))


def mark_acked(store: EventStore, acks: Iterable[tuple[str, int]]) -> None:
    store.db.conn.executemany(
        "UPDATE ops SET hub_seq = ? WHERE op_id = ? AND hub_seq IS NULL",
        [(seq, op_id) for op_id, seq in acks],
    )


def renumber_pending(store: EventStore, after: int) -> int:
    """Give this device's unacknowledged ops new numbers above ``after`` and above
    every number it holds, in their order; returns how many.

    For a file restored from a backup: the hub holds ops under the numbers this
    file used again (:class:`~fairdesk.domain.errors.SeqClash`). An op the hub
    does hold under its old number (its answer was lost) is still acknowledged
    by its id. Call inside a transaction.
    """
    me = oplog.device_id(store)
    highest = int(store.scalar("SELECT COALESCE(MAX(seq), 0) FROM ops WHERE device_id = ?",
                               (me,)))
    waiting = [r["op_id"] for r in store.rows(
        "SELECT op_id FROM ops WHERE device_id = ? AND hub_seq IS NULL ORDER BY seq", (me,))]
    first = max(after, highest) + 1  # above every number in use: no clash on the way
    store.db.conn.executemany("UPDATE ops SET seq = ? WHERE op_id = ?",
                              [(first + n, op_id) for n, op_id in enumerate(waiting)])
    return len(waiting)


def own_ops(store: EventStore) -> list[Op]:
    rows = store.rows("SELECT * FROM ops WHERE device_id = ? ORDER BY seq",
                      (oplog.device_id(store),))
    return [codec.op(row) for row in rows]


def cursor(store: EventStore) -> int:
    return int(store.setting(CURSOR_KEY, 0))


def backfilled(store: EventStore) -> int:
    return int(store.setting(BACKFILL_KEY, 0))


def apply_page(store: EventStore, ops: list[tuple[Op, int]], stubs: list[dict[str, Any]],
               next_cursor: int, backfill: int = 0) -> int:
    """Apply a pulled page and move the cursor, in the caller's transaction;
    ``backfill``: the hub sequence the page's owed older ops reach (0: none)."""
    put_stubs(store, stubs)
    applied = 0
    for op, hub_seq in ops:
        applied += ingest_one(store, op)
        store.execute("UPDATE ops SET hub_seq = ? WHERE op_id = ? AND hub_seq IS NULL",
                      (hub_seq, op.op_id))
    retry_parked(store)
    store.set_setting(CURSOR_KEY, max(next_cursor, cursor(store)))
    if backfill > backfilled(store):
        store.set_setting(BACKFILL_KEY, backfill)
    return applied


def put_stubs(store: EventStore, stubs: list[dict[str, Any]]) -> None:
    """The card columns of the candidates a booth's visits reference.

    The hub is the booth's only source of candidate data (a booth never
    edits a candidate), so a stub replaces what the booth had: the
    placeholder it made from a badge becomes the desk's record, with its
    real ref and card. A stub whose ref clashes with another row is skipped
    (logged) so one bad stub never blocks a pull.
    """
    for stub in stubs:
        values = {name: stub.get(name) for name in _STUB_COLUMNS}
        values["first_name"] = values["first_name"] or ""
        values["last_name"] = values["last_name"] or ""
        values["source"] = values["source"] or "roster"
        for name in ("district", "education", "experience"):
            values[name] = values[name] or ""
        for name in ("languages", "roles"):
            values[name] = values[name] or "[]"
        columns = ", ".join(values)
        updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "id")
        store.execute("SAVEPOINT stub")
        try:
            store.execute(
                f"INSERT INTO candidates ({columns}, search_text, created_at) "
                f"VALUES ({', '.join('?' * len(values))}, '', ?) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                (*values.values(), stub.get("created_at") or ""))
        except sqlite3.IntegrityError as error:
            store.execute("ROLLBACK TO stub")
            log.warning("candidate stub %s skipped: %s", stub.get("id"), error)
        else:
            projection.refresh_search(store, str(values["id"]))
        store.execute("RELEASE stub")


_STUB_COLUMNS = ("id", "ref", "first_name", "last_name", "source", "desk", "district",
                 "education", "languages", "roles", "experience")



# ---------------------------------------------------------------- both sides
def ingest_one(store: EventStore, op: Op) -> int:
    """Record and project ``op``; park it when its parent is missing. 1 if new."""
    store.execute("SAVEPOINT ingest")
    try:
        if store.scalar("SELECT 1 FROM ops WHERE op_id = ?", (op.op_id,)) is None:
            check_target(store, op)
        added = oplog.apply(store, op)
    except (MissingParent, *FAILURES) as error:
        store.execute("ROLLBACK TO ingest")
        store.execute("RELEASE ingest")
        added = oplog.record(store, op)
        store.execute("INSERT OR IGNORE INTO parked_ops (op_id, reason) VALUES (?, ?)",
                      (op.op_id, str(error)[:200]))
        return int(added)
    store.execute("RELEASE ingest")
    return int(added)


def retry_parked(store: EventStore, refuse: Refuse | None = None) -> int:
    """Project parked ops whose parents have arrived; returns how many remain.

    ``refuse`` (the hub's role rule) is asked again of each parked op about to
    be projected, now that its record is here: an op it refuses is dropped
    from the parked ops and kept as refused (never projected, never pulled).
    """
    ids = [r["op_id"] for r in store.rows("SELECT op_id FROM parked_ops")]
    if not ids:
        return 0
    ops = sorted(oplog.by_ids(store, ids), key=lambda o: (o.hlc, o.op_id))
    for op in ops:
        store.execute("SAVEPOINT parked")
        try:
            check_target(store, op)
            reason = refuse(op) if refuse is not None else None
            if reason is None:
                oplog.project(store, op)
        except (MissingParent, *FAILURES):
            store.execute("ROLLBACK TO parked")
            store.execute("RELEASE parked")
            continue
        if reason is not None:
            log.warning("parked op %s refused: %s", op.op_id, reason)
            store.execute("INSERT OR IGNORE INTO refused_ops (op_id, reason) VALUES (?, ?)",
                          (op.op_id, reason[:200]))
        store.execute("DELETE FROM parked_ops WHERE op_id = ?", (op.op_id,))
        store.execute("RELEASE parked")
    return int(store.scalar("SELECT COUNT(*) FROM parked_ops"))


def parked_count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM parked_ops"))
