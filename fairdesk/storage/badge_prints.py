"""Reading the log of printed badges."""

from __future__ import annotations

from fairdesk.domain.model import BadgePrint
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def for_candidate(store: EventStore, candidate_id: str) -> list[BadgePrint]:
    rows = store.rows(
        "SELECT * FROM badge_prints WHERE candidate_id = ? ORDER BY at", (candidate_id,)
    )
    return [codec.badge_print(r) for r in rows]


def printed_ids(store: EventStore) -> set[str]:
    return {r[0] for r in store.execute("SELECT DISTINCT candidate_id FROM badge_prints")}
