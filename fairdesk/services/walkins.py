"""Registering walk-ins at a desk: ref codes ``W<desk>-NNNN``."""

from __future__ import annotations

from typing import Any

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Candidate
from fairdesk.domain.rules import walk_in_ref
from fairdesk.services.candidates import _clean_fields, find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import oplog


def register_walk_in(session: EventSession, desk: int | None = None, **fields: Any) -> Candidate:
    """A candidate who was not on the roster; numbered per desk so desks never clash."""
    desk = desk if desk is not None else session.desk
    if desk is None:
        raise InvalidField("desk", "A walk-in is registered at a desk: give the desk number.")
    clean = _clean_fields(fields)
    if not (clean.get("first_name") or clean.get("last_name")):
        raise InvalidField("name", "A walk-in needs a name.")
    store = session.store
    with store.transaction():
        prefix = f"W{desk}-"
        ref = walk_in_ref(desk, rows.next_ref_number(store, prefix))
        key = new_id()
        oplog.emit(store, "candidate.add",
                   {"id": key, "ref": ref, "source": "walk_in", "desk": desk, **clean},
                   session.now())
    session.publish(Change("candidates", (key,)))
    return find_candidate(session, key)
