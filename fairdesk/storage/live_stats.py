"""The organizer's live figures (issue 16): ``fairdesk stats`` and the dashboard.

A handful of queries over the event file, each one pass. A candidate's
check-in counts once per fair day (the first standing one: duplicates made on
two desks are kept as facts and counted once; undone ones do not count).
Times are UTC here; the service turns minutes into the venue's 15-minute slots.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from fairdesk.storage import codec
from fairdesk.storage.store import EventStore

_FIRSTS = (
    "firsts AS (SELECT candidate_id, day, MIN(at) AS at, desk FROM checkins "
    "WHERE undone_at IS NULL GROUP BY candidate_id, day)"
)


@contextlib.contextmanager
def reading(store: EventStore) -> Iterator[EventStore]:
    """A deferred read transaction: the figures agree with each other, and a
    writer on another connection is never kept waiting (WAL)."""
    if store.in_transaction:
        yield store
        return
    store.execute("BEGIN")
    try:
        yield store
    finally:
        store.execute("COMMIT")


def checkin_minutes(store: EventStore) -> list[tuple[str, str, int | None, int]]:
    """First check-ins per (fair day, UTC minute ``2026-08-20T13:05``, desk)."""
    rows = store.execute(
        f"WITH {_FIRSTS} SELECT day, substr(at, 1, 16) AS minute, desk, COUNT(*) "
        "FROM firsts GROUP BY day, minute, desk ORDER BY day, minute, desk"
    ).fetchall()
    return [(str(d), str(m), desk, int(n)) for d, m, desk, n in rows]


def employers(store: EventStore) -> list[dict[str, Any]]:
    """Employers in booth order."""
    return store.rows(
        "SELECT id, name, booth FROM employers ORDER BY CAST(booth AS INTEGER), booth, name")


def employer_traffic(store: EventStore, day_start: datetime, day_end: datetime,
                     hour_ago: datetime) -> dict[str, tuple[int, int, int]]:
    """Employer id → (visits seen today, seen in the last hour, shortlisted).

    A visit counts by its last scan. One pass over the table: cheaper than a
    join that reads each visit through the (employer, candidate) index.
    """
    rows = store.execute(
        "SELECT employer_id, SUM(last_seen >= :start AND last_seen < :end), "
        "SUM(last_seen >= :hour), SUM(shortlist) FROM visits NOT INDEXED GROUP BY employer_id",
        {"start": codec.ts(day_start), "end": codec.ts(day_end), "hour": codec.ts(hour_ago)},
    ).fetchall()
    return {str(e): (int(t), int(h), int(s)) for e, t, h, s in rows}


def people(store: EventStore, day: str) -> tuple[int, int]:
    """(checked in on any day with no booth visit yet, roster not yet checked in on ``day``)."""
    row = store.execute(
        "SELECT COALESCE(SUM(checked AND NOT visited), 0), "
        "COALESCE(SUM(source = 'roster' AND NOT today), 0) FROM ("
        " SELECT c.source, "
        " EXISTS (SELECT 1 FROM checkins k WHERE k.candidate_id = c.id "
        "   AND k.undone_at IS NULL) AS checked, "
        " EXISTS (SELECT 1 FROM checkins k WHERE k.candidate_id = c.id AND k.day = ? "
        "   AND k.undone_at IS NULL) AS today, "
        " EXISTS (SELECT 1 FROM visits v WHERE v.candidate_id = c.id) AS visited "
        " FROM candidates c)", (day,)).fetchone()
    return int(row[0]), int(row[1])


def devices(store: EventStore) -> list[dict[str, Any]]:
    """Paired devices not revoked: last seen by the hub and its pending changes."""
    return store.rows(
        "SELECT id, name, role, desk, employer_id, last_seen_at AS last_seen, pending "
        "FROM devices WHERE revoked_at IS NULL ORDER BY role, desk, name, id"
    )


def data_version(store: EventStore) -> int:
    """Moves whenever another connection (the hub's sync) commits to the file."""
    return int(store.scalar("PRAGMA data_version"))
