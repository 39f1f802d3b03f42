"""Erasing one person on request (issue 16): ``fairdesk erase EVENT --ref REF
--reason TEXT`` and the record's "Erase this person…".

An op (``candidate.erase``, see :mod:`fairdesk.storage.person_ops`): every
device that holds the person blanks their fields and drops their résumé;
their check-ins and visits stay as those of an "erased candidate". Here, the
file is then checkpointed and vacuumed so the bytes are gone from the file
and its write-ahead log; upgrade backups beside it (``*.v4.bak``) hold the
person too, so they go as well (as for the purge).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fairdesk.domain.errors import InvalidField, NotAllowedForRole, ReasonRequired
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import event as event_rows
from fairdesk.storage import oplog, person_ops


@dataclass(frozen=True)
class Erased:
    ref: str
    compacted: bool  # False: another connection kept the log; it empties at the next one
    backups_removed: list[str] = field(default_factory=list)


def erase(session: EventSession, key: str, reason: str) -> Erased:
    reason = " ".join(reason.split())
    if not reason:
        raise ReasonRequired("Say why the person is erased (it goes to the audit log).")
    if session.role != "organizer":
        raise NotAllowedForRole("Only the organizer erases a person.", role=session.role)
    store = session.store
    person_ops.secure_delete(store, True)
    try:
        with store.transaction():
            person = find_candidate(session, key)
            if person.erased:
                raise InvalidField("ref", f"{person.ref} was already erased.")
            now = session.now()
            oplog.emit(store, "candidate.erase", {"id": person.id}, now)
            event_rows.audit(store, now, "candidate.erase", person.ref, {"reason": reason})
        compacted = person_ops.compact(store)
    finally:
        person_ops.secure_delete(store, False)
    removed = []
    if session.path is not None:
        for backup in sorted(session.path.parent.glob(f"{session.path.name}.v*.bak")):
            backup.unlink()
            removed.append(backup.name)
    for topic in ("candidates", "checkins", "visits", "resumes"):
        session.publish(Change(topic, (person.id,)))
    return Erased(person.ref, compacted, removed)
