"""The organizer's candidate directory: the whole roster, searched as at the
desk, narrowed by filters (issue 16)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fairdesk.domain.model import Candidate
from fairdesk.services import desk
from fairdesk.services.session import EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import live_stats, record_rows

FILTERS = {
    "today": "Checked in today",
    "walk_in": "Walk-ins",
    "no_resume": "No résumé",
    "no_consent": "No consent",
    "phase_two": "Phase Two",
}


@dataclass(frozen=True)
class DirectoryRow:
    candidate: Candidate
    checked_in_today: bool
    shortlisted: bool

    @property
    def id(self) -> str:
        return self.candidate.id


def _keep(row: DirectoryRow, filters: Iterable[str]) -> bool:
    c = row.candidate
    tests = {
        "today": row.checked_in_today, "walk_in": c.walk_in,
        "no_resume": c.resume_sha is None, "no_consent": not c.consent,
        "phase_two": row.shortlisted,
    }
    return all(tests[f] for f in filters)


def directory(session: EventSession, text: str = "", filters: Iterable[str] = (),
              limit: int = 5_000) -> list[DirectoryRow]:
    """Everyone (by name) or the desk's search for ``text``, then every filter."""
    chosen = set(filters)
    unknown = chosen - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown filter {sorted(unknown)[0]!r}")
    store = session.store
    with live_stats.reading(store):
        found = desk.find(session, text, limit) if text.strip() else rows.all_candidates(store)
        today = record_rows.checked_in_on(store, session.fair_day().isoformat())
        shortlisted = record_rows.shortlisted_ids(store)
    out = [DirectoryRow(c, c.id in today, c.id in shortlisted) for c in found]
    return [r for r in out if _keep(r, chosen)][:limit]


def count(session: EventSession) -> int:
    return rows.count(session.store)
