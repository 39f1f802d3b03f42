"""Many local ops at once: the batched twin of :func:`fairdesk.storage.oplog.emit`.

A roster import makes thousands of ``candidate.add`` ops in one transaction.
Made one by one, each op looks up its sequence number, catches the clock up,
and inserts its candidate in a statement of its own; that last part is the
costly one, because the full-text index (``candidates_fts``, kept by the
triggers of migration 2) writes a new segment at the end of every statement.

:func:`emit_many` gives the same result in bulk: sequence numbers come from
one look-up, the clock catches up once and then ticks per op, the ops go in
with one ``executemany`` (numbered up front on the hub, as its trigger would
number them), and a run of new candidates is staged in a temporary table and
moved by one ``INSERT … SELECT``, so the FTS triggers still keep the index
right but flush it once per statement. Every other op, and a
``candidate.add`` for an id that already exists, goes through the projection
handler exactly as :func:`~fairdesk.storage.oplog.apply` would run it, in
order. Rows are built with the projection's own helpers, so a candidate made
here is the row the projection would have written (tests compare both paths).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.storage import codec, oplog, projection

if TYPE_CHECKING:
    from fairdesk.storage.store import EventStore

log = logging.getLogger(__name__)
CHUNK = 2_000  # candidates per INSERT … SELECT (one FTS flush each)


def emit_many(store: EventStore, changes: Sequence[tuple[str, dict[str, Any]]],
              at: datetime) -> list[Op]:
    """Make, record and apply one local op per ``(kind, body)``, in order.

    The same as calling ``oplog.emit`` for each change in turn (same seqs,
    increasing clock stamps, same projected rows), only faster. Call inside
    a transaction.
    """
    assert store.in_transaction, "ops are written in the transaction of their action"
    if not changes:
        return []
    device = oplog.device_id(store)
    first = int(store.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM ops WHERE device_id = ?",
                             (device,)))
    clock = oplog._clock(store)  # the device's clock, shared with oplog.emit
    oplog._catch_up(store, clock)
    ops = [Op(new_id(), device, first + n, kind, at, clock.tick(), body)
           for n, (kind, body) in enumerate(changes)]
    stamp = codec.ts(at)
    store.db.conn.executemany(
        "INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body, hub_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(op.op_id, op.device_id, op.seq, op.kind, stamp, op.hlc, codec.body_text(op.body),
          number) for op, number in zip(ops, _hub_numbers(store, len(ops)), strict=True)],
    )
    _project(store, ops)
    return ops


def _hub_numbers(store: EventStore, count: int) -> list[int | None]:
    """The hub sequences that the ``ops_hub_seq`` trigger (migration 3) gives new ops.

    On the hub's file (role organizer) every op is numbered in insert order as
    it is written; numbering the batch up front gives the same numbers and
    spares the trigger's UPDATE per op (its WHEN clause then skips it).
    Elsewhere ops stay unnumbered (``None``) until a hub acknowledges them.
    """
    hub = store.scalar("SELECT (SELECT value FROM settings WHERE key = 'role') = '\"organizer\"'")
    if not hub:
        return [None] * count
    first = int(store.scalar(
        "SELECT COALESCE(MAX(hub_seq), 0) + 1 FROM ops WHERE hub_seq IS NOT NULL"))
    return list(range(first, first + count))


def _project(store: EventStore, ops: list[Op]) -> None:
    """Apply ``ops`` in order: runs of new candidates in bulk, the rest one by one."""
    existing = _existing_candidates(store, ops)
    run: list[Op] = []
    for op in ops:
        key = op.body.get("id") if op.kind == "candidate.add" else None
        if key is not None and key not in existing:
            existing.add(key)
            run.append(op)
            continue
        add_candidates(store, run)
        run = []
        handler = projection.HANDLERS.get(op.kind)
        if handler is None:
            log.warning("op %s of unknown kind %r kept but not applied", op.op_id, op.kind)
        else:
            handler(store, op)
    add_candidates(store, run)


def _existing_candidates(store: EventStore, ops: Iterable[Op]) -> set[str]:
    keys = [op.body["id"] for op in ops if op.kind == "candidate.add" and "id" in op.body]
    if not keys:
        return set()
    found = store.db.conn.execute(
        "SELECT id FROM candidates WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(keys),))
    return {row[0] for row in found}


def add_candidates(store: EventStore, ops: Sequence[Op]) -> None:
    """Insert the candidates of ``candidate.add`` ops whose ids are new, in order.

    Each chunk is staged in a temporary table of this connection (no
    triggers, no indexes, no column types) and moved with one statement. A
    column that an op does not set gets the table's default, as a plain
    INSERT naming only that op's columns would give it. The values are the
    ones :func:`projection._candidate_add` writes (its fields, list and bool
    encodings, search text and clocks), built straight into the column order:
    at 10,000 rows, a dict per row and a second pass to order it cost a tenth
    of the import.
    """
    if not ops:
        return
    defaults = _defaults(store, set(projection.CANDIDATE_FIELDS))
    times: dict[datetime, str] = {}
    for start in range(0, len(ops), CHUNK):
        values = [_candidate_values(op, defaults, times) for op in ops[start:start + CHUNK]]
        _move(store, list(_COLUMNS), values)


_COLUMNS = ("id", "ref", *projection.CANDIDATE_FIELDS, "search_text", "created_at", "clocks")
_LISTS = projection.LIST_FIELDS


def _candidate_values(op: Op, defaults: dict[str, Any],
                      times: dict[datetime, str]) -> list[Any]:
    body = op.body
    values: list[Any] = [body["id"], body["ref"]]
    for name in projection.CANDIDATE_FIELDS:
        if name not in body:
            values.append(defaults.get(name))
            continue
        value = body[name]
        if name in _LISTS:
            value = codec.json_text(value)
        elif value is True or value is False:
            value = int(value)
        values.append(value)
    created = times.get(op.at) or times.setdefault(op.at, codec.ts(op.at))
    values += [projection.search_text(body), created, codec.created_clocks(op.hlc)]
    return values


_STAGE = "temp.fairdesk_bulk_candidates"


def _move(store: EventStore, columns: list[str], values: list[list[Any]]) -> None:
    names = ", ".join(columns)
    conn = store.db.conn
    conn.execute(f"DROP TABLE IF EXISTS {_STAGE}")
    conn.execute(f"CREATE TABLE {_STAGE} ({names})")
    conn.executemany(f"INSERT INTO {_STAGE} VALUES ({', '.join('?' * len(columns))})", values)
    conn.execute(f"INSERT INTO candidates ({names}) SELECT {names} FROM {_STAGE} ORDER BY rowid")
    conn.execute(f"DROP TABLE {_STAGE}")


def _defaults(store: EventStore, wanted: set[str]) -> dict[str, Any]:
    """The default values of the candidates columns in ``wanted``, read from the schema."""
    if not wanted:
        return {}
    info = store.db.conn.execute("PRAGMA main.table_info(candidates)").fetchall()
    return {name: store.scalar(f"SELECT {default}") for _, name, _, _, default, _ in info
            if name in wanted and default is not None}
