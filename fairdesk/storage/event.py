"""The one event row of a file, and the audit log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fairdesk.domain.model import Event
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def get(store: EventStore) -> Event:
    row = store.row("SELECT * FROM event LIMIT 1")
    if row is None:
        raise LookupError("The event file holds no event.")
    return codec.event(row)


def branding(store: EventStore) -> dict[str, Any]:
    raw = store.scalar("SELECT branding FROM event LIMIT 1")
    return dict(json.loads(raw)) if raw else {}


def set_signing_key(store: EventStore, event_id: str, key: bytes | None) -> None:
    store.execute("UPDATE event SET signing_key = ? WHERE id = ?", (key, event_id))


def audit(store: EventStore, at: datetime, action: str, subject: str,
          detail: dict[str, Any] | None = None) -> None:
    store.execute(
        "INSERT INTO audit (at, device_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        (codec.ts(at), store.setting("device_id", ""), action, subject,
         json.dumps(detail or {}, ensure_ascii=False)),
    )


def audit_entries(store: EventStore, action: str | None = None) -> list[dict[str, Any]]:
    if action is None:
        rows = store.rows("SELECT * FROM audit ORDER BY id")
    else:
        rows = store.rows("SELECT * FROM audit WHERE action = ? ORDER BY id", (action,))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows
