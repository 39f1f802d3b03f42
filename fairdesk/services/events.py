"""Creating an event file and editing the event's details."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Event
from fairdesk.domain.roles import DEFAULT_TIMEZONE
from fairdesk.domain.rules import require_text, zone
from fairdesk.services.session import Change, Clock, EventSession, open_session, utc_now
from fairdesk.storage import codec, create_event_file, oplog, stats
from fairdesk.storage import event as event_rows


def create_event(
    path: Path | str,
    name: str,
    *,
    venue: str = "",
    timezone: str = DEFAULT_TIMEZONE,
    days: Sequence[date] = (),
    clock: Clock = utc_now,
) -> EventSession:
    """Make a new event file at ``path`` with a fresh badge signing key.

    The file is built under a temporary name and renamed when complete, so a
    crash never leaves a half-made event behind.
    """
    target = Path(path)
    if target.exists():
        raise InvalidField("path", f"{target} already exists; choose another file name.")
    name = require_text("name", name, "Event name")
    zone(timezone)
    temporary = target.with_name(target.name + ".partial")
    temporary.unlink(missing_ok=True)
    store = create_event_file(temporary)
    try:
        _write_event(store, name, venue, timezone, days, clock)
    finally:
        store.close()
    temporary.replace(target)
    return open_session(target, clock=clock)


def _write_event(store: Any, name: str, venue: str, timezone: str, days: Sequence[date],
                 clock: Clock) -> None:
    from fairdesk.badges.keys import new_key_pair  # cryptography: not needed to start up

    private, public = new_key_pair()
    now = clock()
    event_id = new_id()
    with store.transaction():
        store.set_setting("device_id", new_id())
        store.set_setting("role", "organizer")
        oplog.emit(store, "event.create", {
            "id": event_id, "name": name, "venue": " ".join(venue.split()),
            "timezone": timezone, "days": sorted({d.isoformat() for d in days}),
            "created_at": codec.ts(now), "public_key": public.hex(),
        }, now)
        event_rows.set_signing_key(store, event_id, private)
        event_rows.audit(store, now, "event.create", name)


def update_event(session: EventSession, **fields: Any) -> Event:
    """Change name, venue, time zone, fair days or branding."""
    body: dict[str, Any] = {"id": session.event.id}
    if "name" in fields:
        body["name"] = require_text("name", fields["name"], "Event name")
    if "venue" in fields:
        body["venue"] = " ".join(str(fields["venue"]).split())
    if "timezone" in fields:
        zone(fields["timezone"])
        body["timezone"] = fields["timezone"]
    if "days" in fields:
        body["days"] = sorted({d.isoformat() for d in fields["days"]})
    if "branding" in fields:
        body["branding"] = dict(fields["branding"])
    unknown = set(fields) - {"name", "venue", "timezone", "days", "branding"}
    if unknown:
        raise InvalidField(sorted(unknown)[0], f"Unknown event field {sorted(unknown)[0]!r}.")
    with session.store.transaction():
        oplog.emit(session.store, "event.update", body, session.now())
    session.publish(Change("event"))
    return session.event


def event_info(session: EventSession) -> dict[str, Any]:
    """The counts of ``fairdesk info``."""
    event = session.event
    info: dict[str, Any] = {
        "name": event.name,
        "venue": event.venue,
        "days": [d.isoformat() for d in event.days],
        "timezone": event.timezone,
    }
    info.update(stats.counts(session.store))
    return info
