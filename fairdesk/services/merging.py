"""Merging two records of one person (issue 16): ``fairdesk merge EVENT --keep
REF --drop REF`` and the record's "Merge a duplicate…".

One op (``candidate.merge``, see :mod:`fairdesk.storage.person_ops`) that
every device applies the same way; the dropped ref and badge keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairdesk.domain.errors import InvalidField, NotAllowedForRole
from fairdesk.domain.model import Candidate
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import event as event_rows
from fairdesk.storage import oplog


@dataclass(frozen=True)
class Merged:
    kept: Candidate
    dropped_ref: str
    moved: dict[str, int]


def _counts(session: EventSession, candidate_id: str) -> dict[str, int]:
    from fairdesk.services.candidate_record import record

    found = record(session, candidate_id)
    return {"checkins": len(found["checkins"]), "prints": len(found["prints"]),
            "visits": len(found["visits"]), "resume": int(found["resume"] is not None)}


def merge(session: EventSession, keep_key: str, drop_key: str) -> Merged:
    """Move everything of ``drop`` onto ``keep``; ``drop``'s ref then means ``keep``."""
    if session.role != "organizer":
        raise NotAllowedForRole("Only the organizer merges records.", role=session.role)
    store = session.store
    with store.transaction():
        keep, drop = find_candidate(session, keep_key), find_candidate(session, drop_key)
        if keep.id == drop.id:
            typed = {k.strip().upper() for k in (keep_key, drop_key)} - {keep.ref}
            raise InvalidField("drop", (f"{', '.join(sorted(typed))} was merged into {keep.ref} "
                                        "already." if typed else
                                        f"Both name {keep.ref}: they are already one record."))
        if keep.erased or drop.erased:
            raise InvalidField("drop", "An erased record cannot be merged.")
        moved = _counts(session, drop.id)
        now = session.now()
        oplog.emit(store, "candidate.merge", {"keep": keep.id, "drop": drop.id,
                                              "keep_ref": keep.ref, "drop_ref": drop.ref}, now)
        event_rows.audit(store, now, "candidate.merge", keep.ref,
                         {"dropped": drop.ref, **moved})
    for topic in ("candidates", "checkins", "visits", "resumes"):
        session.publish(Change(topic, (keep.id, drop.id)))
    return Merged(find_candidate(session, keep.id), drop.ref, moved)
