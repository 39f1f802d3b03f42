"""The op log as sync sees it: pending ops, hub sequence, pages, parking.

Facts are never refused: an op whose parent record has not arrived yet (a
visit for a walk-in registered at a desk that has not synced) is kept in the
log, *parked*, and projected as soon as a later batch brings the parent.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Collection, Iterable
from typing import Any

from fairdesk.domain.model import Op
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import codec, oplog, projection
from fairdesk.storage.store import EventStore

CURSOR_KEY = "sync.cursor"
# Edits of a record that is not here yet wait for it (parked), instead of
# being dropped by the projection.
_TARGETS = {
    "visit.update": "visits", "visit.unrecord": "visits", "candidate.update": "candidates",
    "checkin.undo": "checkins", "event.update": "event",
    "booking.remove": "interview_bookings", "booking.attend": "interview_bookings",
}
# A booking waits for its candidate (a booth's stub or the desk's record).
_PARENTS = {"booking.add": (("candidate_id", "candidates"),),
            "slot.add": (("employer_id", "employers"),)}


log = logging.getLogger(__name__)
# What makes one op fail to project (it is then parked, see :func:`ingest_one`):
# a missing or mistyped body field (a list where SQLite wants text:
# ProgrammingError), or a constraint.
_FAILURES = (KeyError, TypeError, ValueError, sqlite3.IntegrityError, sqlite3.ProgrammingError)


Refuse = Callable[[Op], "str | None"]


class _MissingParent(Exception):
    pass


def _check_target(store: EventStore, op: Op) -> None:
    table = _TARGETS.get(op.kind)
    key = op.body.get("id")
    if table == "candidates":  # an edit of a merged-away record lands on the kept one
        key = candidate_rows.resolve_id(store, str(key))
    if table and store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (key,)) is None:
        raise _MissingParent(f"{op.kind}: {table} {op.body.get('id')} not here yet")
    for field, parent in _PARENTS.get(op.kind, ()):
        if store.scalar(f"SELECT 1 FROM {parent} WHERE id = ?", (op.body.get(field),)) is None:
            raise _MissingParent(f"{op.kind}: {parent} {op.body.get(field)} not here yet")


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


def apply_page(store: EventStore, ops: list[tuple[Op, int]], stubs: list[dict[str, Any]],
               next_cursor: int) -> int:
    """Apply a pulled page and move the cursor, in the caller's transaction."""
    put_stubs(store, stubs)
    applied = 0
    for op, hub_seq in ops:
        applied += ingest_one(store, op)
        store.execute("UPDATE ops SET hub_seq = ? WHERE op_id = ? AND hub_seq IS NULL",
                      (hub_seq, op.op_id))
    retry_parked(store)
    store.set_setting(CURSOR_KEY, max(next_cursor, cursor(store)))
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


def visited_by(store: EventStore, employer_id: str, candidate_ids: set[str]) -> set[str]:
    """Those of ``candidate_ids`` that ``employer_id``'s booth has visited."""
    if not candidate_ids:
        return set()
    return {str(row[0]) for row in store.db.conn.execute(
        "SELECT DISTINCT v.candidate_id FROM json_each(?) AS j CROSS JOIN visits AS v "
        "ON v.candidate_id = j.value WHERE v.employer_id = ?",
        (json.dumps(sorted(candidate_ids)), employer_id))}


# ---------------------------------------------------------------- both sides
def ingest_one(store: EventStore, op: Op) -> int:
    """Record and project ``op``; park it when its parent is missing. 1 if new."""
    store.execute("SAVEPOINT ingest")
    try:
        if store.scalar("SELECT 1 FROM ops WHERE op_id = ?", (op.op_id,)) is None:
            _check_target(store, op)
        added = oplog.apply(store, op)
    except (_MissingParent, *_FAILURES) as error:
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
            _check_target(store, op)
            reason = refuse(op) if refuse is not None else None
            if reason is None:
                oplog.project(store, op)
        except (_MissingParent, *_FAILURES):
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


def refused_count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM refused_ops"))


def table_visit_employer(store: EventStore, visit_id: str) -> str | None:
    """The employer of a visit the visits table holds (``None``: not there)."""
    value = store.scalar("SELECT employer_id FROM visits WHERE id = ?", (visit_id,))
    return None if value is None else str(value)


def parked_count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM parked_ops"))


# ---------------------------------------------------------------- hub side
def hub_seqs(store: EventStore, op_ids: list[str]) -> dict[str, int]:
    """The hub sequence of each of ``op_ids`` that is here.

    One query through the primary key whatever the table statistics say (an
    ``IN`` list of hundreds of ids may be planned as a scan of the whole log).
    """
    rows = store.db.conn.execute(
        "SELECT o.op_id, o.hub_seq FROM json_each(?) AS j CROSS JOIN ops AS o "
        "ON o.op_id = j.value", (json.dumps(op_ids),))
    return {op_id: int(seq) for op_id, seq in rows}


class BatchFailed(Exception):
    """A batch :func:`hub_ingest` could not take in one go; it wrote part of it.

    The caller rolls its transaction back and sends the batch through
    :func:`hub_ingest_each` in a new one.
    """


def hub_ingest(store: EventStore, ops: list[Op]) -> tuple[int, dict[str, int]]:
    """A pushed batch on the hub: how many ops are new, and each op's hub sequence.

    The same tables as :func:`hub_ingest_each`, in a few statements: ops
    already here (or twice in the batch) change nothing; the new ones get the
    next hub sequences in batch order in one INSERT; facts are projected a run
    at a time; every other op (an edit, a fact whose parent is not here) is
    projected on its own and parked when it fails. A failing run raises
    :class:`BatchFailed` (no savepoint around the batch: it would journal every
    page the batch writes, which doubles the cost). The hub's file only.
    """
    seqs = hub_seqs(store, [op.op_id for op in ops])
    fresh: dict[str, Op] = {}
    for op in ops:
        if op.op_id not in seqs and op.op_id not in fresh:
            fresh[op.op_id] = op
    if not fresh:
        return 0, seqs
    new, first = list(fresh.values()), last_hub_seq(store) + 1
    numbers = range(first, first + len(new))
    try:
        oplog.record_many(store, new, list(numbers))
        _project_batch(store, new)
    except _FAILURES as error:
        raise BatchFailed(f"{type(error).__name__}: {error}") from error
    oplog.observe(store, max(op.hlc for op in new))
    seqs.update(zip(fresh, numbers, strict=True))
    return len(fresh), seqs


def hub_ingest_each(store: EventStore, ops: list[Op]) -> tuple[int, dict[str, int]]:
    """:func:`hub_ingest` op by op (:func:`ingest_one`): slower, and never fails."""
    added = sum(ingest_one(store, op) for op in ops)
    return added, hub_seqs(store, [op.op_id for op in ops])


def _project_batch(store: EventStore, ops: list[Op]) -> None:
    """Project new ops in order: runs of facts whose parents are here in one go."""
    present = _parents_present(store, ops)
    run: list[Op] = []
    for op in ops:
        parents = projection.PARENTS.get(op.kind)
        if parents is not None and _parents_here(op.body, parents, present):
            if run and run[0].kind != op.kind:
                projection.BATCH_HANDLERS[run[0].kind](store, run)
                run = []
            run.append(op)
            continue
        if run:
            projection.BATCH_HANDLERS[run[0].kind](store, run)
            run = []
        _project_or_park(store, op)
    if run:
        projection.BATCH_HANDLERS[run[0].kind](store, run)


def _parents_here(body: dict[str, Any], parents: tuple[tuple[str, str], ...],
                  present: dict[str, set[str]]) -> bool:
    for field, table in parents:  # noqa: SIM110 (a hot loop; all() + a generator is slower)
        if body.get(field) not in present[table]:
            return False
    return True


def _parents_present(store: EventStore, ops: list[Op]) -> dict[str, set[str]]:
    """For each parent table of the batch's facts, which of their ids are here."""
    wanted: dict[str, set[Any]] = {
        table: set() for fields in projection.PARENTS.values() for _, table in fields}
    for op in ops:
        for field, table in projection.PARENTS.get(op.kind, ()):
            wanted[table].add(op.body.get(field))
    present: dict[str, set[str]] = {}
    for table, ids in wanted.items():
        texts = sorted(i for i in ids if isinstance(i, str))
        present[table] = {r[0] for r in store.db.conn.execute(
            f"SELECT t.id FROM json_each(?) AS j CROSS JOIN {table} AS t ON t.id = j.value",
            (json.dumps(texts),))} if texts else set()
    return present


def _project_or_park(store: EventStore, op: Op) -> None:
    """:func:`ingest_one` for an op already in the log."""
    store.execute("SAVEPOINT project_one")
    try:
        _check_target(store, op)
        if op.kind not in projection.HANDLERS:
            log.warning("op %s of unknown kind %r kept but not applied", op.op_id, op.kind)
        oplog.project(store, op)
    except (_MissingParent, *_FAILURES) as error:
        store.execute("ROLLBACK TO project_one")
        store.execute("RELEASE project_one")
        store.execute("INSERT OR IGNORE INTO parked_ops (op_id, reason) VALUES (?, ?)",
                      (op.op_id, str(error)[:200]))
        return
    store.execute("RELEASE project_one")


def page(store: EventStore, since: int, limit: int) -> list[tuple[Op, int]]:
    rows = store.rows(
        "SELECT * FROM ops WHERE hub_seq > ? ORDER BY hub_seq LIMIT ?", (since, limit)
    )
    return [(codec.op(row), int(row["hub_seq"])) for row in rows]


def refused_among(store: EventStore, op_ids: list[str]) -> set[str]:
    """Those of ``op_ids`` the hub refused after taking them in (never pulled)."""
    if not op_ids or store.scalar("SELECT 1 FROM refused_ops LIMIT 1") is None:
        return set()
    return {str(r[0]) for r in store.db.conn.execute(
        "SELECT r.op_id FROM json_each(?) AS j CROSS JOIN refused_ops AS r ON r.op_id = j.value",
        (json.dumps(op_ids),))}


def last_device_seq(store: EventStore, device_id: str) -> int:
    """The highest number the log holds from ``device_id`` (0: none)."""
    return int(store.scalar("SELECT COALESCE(MAX(seq), 0) FROM ops WHERE device_id = ?",
                            (device_id,)))


def last_hub_seq(store: EventStore) -> int:
    return int(store.scalar("SELECT COALESCE(MAX(hub_seq), 0) FROM ops WHERE hub_seq IS NOT NULL"))


def visit_employers(store: EventStore, visit_ids: set[str]) -> dict[str, str]:
    """The employer of each visit id (from the visits table, else its record op).

    Two queries whatever the number of ids: the visits by primary key, then
    one pass over the log for the visits not in the table (parked, removed).
    """
    if not visit_ids:
        return {}
    found: dict[str, str] = {
        key: str(employer) for key, employer in store.db.conn.execute(
            "SELECT v.id, v.employer_id FROM json_each(?) AS j CROSS JOIN visits AS v "
            "ON v.id = j.value", (json.dumps(sorted(visit_ids)),))}
    missing = sorted(visit_ids - found.keys())
    first: dict[str, Any] = {}  # the first record op of each (as LIMIT 1 found it)
    if missing:
        for key, employer in store.db.conn.execute(
                "SELECT json_extract(body, '$.id'), json_extract(body, '$.employer_id') "
                "FROM ops WHERE kind = 'visit.record' AND json_extract(body, '$.id') IN "
                "(SELECT value FROM json_each(?)) ORDER BY rowid", (json.dumps(missing),)):
            first.setdefault(key, employer)
    found.update((key, str(employer)) for key, employer in first.items() if employer is not None)
    return found


def candidate_stubs(store: EventStore, ids: set[str], fields: tuple[str, ...]
                    ) -> list[dict[str, Any]]:
    out = []
    for candidate_id in sorted(ids):
        row = store.row("SELECT * FROM candidates WHERE id = ?", (candidate_id,))
        if row is not None:
            stub = {f: row[f] for f in fields}
            stub["created_at"] = row["created_at"]
            out.append(stub)
    return out

