"""Changes the hub holds but cannot apply yet, because the record they change
has not arrived (a rating for a visit whose scan is still on a booth, an edit
of a walk-in whose desk has not synced). Nothing is lost: each is applied by
itself when its record comes. The Devices screen shows them so the organizer
knows why a figure may lag, and which device to bring online."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from fairdesk.services.session import EventSession
from fairdesk.storage import codec, oplog, parked_rows

KINDS = {
    "visit.record": "Booth visit", "visit.update": "Rating, tags or notes",
    "visit.unrecord": "Undone scan", "candidate.add": "New candidate",
    "candidate.update": "Candidate edit", "checkin.add": "Check-in",
    "checkin.undo": "Undone check-in", "badge.print": "Badge printed",
    "event.update": "Event details", "employer.upsert": "Employer",
}
_RECORD = {"visits": "visit", "candidates": "candidate", "checkins": "check-in",
           "event": "event"}
_MISSING = re.compile(r"^[\w.]+: (\w+) (\S+) not here yet$")


@dataclass(frozen=True)
class ParkedOp:
    op_id: str
    kind: str  # the op kind, e.g. ``visit.update``
    what: str  # in words, e.g. "Rating, tags or notes"
    device: str  # the paired device's name, or its id's start
    at: datetime
    reason: str  # in words: what it waits for


def parked_count(session: EventSession) -> int:
    return parked_rows.count(session.store)


def parked_ops(session: EventSession, limit: int = 500) -> list[ParkedOp]:
    """The parked changes, oldest first (at most ``limit``)."""
    own = oplog.device_id(session.store)
    return [_parked(row, own) for row in parked_rows.listing(session.store, limit)]


def _parked(row: dict[str, object], own: str) -> ParkedOp:
    kind, device_id = str(row["kind"]), str(row["device_id"])
    if row["device_name"]:
        device = str(row["device_name"])
    elif device_id == own:
        device = "this computer"
    else:
        device = f"device {device_id[:8]}"
    return ParkedOp(str(row["op_id"]), kind, KINDS.get(kind, kind), device,
                    codec.parse_ts(str(row["at"])), _reason(str(row["reason"]),
                                                           str(row["body"])))


def _reason(raw: str, body: str) -> str:
    """The stored reason (an exception's text) in words the organizer can act on."""
    found = _MISSING.match(raw.strip())
    if found:
        record = _RECORD.get(found.group(1), found.group(1).rstrip("s"))
        return f"Its {record} {found.group(2)[:8]}, not on the hub yet"
    try:
        candidate = json.loads(body).get("candidate_id")
    except (ValueError, AttributeError):
        candidate = None
    if "FOREIGN KEY" in raw.upper() and candidate:
        return f"Candidate {str(candidate)[:8]}, not on the hub yet"
    if "FOREIGN KEY" in raw.upper():
        return "A record it refers to, not on the hub yet"
    return raw or "A record that has not arrived yet"
