"""The event's audit log as the organizer reads it (issue 16, item 5): every
entry with the device that wrote it named, and an export of the rows shown to
CSV (written under a temporary name, then renamed)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.rules import zone
from fairdesk.exports.cells import write_csv
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import codec, device_rows, live_stats, oplog
from fairdesk.storage import event as event_rows

CSV_HEADERS = ("Day", "Time", "Device", "Role", "Action", "Subject", "Detail")


@dataclass(frozen=True)
class AuditEntry:
    day: str  # the venue's date, 2026-08-20
    time: str  # the venue's clock, 09:42:07
    device: str  # its name; "this computer" for the organizer's own file
    role: str
    action: str  # candidate.merge, export.visits …
    subject: str  # a ref, a file, an employer
    detail: str  # key: value, …

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.day, self.time, self.device, self.role, self.action, self.subject,
                self.detail)


_INTERNAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _detail(detail: dict[str, Any]) -> str:
    """``reason: torn badge, rows: 12``; internal record ids (UUIDs) left out: the
    subject names the candidate by ref, and an id means nothing to a reader."""
    return ", ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                     for k, v in detail.items()
                     if not (isinstance(v, str) and _INTERNAL_ID.fullmatch(v)))


def entries(session: EventSession) -> list[AuditEntry]:
    """Every audit entry, oldest first, in one consistent read."""
    store = session.store
    with live_stats.reading(store):
        rows = event_rows.audit_entries(store)
        devices = {d["id"]: d for d in device_rows.listing(store)}
        own = oplog.device_id(store)
    tz = zone(session.event.timezone)
    out = []
    for row in rows:
        at = codec.parse_ts(row["at"]).astimezone(tz)
        device = devices.get(row["device_id"], {})
        if row["device_id"] == own:
            name, role = device.get("name") or "this computer", session.role
        else:
            name, role = device.get("name") or str(row["device_id"])[:8], device.get("role", "")
        out.append(AuditEntry(f"{at:%Y-%m-%d}", f"{at:%H:%M:%S}", name, role, row["action"],
                              row["subject"], _detail(row["detail"])))
    return out


def export_csv(session: EventSession, rows: Sequence[AuditEntry], out: Path | str) -> int:
    """``rows`` (the ones the organizer sees) to ``out``; the export is itself audited."""
    path = Path(out)
    if path.suffix.lower() != ".csv":
        raise InvalidField("out", f"{path.name}: the file name must end in .csv.")
    if path.is_dir():
        raise InvalidField("out", f"{path} is a folder; give a file name.")
    count = write_csv(path, CSV_HEADERS, [r.cells for r in rows])
    with session.store.transaction():
        event_rows.audit(session.store, session.now(), "export.audit", str(path),
                         {"rows": count})
    session.publish(Change("audit"))
    return count
