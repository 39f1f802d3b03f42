"""Résumés as content-addressed blobs (sha256), stored in the organizer's file."""

from __future__ import annotations

import hashlib
from datetime import datetime

from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def put(store: EventStore, data: bytes, at: datetime, *, mime: str = "application/pdf",
        pages: int | None = None, original_name: str = "") -> str:
    """Store ``data`` once, whatever how often it is put; returns its sha256."""
    sha = hashlib.sha256(data).hexdigest()
    store.execute(
        "INSERT OR IGNORE INTO resumes (sha256, data, size, mime, pages, original_name, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (sha, data, len(data), mime, pages, original_name, codec.ts(at)),
    )
    return sha


def get(store: EventStore, sha: str) -> bytes | None:
    data = store.scalar("SELECT data FROM resumes WHERE sha256 = ?", (sha,))
    return bytes(data) if data is not None else None


def pages(store: EventStore, sha: str) -> int | None:
    value = store.scalar("SELECT pages FROM resumes WHERE sha256 = ?", (sha,))
    return int(value) if value is not None else None


def count(store: EventStore) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM resumes"))
