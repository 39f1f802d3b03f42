"""Read-only views of the parked ops: kept in the log, not yet projected,
because the record they change has not arrived (see ``sync_rows``)."""

from __future__ import annotations

from typing import Any

from fairdesk.storage.store import EventStore


def count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM parked_ops"))


def listing(store: EventStore, limit: int = 500) -> list[dict[str, Any]]:
    """Parked ops, oldest first: op id, kind, time, body (JSON text), reason, and
    the device that made it (``device_name`` is NULL for a device the hub never paired,
    such as the hub's own file or one known only from a USB file)."""
    return store.rows(
        "SELECT p.op_id, p.reason, o.kind, o.at, o.body, o.device_id, d.name AS device_name, "
        "d.role AS device_role FROM parked_ops p JOIN ops o ON o.op_id = p.op_id "
        "LEFT JOIN devices d ON d.id = o.device_id ORDER BY o.at, o.op_id LIMIT ?",
        (limit,),
    )
