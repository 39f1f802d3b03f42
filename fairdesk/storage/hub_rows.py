"""The op log as the hub sees it: a pushed batch, pages by hub sequence, and
what the hub looks up to filter a pull by role.

Only the hub's file (the organizer's) runs these: a push (:func:`hub_ingest`,
or :func:`hub_ingest_each` when the batch fails), a USB op file imported into
it, and ``GET /api/pull`` (:func:`page`, then the lookups a role's view
needs: refused ops, visits' employers, a booth's candidate stubs). A device's
side, and the op-by-op ingest both sides share, is
:mod:`fairdesk.storage.sync_rows`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fairdesk.domain.model import Op
from fairdesk.storage import codec, oplog, projection, sync_rows
from fairdesk.storage.store import EventStore
from fairdesk.storage.sync_rows import FAILURES, MissingParent

log = logging.getLogger(__name__)


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
    except FAILURES as error:
        raise BatchFailed(f"{type(error).__name__}: {error}") from error
    oplog.observe(store, max(op.hlc for op in new))
    seqs.update(zip(fresh, numbers, strict=True))
    return len(fresh), seqs


def hub_ingest_each(store: EventStore, ops: list[Op]) -> tuple[int, dict[str, int]]:
    """:func:`hub_ingest` op by op (:func:`~fairdesk.storage.sync_rows.ingest_one`):
    slower, and never fails."""
    added = sum(sync_rows.ingest_one(store, op) for op in ops)
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
    """:func:`~fairdesk.storage.sync_rows.ingest_one` for an op already in the log."""
    store.execute("SAVEPOINT project_one")
    try:
        sync_rows.check_target(store, op)
        if op.kind not in projection.HANDLERS:
            log.warning("op %s of unknown kind %r kept but not applied", op.op_id, op.kind)
        oplog.project(store, op)
    except (MissingParent, *FAILURES) as error:
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


def ops_of_kinds(store: EventStore, kinds: frozenset[str], after: int, upto: int, limit: int
                 ) -> list[tuple[Op, int]]:
    """The ops of ``kinds`` whose hub sequence is in ``(after, upto]``, in hub order."""
    rows = store.rows(
        f"SELECT * FROM ops WHERE hub_seq > ? AND hub_seq <= ? "
        f"AND kind IN ({','.join('?' * len(kinds))}) ORDER BY hub_seq LIMIT ?",
        (after, upto, *sorted(kinds), limit))
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


def visited_by(store: EventStore, employer_id: str, candidate_ids: set[str]) -> set[str]:
    """Those of ``candidate_ids`` that ``employer_id``'s booth has visited."""
    if not candidate_ids:
        return set()
    return {str(row[0]) for row in store.db.conn.execute(
        "SELECT DISTINCT v.candidate_id FROM json_each(?) AS j CROSS JOIN visits AS v "
        "ON v.candidate_id = j.value WHERE v.employer_id = ?",
        (json.dumps(sorted(candidate_ids)), employer_id))}


def refused_count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM refused_ops"))


def table_visit_employer(store: EventStore, visit_id: str) -> str | None:
    """The employer of a visit the visits table holds (``None``: not there)."""
    value = store.scalar("SELECT employer_id FROM visits WHERE id = ?", (visit_id,))
    return None if value is None else str(value)
