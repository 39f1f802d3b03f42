"""The reads a booth needs: its own visits joined with what the card shows.

Privacy is part of the query: every read takes the booth's employer id, and
the candidate columns selected are the card's (no contact details, no résumé
columns), so a booth screen cannot show what it never reads.
"""

from __future__ import annotations

from typing import Any

from fairdesk.storage.store import EventStore

# The candidate columns a booth may read: the card, nothing to contact or download.
CARD_COLUMNS = (
    "ref", "first_name", "last_name", "district", "education", "languages", "roles",
    "experience", "source",
)

_SELECT = (
    "SELECT v.id AS visit_id, v.candidate_id, v.first_seen, v.last_seen, v.seen_count, "
    "v.rating, v.tags, v.notes, v.shortlist, "
    + ", ".join(f"c.{name}" for name in CARD_COLUMNS)
    + " FROM visits v JOIN candidates c ON c.id = v.candidate_id WHERE v.employer_id = ?"
)


def visit_rows(store: EventStore, employer_id: str) -> list[dict[str, Any]]:
    """This employer's visits with their card columns, newest scan first."""
    return store.rows(_SELECT + " ORDER BY v.last_seen DESC, v.rowid DESC", (employer_id,))


def visit_row(store: EventStore, employer_id: str, visit_id: str) -> dict[str, Any] | None:
    """One of this employer's visits; ``None`` for a visit of another employer."""
    return store.row(_SELECT + " AND v.id = ?", (employer_id, visit_id))


def candidate_card(store: EventStore, candidate_id: str) -> dict[str, Any] | None:
    """The card columns of one candidate (before any visit exists)."""
    columns = ", ".join(CARD_COLUMNS)
    return store.row(f"SELECT id, {columns} FROM candidates WHERE id = ?",
                     (candidate_id,))


def visit_id_for(store: EventStore, employer_id: str, candidate_id: str) -> str | None:
    found = store.scalar(
        "SELECT id FROM visits WHERE employer_id = ? AND candidate_id = ?",
        (employer_id, candidate_id))
    return None if found is None else str(found)


def ref_taken(store: EventStore, ref: str) -> bool:
    return store.scalar("SELECT 1 FROM candidates WHERE ref = ?", (ref,)) is not None


def next_seq(store: EventStore, device_id: str) -> int:
    """The next per-device sequence number of the op log."""
    return int(store.scalar(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM ops WHERE device_id = ?", (device_id,)))


def resume_blob_count(store: EventStore) -> int:
    """How many résumé blobs this file holds (a booth device's file should hold none)."""
    return int(store.scalar("SELECT COUNT(*) FROM resumes"))
