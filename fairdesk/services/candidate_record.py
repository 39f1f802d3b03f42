"""One candidate's whole record, as the organizer's directory opens it and as
``fairdesk candidate EVENT REF --json`` prints it (issue 16)."""

from __future__ import annotations

from typing import Any

from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession
from fairdesk.storage import codec, live_stats, oplog, record_rows

DETAIL_FIELDS = (
    "first_name", "last_name", "email", "phone", "district", "education", "languages",
    "roles", "experience", "consent", "source", "desk", "cv_filename", "submitted_at",
)


def _local(session: EventSession, text: str | None) -> str | None:
    return session.local_time(codec.parse_ts(text)) if text else None


def when(session: EventSession, text: str | None) -> str:
    """A stored time as the venue's day and clock (``2026-08-20 09:42``)."""
    if not text:
        return ""
    at = codec.parse_ts(text)
    return f"{session.fair_day(at).isoformat()} {session.local_time(at)}"


def _name_devices(session: EventSession, rows: list[dict[str, Any]]) -> None:
    own = oplog.device_id(session.store)
    for row in rows:
        if not row.get("device"):
            row["device"] = "this computer" if row["device_id"] == own else \
                str(row["device_id"])[:8]


def record(session: EventSession, key: str) -> dict[str, Any]:
    """Details, check-ins (with undo history), prints, visits, interviews,
    résumé facts and the audit trail of one candidate; one consistent read."""
    store = session.store
    with live_stats.reading(store):
        person = find_candidate(session, key)
        checkins = record_rows.checkins_of(store, person.id)
        prints = record_rows.prints_of(store, person.id)
        visits = record_rows.visits_of(store, person.id)
        interviews = record_rows.interviews_of(store, person.id)
        resume = record_rows.resume_of(store, person.resume_sha)
        audit = record_rows.history_of(store, person.id, person.ref)
    details = {name: getattr(person, name) for name in DETAIL_FIELDS}
    details["languages"], details["roles"] = list(person.languages), list(person.roles)
    for rows in (checkins, prints, audit):
        _name_devices(session, rows)
    for row in checkins:
        row["time"] = _local(session, row["at"])
        row["standing"] = row["undone_at"] is None
    return {
        "id": person.id, "ref": person.ref, "name": person.display_name, **details,
        "walk_in": person.walk_in, "checkins": checkins, "prints": prints, "visits": visits,
        "interviews": interviews, "resume": resume, "audit": audit,
    }
