"""Attaching a résumé to a candidate (the blob lives in the organizer's file)."""

from __future__ import annotations

from fairdesk.domain.errors import NotAllowedForRole
from fairdesk.domain.model import Candidate
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import oplog, resumes


def attach_resume(session: EventSession, candidate_key: str, data: bytes, *,
                  pages: int | None = None, original_name: str = "",
                  mime: str = "application/pdf") -> Candidate:
    """Store ``data`` (once per content) and point the candidate at it."""
    store = session.store
    with store.transaction():
        candidate = find_candidate(session, candidate_key)
        now = session.now()
        sha = resumes.put(store, data, now, mime=mime, pages=pages, original_name=original_name)
        if candidate.resume_sha != sha:
            oplog.emit(store, "candidate.update",
                       {"id": candidate.id, "resume_sha": sha, "cv_filename": original_name}, now)
    session.publish(Change("resumes", (candidate.id,)))
    return find_candidate(session, candidate.id)


def resume_bytes(session: EventSession, candidate: Candidate) -> bytes | None:
    """A candidate's résumé; booths and kiosks never get one (DESIGN.md, Privacy)."""
    if session.role in ("booth", "kiosk"):
        raise NotAllowedForRole("Booths and kiosks never hold or show résumés.",
                                role=session.role)
    if candidate.resume_sha is None:
        return None
    return resumes.get(session.store, candidate.resume_sha)
