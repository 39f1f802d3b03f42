"""Reading visits: the booth's own list and the organizer's view of all."""

from __future__ import annotations

from fairdesk.domain.model import Visit
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def by_id(store: EventStore, visit_id: str) -> Visit | None:
    row = store.row("SELECT * FROM visits WHERE id = ?", (visit_id,))
    return codec.visit(row) if row else None


def find(store: EventStore, employer_id: str, candidate_id: str) -> Visit | None:
    row = store.row(
        "SELECT * FROM visits WHERE employer_id = ? AND candidate_id = ?",
        (employer_id, candidate_id),
    )
    return codec.visit(row) if row else None


def listing(store: EventStore, employer_id: str | None = None) -> list[Visit]:
    """Visits, newest first; only one employer's when ``employer_id`` is given."""
    if employer_id is None:
        rows = store.rows("SELECT * FROM visits ORDER BY last_seen DESC, rowid DESC")
    else:
        rows = store.rows(
            "SELECT * FROM visits WHERE employer_id = ? ORDER BY last_seen DESC, rowid DESC",
            (employer_id,),
        )
    return [codec.visit(r) for r in rows]
