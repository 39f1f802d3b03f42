"""The organizer's Audit page: the event's audit log as a filterable table
(text, action, device, days), exportable to CSV."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.text import fold
from fairdesk.services import audit_log
from fairdesk.services.audit_log import AuditEntry
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Day", "Time", "Device", "Role", "Action", "Subject", "Detail")
EMPTY = ("Nothing in the audit log yet. Exports, badge reprints, undone check-ins, "
         "merges and erasures are recorded here.")


@dataclass
class AuditFilter:
    text: str = ""
    action: str = ""  # "" = every action
    device: str = ""  # "" = every device
    first_day: str = ""  # ISO dates, "" = open
    last_day: str = ""

    def keeps(self, entry: AuditEntry) -> bool:
        if self.action and entry.action != self.action:
            return False
        if self.device and entry.device != self.device:
            return False
        if (self.first_day and entry.day < self.first_day) or \
                (self.last_day and entry.day > self.last_day):
            return False
        words = fold(self.text).split()
        haystack = fold(" ".join(entry.cells))
        return all(word in haystack for word in words)


class AuditPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.filter = AuditFilter()
        self.entries: list[AuditEntry] = []
        self.shown: list[AuditEntry] = []
        self.active = True  # the view says when the page is out of sight
        self.stale = False
        self._unsubscribe = session.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        # Many actions write the log; a hidden page only notes it and reloads when shown.
        if self.active:
            self.load()
        else:
            self.stale = True

    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self.stale:
            self.load()

    def load(self) -> None:
        self.stale = False
        self.entries = audit_log.entries(self.session)
        self._apply()

    def _apply(self) -> None:
        self.shown = [e for e in self.entries if self.filter.keeps(e)]
        self.changed()

    def set_filter(self, **values: str) -> None:
        """``set_filter(text="reprint")``, ``set_filter(action="")`` …"""
        for name, value in values.items():
            if not hasattr(self.filter, name):
                raise ValueError(name)
            setattr(self.filter, name, value)
        self._apply()

    # ---------------------------------------------------------- choices
    @property
    def actions(self) -> list[str]:
        return sorted({e.action for e in self.entries})

    @property
    def devices(self) -> list[str]:
        return sorted({e.device for e in self.entries})

    @property
    def days(self) -> list[str]:
        return sorted({e.day for e in self.entries})

    # ---------------------------------------------------------- table
    @property
    def rows(self) -> list[tuple[str, ...]]:
        return [e.cells for e in reversed(self.shown)]  # the newest first

    @property
    def summary(self) -> str:
        if not self.entries:
            return EMPTY
        if not self.shown:
            return "No entry matches the filters."
        if len(self.shown) == len(self.entries):
            return f"{len(self.entries):,} entries"
        return f"{len(self.shown):,} of {len(self.entries):,} entries"

    @property
    def can_export(self) -> bool:
        return bool(self.shown)

    @property
    def file_name(self) -> str:
        return f"audit-{self.session.fair_day().isoformat()}.csv"

    def export(self, path: Path) -> bool:
        """The rows shown (oldest first) to ``path``, written then renamed."""
        if not self.shown:
            self.say("warning", "No entry to export: clear the filters.")
            return False
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            count = audit_log.export_csv(self.session, self.shown, path)
        except FairDeskError as error:
            self.refused(error)
            return False
        except OSError as error:
            self.say("error", f"Could not write {path.name}: {error.strerror or error}.")
            return False
        self.say("info", f"{count:,} audit entries written to {path.name}.")
        return True
