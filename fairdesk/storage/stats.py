"""Counts for ``fairdesk info``, the status bars and the dashboard."""

from __future__ import annotations

from typing import Any

from fairdesk.storage.store import EventStore

_COUNTS = {
    "candidates": "SELECT COUNT(*) FROM candidates",
    "employers": "SELECT COUNT(*) FROM employers",
    "checked_in": "SELECT COUNT(DISTINCT candidate_id) FROM checkins WHERE undone_at IS NULL",
    "walk_ins": "SELECT COUNT(*) FROM candidates WHERE source = 'walk_in'",
    "visits": "SELECT COUNT(*) FROM visits",
    "resumes": "SELECT COUNT(*) FROM candidates WHERE resume_sha IS NOT NULL",
    "badges_printed": "SELECT COUNT(DISTINCT candidate_id) FROM badge_prints",
    "shortlisted": "SELECT COUNT(*) FROM visits WHERE shortlist = 1",
    "ops": "SELECT COUNT(*) FROM ops",
}


def counts(store: EventStore) -> dict[str, Any]:
    return {name: int(store.scalar(sql)) for name, sql in _COUNTS.items()}
