"""Check-ins: one per candidate per fair day counts; undone ones stay as history."""

from __future__ import annotations

from datetime import date, datetime

from fairdesk.domain.model import CheckIn
from fairdesk.storage import codec
from fairdesk.storage.store import EventStore


def active_on(store: EventStore, candidate_id: str, day: date) -> CheckIn | None:
    """The first standing check-in of a candidate on a day (others are duplicates)."""
    row = store.row(
        "SELECT * FROM checkins WHERE candidate_id = ? AND day = ? AND undone_at IS NULL "
        "ORDER BY at LIMIT 1",
        (candidate_id, day.isoformat()),
    )
    return codec.checkin(row) if row else None


def latest(store: EventStore, candidate_id: str) -> CheckIn | None:
    row = store.row(
        "SELECT * FROM checkins WHERE candidate_id = ? AND undone_at IS NULL "
        "ORDER BY at DESC LIMIT 1",
        (candidate_id,),
    )
    return codec.checkin(row) if row else None


def checked_in_ids(store: EventStore) -> set[str]:
    """Candidates checked in on any day."""
    rows = store.execute("SELECT DISTINCT candidate_id FROM checkins WHERE undone_at IS NULL")
    return {r[0] for r in rows}


def all_checkins(store: EventStore) -> list[CheckIn]:
    rows = store.rows("SELECT * FROM checkins WHERE undone_at IS NULL ORDER BY at")
    return [codec.checkin(r) for r in rows]


def count_since(store: EventStore, since: datetime) -> int:
    return int(
        store.scalar(
            "SELECT COUNT(DISTINCT candidate_id) FROM checkins "
            "WHERE undone_at IS NULL AND at >= ?",
            (codec.ts(since),),
        )
    )
