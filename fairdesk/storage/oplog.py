"""The append-only op log: every change is an op, written in the same
transaction as the tables it changes (DESIGN.md "Identity and sync").

Local changes are made with :func:`emit`; ops from other devices go through
:func:`apply`. Both land in :mod:`fairdesk.storage.projection`, so a change
looks the same wherever it was made.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fairdesk.domain.clock import HybridClock, wall_ms
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.storage import clock_heal, codec, projection
from fairdesk.storage.store import EventStore

log = logging.getLogger(__name__)


def device_id(store: EventStore) -> str:
    cached = store.cache.get("device_id")
    if cached:
        return str(cached)
    value = store.setting("device_id")
    if not value:
        raise RuntimeError("This event file has no device id; it was not made by FairDesk.")
    store.cache["device_id"] = str(value)
    return str(value)


def _clock(store: EventStore) -> HybridClock:
    clock = store.cache.get("clock")
    if clock is None:
        now = wall_ms()
        clock_heal.heal(store, now)  # a poisoned stamp never starts it
        clock = HybridClock(device_id(store), last=clock_heal.newest_sound(store, now))
        store.cache["clock"] = clock
    assert isinstance(clock, HybridClock)
    return clock


def _catch_up(store: EventStore, clock: HybridClock) -> None:
    """Observe ops written by other connections (the sync thread) since last look."""
    seen = int(store.cache.get("clock_rowid", 0))
    newest, latest = store.db.conn.execute(
        "SELECT MAX(rowid), MAX(hlc) FROM ops WHERE rowid > ?", (seen,)).fetchone()
    if newest is not None:
        store.cache["clock_rowid"] = newest
        clock.observe(latest)


def emit(store: EventStore, kind: str, body: dict[str, Any], at: datetime) -> Op:
    """Make a local op, record it and apply it. Call inside a transaction."""
    assert store.in_transaction, "ops are written in the transaction of their action"
    device = device_id(store)
    seq = int(store.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM ops WHERE device_id = ?",
                           (device,)))
    clock = _clock(store)
    _catch_up(store, clock)
    op = Op(new_id(), device, seq, kind, at, clock.tick(), body)
    apply(store, op)
    return op


def apply(store: EventStore, op: Op) -> bool:
    """Record ``op`` and project it; ``False`` if it was already here (idempotent)."""
    cursor = store.execute(
        "INSERT OR IGNORE INTO ops (op_id, device_id, seq, kind, at, hlc, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (op.op_id, op.device_id, op.seq, op.kind, codec.ts(op.at), op.hlc,
         codec.body_text(op.body)),
    )
    if cursor.rowcount == 0:
        return False
    _clock(store).observe(op.hlc)
    handler = projection.HANDLERS.get(op.kind)
    if handler is None:
        log.warning("op %s of unknown kind %r kept but not applied", op.op_id, op.kind)
        return True
    handler(store, op)
    return True


def ops_since(store: EventStore, after_rowid: int = 0, limit: int = 500) -> list[Op]:
    rows = store.rows(
        "SELECT * FROM ops WHERE rowid > ? ORDER BY rowid LIMIT ?", (after_rowid, limit)
    )
    return [codec.op(row) for row in rows]


def count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM ops"))


# ---------------------------------------------------------------- sync (issue 8)
def record(store: EventStore, op: Op) -> bool:
    """Keep ``op`` in the log without projecting it; ``False`` if already here.

    Used for an op whose parent record has not arrived yet (it is parked and
    projected later by :func:`project`), so a fact is never refused.
    """
    cursor = store.execute(
        "INSERT OR IGNORE INTO ops (op_id, device_id, seq, kind, at, hlc, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (op.op_id, op.device_id, op.seq, op.kind, codec.ts(op.at), op.hlc,
         codec.body_text(op.body)),
    )
    if cursor.rowcount:
        _clock(store).observe(op.hlc)
    return bool(cursor.rowcount)


def project(store: EventStore, op: Op) -> None:
    """Run the projection of an op already in the log."""
    handler = projection.HANDLERS.get(op.kind)
    if handler is not None:
        handler(store, op)


def by_ids(store: EventStore, op_ids: list[str]) -> list[Op]:
    marks = ",".join("?" * len(op_ids))
    rows = store.rows(f"SELECT * FROM ops WHERE op_id IN ({marks})", op_ids)
    return [codec.op(row) for row in rows]


# ---------------------------------------------------------------- batches (hub ingest)
def record_many(store: EventStore, ops: list[Op], hub_seqs: list[int | None]) -> None:
    """Keep new ``ops`` in the log with one statement, without projecting them.

    The caller has checked that none is here yet (a plain INSERT: a clash
    raises ``IntegrityError``) and observes the clock with :func:`observe`.
    """
    store.db.conn.executemany(
        "INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body, hub_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(op.op_id, op.device_id, op.seq, op.kind, codec.ts(op.at), op.hlc,
          codec.body_text(op.body), hub_seq) for op, hub_seq in zip(ops, hub_seqs, strict=True)],
    )


def observe(store: EventStore, hlc: str) -> None:
    """Move this file's clock past ``hlc`` (the newest stamp of a batch)."""
    _clock(store).observe(hlc)
