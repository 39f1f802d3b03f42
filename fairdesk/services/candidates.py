"""Finding and editing candidates."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from fairdesk.domain.errors import InvalidField, UnknownCandidate
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Candidate, CheckIn
from fairdesk.domain.rules import normalise_ref, roster_ref
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import badge_prints, checkins, oplog
from fairdesk.storage import candidates as rows

EDITABLE = (
    "first_name", "last_name", "email", "phone", "district", "education", "languages",
    "roles", "experience", "consent",
)


@dataclass(frozen=True)
class CandidateStatus:
    """A candidate with what the desk needs to see next to them."""

    candidate: Candidate
    checked_in: CheckIn | None
    printed: bool


def find_candidate(session: EventSession, key: str) -> Candidate:
    """By ref code (as typed: ``c147`` is ``C-0147``) or by id."""
    text = key.strip()
    found = rows.by_ref(session.store, normalise_ref(text)) or rows.by_id(session.store, text)
    if found is None:
        raise UnknownCandidate(f"No candidate with ref or id {text!r}.", ref=text)
    return found


def count_candidates(session: EventSession) -> int:
    return rows.count(session.store)


def search(session: EventSession, text: str, limit: int = 50) -> list[Candidate]:
    return rows.search(session.store, text, limit)


def status(session: EventSession, candidate: Candidate) -> CandidateStatus:
    store = session.store
    return CandidateStatus(
        candidate,
        checkins.latest(store, candidate.id),
        bool(badge_prints.for_candidate(store, candidate.id)),
    )


def listing(session: EventSession, text: str | None = None) -> list[dict[str, Any]]:
    """The rows of ``fairdesk candidates``."""
    store = session.store
    found = search(session, text, limit=10_000) if text else rows.all_candidates(store)
    checked = checkins.checked_in_ids(store)
    return [
        {
            "ref": c.ref,
            "name": c.display_name,
            "email": c.email,
            "phone": c.phone,
            "checked_in": c.id in checked,
            "consent": c.consent,
            "walk_in": c.walk_in,
            "has_resume": c.resume_sha is not None,
        }
        for c in found
    ]


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidField(name, f"{name!r} is not a candidate field that can be edited.")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("languages", "roles"):
            out[name] = [" ".join(str(v).split()) for v in value if str(v).strip()]
        elif name == "consent":
            out[name] = bool(value)
        else:
            out[name] = " ".join(str(value).split())
    if "email" in out:
        out["email"] = out["email"].lower()
    return out


def add_candidate(session: EventSession, **fields: Any) -> Candidate:
    """A pre-registered candidate (the roster); gets the next ``C-NNNN`` ref."""
    clean = _clean_fields(fields)
    if not (clean.get("first_name") or clean.get("last_name")):
        raise InvalidField("name", "A candidate needs a name.")
    store = session.store
    with store.transaction():
        ref = roster_ref(rows.next_ref_number(store, "C-"))
        key = new_id()
        oplog.emit(store, "candidate.add",
                   {"id": key, "ref": ref, "source": "roster", **clean}, session.now())
    session.publish(Change("candidates", (key,)))
    return find_candidate(session, key)


def edit_candidate(session: EventSession, candidate_id: str, **fields: Any) -> Candidate:
    clean = _clean_fields(fields)
    store = session.store
    with store.transaction():
        current = find_candidate(session, candidate_id)
        before = asdict(current)
        changed = {k: v for k, v in clean.items() if _differs(before.get(k), v)}
        if changed:
            oplog.emit(store, "candidate.update", {"id": current.id, **changed}, session.now())
    if changed:
        session.publish(Change("candidates", (current.id,)))
    return find_candidate(session, current.id)


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, tuple):
        old = list(old)
    return bool(old != new)
