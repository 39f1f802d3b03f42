"""Paired devices and pairing invites, as the hub stores them.

Tokens and pairing secrets are stored only as SHA-256 hashes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def add_device(store: EventStore, device_id: str, *, name: str, role: str,
               employer_id: str | None, desk: int | None, token_hash: str,
               at: datetime) -> None:
    store.execute(
        "INSERT INTO devices (id, name, role, employer_id, desk, token_hash, paired_at, "
        "last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (device_id, name, role, employer_id, desk, token_hash, codec.ts(at), codec.ts(at)),
    )


def by_token_hash(store: EventStore, token_hash: str) -> dict[str, Any] | None:
    return store.row("SELECT * FROM devices WHERE token_hash = ?", (token_hash,))


def by_id(store: EventStore, device_id: str) -> dict[str, Any] | None:
    return store.row("SELECT * FROM devices WHERE id = ?", (device_id,))


def listing(store: EventStore) -> list[dict[str, Any]]:
    return store.rows(
        "SELECT d.*, e.name AS employer_name FROM devices d "
        "LEFT JOIN employers e ON e.id = d.employer_id ORDER BY d.paired_at, d.id"
    )


def revoke(store: EventStore, device_id: str, at: datetime) -> bool:
    cursor = store.execute(
        "UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        (codec.ts(at), device_id),
    )
    return bool(cursor.rowcount)


def seen(store: EventStore, device_id: str, at: datetime, pending: int | None) -> None:
    if pending is None:
        store.execute("UPDATE devices SET last_seen_at = ? WHERE id = ?",
                      (codec.ts(at), device_id))
    else:
        store.execute("UPDATE devices SET last_seen_at = ?, pending = ? WHERE id = ?",
                      (codec.ts(at), pending, device_id))


def backfill(store: EventStore, device_id: str) -> tuple[int, int] | None:
    """The hub sequences ``(after, upto]`` of the booking ops this desk is owed
    (migration 10), ``None``: none."""
    row = store.row("SELECT backfill_from, backfill_to FROM devices WHERE id = ?", (device_id,))
    if row is None or row["backfill_to"] is None:
        return None
    return int(row["backfill_from"] or 0), int(row["backfill_to"])


def set_backfill(store: EventStore, device_id: str, owed: tuple[int, int] | None) -> None:
    after, upto = owed if owed is not None else (None, None)
    store.execute("UPDATE devices SET backfill_from = ?, backfill_to = ? WHERE id = ?",
                  (after, upto, device_id))


# ---------------------------------------------------------------- invites
def add_invite(store: EventStore, invite_id: str, *, secret_hash: str, role: str,
               employer_id: str | None, desk: int | None, at: datetime,
               expires_at: datetime) -> None:
    store.execute(
        "INSERT INTO sync_invites (id, secret_hash, role, employer_id, desk, created_at, "
        "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (invite_id, secret_hash, role, employer_id, desk, codec.ts(at), codec.ts(expires_at)),
    )


def invite_by_hash(store: EventStore, secret_hash: str) -> dict[str, Any] | None:
    return store.row("SELECT * FROM sync_invites WHERE secret_hash = ?", (secret_hash,))


def use_invite(store: EventStore, invite_id: str, device_id: str, at: datetime) -> bool:
    """Mark used; ``False`` if someone used it first (one-time)."""
    cursor = store.execute(
        "UPDATE sync_invites SET used_at = ?, device_id = ? WHERE id = ? AND used_at IS NULL",
        (codec.ts(at), device_id, invite_id),
    )
    return bool(cursor.rowcount)
