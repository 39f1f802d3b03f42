"""Adding, editing and finding employers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fairdesk.domain.errors import (
    AmbiguousEmployer,
    DuplicateEmployer,
    InvalidField,
    UnknownEmployer,
)
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Employer
from fairdesk.domain.rules import clean_tags, require_text
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import employers as rows
from fairdesk.storage import oplog

FIELDS = ("name", "booth", "sector", "contact_name", "contact_email", "contact_phone", "tags")


def all_employers(session: EventSession) -> list[Employer]:
    return rows.all_employers(session.store)


def find_employer(session: EventSession, key: str) -> Employer:
    """By id, a unique id prefix, the booth number or the name (case-insensitive)."""
    text = key.strip()
    employers = rows.all_employers(session.store)
    folded = text.casefold()
    tests: tuple[Callable[[Employer], bool], ...] = (
        lambda e: e.id == text,
        lambda e: folded != "" and e.booth.casefold() == folded,
        lambda e: e.name.casefold() == folded,
        lambda e: len(text) >= 4 and e.id.startswith(text),
    )
    for test in tests:
        found = [e for e in employers if test(e)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousEmployer(
                f"{text!r} names {len(found)} employers; use the id.", employer=text
            )
    raise UnknownEmployer(f"No employer with id, booth or name {text!r}.", employer=text)


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidField(name, f"{name!r} is not an employer field.")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "tags":
            out[name] = list(clean_tags(value))
        elif name == "name":
            out[name] = require_text("name", value, "Employer name")
        else:
            out[name] = " ".join(str(value).split())
    if "contact_email" in out:
        out["contact_email"] = out["contact_email"].lower()
    return out


def _check_unique(session: EventSession, fields: dict[str, Any], own_id: str | None) -> None:
    for other in rows.all_employers(session.store):
        if other.id == own_id:
            continue
        if "name" in fields and other.name.casefold() == fields["name"].casefold():
            raise DuplicateEmployer(f"There is already an employer called {other.name}.")
        if fields.get("booth") and other.booth.casefold() == fields["booth"].casefold():
            raise DuplicateEmployer(f"Booth {other.booth} is already {other.name}'s.")


def add_employer(session: EventSession, name: str, **fields: Any) -> Employer:
    clean = _clean({"name": name, **fields})
    store = session.store
    with store.transaction():
        _check_unique(session, clean, None)
        key = new_id()
        oplog.emit(store, "employer.upsert", {"id": key, **clean}, session.now())
    session.publish(Change("employers", (key,)))
    return find_employer(session, key)


def edit_employer(session: EventSession, employer_id: str, **fields: Any) -> Employer:
    clean = _clean(fields)
    store = session.store
    with store.transaction():
        current = find_employer(session, employer_id)
        _check_unique(session, clean, current.id)
        if clean:
            oplog.emit(store, "employer.upsert", {"id": current.id, **clean}, session.now())
    session.publish(Change("employers", (current.id,)))
    return find_employer(session, current.id)
