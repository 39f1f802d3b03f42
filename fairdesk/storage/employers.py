"""Reading employers."""

from __future__ import annotations

from fairdesk.domain.model import Employer
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def all_employers(store: EventStore) -> list[Employer]:
    rows = store.rows(
        "SELECT * FROM employers ORDER BY CAST(booth AS INTEGER), booth, name COLLATE NOCASE"
    )
    return [codec.employer(r) for r in rows]


def by_id(store: EventStore, employer_id: str) -> Employer | None:
    row = store.row("SELECT * FROM employers WHERE id = ?", (employer_id,))
    return codec.employer(row) if row else None
