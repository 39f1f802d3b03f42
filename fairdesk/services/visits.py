"""Booth visits: a scan records a visit at once; the booth rates, tags, notes, shortlists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fairdesk.domain.errors import InvalidField, UnknownVisit
from fairdesk.domain.ids import visit_id
from fairdesk.domain.model import Visit
from fairdesk.domain.rules import check_rating, clean_tags
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers, find_employer
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import codec, oplog
from fairdesk.storage import visits as rows


@dataclass(frozen=True)
class VisitResult:
    visit: Visit
    first: bool  # False: "seen again", the seen count went up


def record_visit(session: EventSession, employer_key: str, candidate_key: str) -> VisitResult:
    """Idempotent per candidate and employer: a repeat scan bumps the seen count."""
    store = session.store
    with store.transaction():
        employer = find_employer(session, employer_key)
        candidate = find_candidate(session, candidate_key)
        existing = rows.find(store, employer.id, candidate.id)
        now = session.now()
        oplog.emit(store, "visit.record", {
            "id": existing.id if existing else visit_id(employer.id, candidate.id),
            "candidate_id": candidate.id,
            "employer_id": employer.id, "at": codec.ts(now),
        }, now)
        visit = rows.find(store, employer.id, candidate.id)
    assert visit is not None
    session.publish(Change("visits", (visit.id,)))
    return VisitResult(visit, existing is None)


def update_visit(session: EventSession, visit_id: str, **fields: Any) -> Visit:
    """Rating (1–5 or None), tags, notes, shortlist (Phase Two)."""
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "rating":
            body[name] = check_rating(value)
        elif name == "tags":
            body[name] = list(clean_tags(value))
        elif name == "notes":
            body[name] = str(value).strip()
        elif name == "shortlist":
            body[name] = bool(value)
        else:
            raise InvalidField(name, f"{name!r} is not a visit field.")
    store = session.store
    with store.transaction():
        if rows.by_id(store, visit_id) is None:
            raise UnknownVisit(f"No visit with id {visit_id!r}.")
        if body:
            oplog.emit(store, "visit.update", {"id": visit_id, **body}, session.now())
        visit = rows.by_id(store, visit_id)
    assert visit is not None
    session.publish(Change("visits", (visit_id,)))
    return visit


def visit_rows(session: EventSession, employer_key: str | None = None) -> list[dict[str, Any]]:
    """The rows of ``fairdesk visits``."""
    store = session.store
    employer_id = find_employer(session, employer_key).id if employer_key else None
    names = {e.id: e.name for e in all_employers(session)}
    out = []
    for visit in rows.listing(store, employer_id):
        candidate = find_candidate(session, visit.candidate_id)
        out.append({
            "ref": candidate.ref,
            "name": candidate.display_name,
            "employer": names.get(visit.employer_id, visit.employer_id),
            "time": codec.ts(visit.first_seen),
            "seen": visit.seen_count,
            "rating": visit.rating,
            "tags": list(visit.tags),
            "notes": visit.notes,
            "shortlist": visit.shortlist,
        })
    return out
