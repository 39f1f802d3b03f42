"""The organizer's corrections to a candidate's record (issue 16): a field
edit checked as the import checks it, the résumé replaced or removed.

Each is one transaction and an op in the log, so it syncs: field edits are
last-writer-wins per field by the hybrid clock (``candidate.update``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fairdesk.badges.layouts import DEFAULT_LAYOUT
from fairdesk.domain.errors import InvalidField
from fairdesk.domain.model import Candidate
from fairdesk.imports import cleaning
from fairdesk.services import badges
from fairdesk.services.candidates import edit_candidate, find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import oplog

_LABELS = {"first_name": "First name", "last_name": "Last name", "email": "E-mail",
           "phone": "Phone", "district": "District", "education": "Education",
           "experience": "Experience"}


def checked_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The import's rules: names cased, e-mail and phone recognised (phones to
    E.164), no spreadsheet formulas; a refusal names the field."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("languages", "roles"):
            items = value if isinstance(value, list | tuple) else cleaning.items(str(value))
            out[name] = [cleaning.text(str(v)) for v in items if str(v).strip()]
            continue
        if name == "consent":
            out[name] = bool(value)
            continue
        text = cleaning.text(str(value))
        label = _LABELS.get(name, name)
        if cleaning.looks_like_formula(text):
            raise InvalidField(name, f"{label}: {text!r} looks like a spreadsheet formula.")
        if name in ("first_name", "last_name"):
            text = cleaning.proper_case(text)
        elif name == "email":
            checked = cleaning.email(text)
            if checked is None:
                raise InvalidField(name, f"E-mail: {text!r} is not an e-mail address.")
            text = checked
        elif name == "phone":
            phone = cleaning.phone(text)
            if phone is None:
                raise InvalidField(name, f"Phone: {text!r} is not a phone number.")
            text = phone
        out[name] = text
    return out


def correct(session: EventSession, key: str, **fields: Any) -> Candidate:
    """Edit a candidate's details from the record (syncs to every device)."""
    clean = checked_fields(fields)
    current = find_candidate(session, key)
    first = clean.get("first_name", current.first_name)
    last = clean.get("last_name", current.last_name)
    if not (first or last):
        raise InvalidField("first_name", "A candidate needs a first or a last name.")
    return edit_candidate(session, current.id, **clean)


def remove_resume(session: EventSession, key: str) -> Candidate:
    """The candidate no longer points at a résumé (the blob stays for others
    that share it; an erasure drops blobs)."""
    store = session.store
    with store.transaction():
        candidate = find_candidate(session, key)
        if candidate.resume_sha is not None:
            oplog.emit(store, "candidate.update",
                       {"id": candidate.id, "resume_sha": None, "cv_filename": ""}, session.now())
    session.publish(Change("resumes", (candidate.id,)))
    return find_candidate(session, candidate.id)


def reprint(session: EventSession, key: str, out: Path, reason: str = "") -> int:
    """The badge (again) as a PDF at ``out``, e.g. after a name was corrected;
    a reprint needs a reason (audit log). Returns the PDF's size."""
    person = find_candidate(session, key)
    return badges.print_batch(session, [person], DEFAULT_LAYOUT, out, reason or None)
