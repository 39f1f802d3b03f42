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


# ---------------------------------------------------------------- a desk's uploads
_UNSENT = (
    "FROM resumes r WHERE EXISTS (SELECT 1 FROM candidates c WHERE c.resume_sha = r.sha256) "
    "AND NOT EXISTS (SELECT 1 FROM resume_uploads u WHERE u.sha256 = r.sha256)"
)


def unsent(store: EventStore, limit: int = 100) -> list[str]:
    """Blobs this file's candidates reference that the hub has not acknowledged."""
    return [str(r[0]) for r in store.execute(
        f"SELECT r.sha256 {_UNSENT} ORDER BY r.added_at, r.sha256 LIMIT ?", (limit,))]


def unsent_count(store: EventStore) -> int:
    return int(store.scalar(f"SELECT COUNT(*) {_UNSENT}"))


def referenced(store: EventStore) -> list[str]:
    """Blobs this file holds that its candidates reference, sent or not (a USB file)."""
    return [str(r[0]) for r in store.execute(
        "SELECT r.sha256 FROM resumes r WHERE EXISTS (SELECT 1 FROM candidates c "
        "WHERE c.resume_sha = r.sha256) ORDER BY r.added_at, r.sha256")]


def blob(store: EventStore, sha: str) -> tuple[bytes, str, str] | None:
    """``(data, mime, original_name)`` of one blob, or ``None``."""
    row = store.row("SELECT data, mime, original_name FROM resumes WHERE sha256 = ?", (sha,))
    if row is None:
        return None
    return bytes(row["data"]), str(row["mime"]), str(row["original_name"])


def mark_sent(store: EventStore, sha: str, at: datetime, refused: str = "") -> None:
    """The hub holds ``sha`` now (or refused it for good: ``refused`` says why)."""
    store.execute("INSERT OR REPLACE INTO resume_uploads (sha256, at, refused) VALUES (?, ?, ?)",
                  (sha, codec.ts(at), refused))


def refused_uploads(store: EventStore) -> dict[str, str]:
    """sha256 → why the hub refused it, for the blobs it will never hold."""
    rows = store.execute("SELECT sha256, refused FROM resume_uploads WHERE refused != ''")
    return {str(r[0]): str(r[1]) for r in rows}


def held(store: EventStore, sha: str) -> bool:
    return store.scalar("SELECT 1 FROM resumes WHERE sha256 = ?", (sha,)) is not None
