"""The booth screen's state, without Qt: scan, card, rating, tags, notes, list, exit.

Every input (a keyboard-wedge burst, a camera decode, a ref typed by hand)
ends in :meth:`BoothPresenter.scan`; the camera only adds a gate so a badge
held in view is scanned once, not once a frame. Notes save as you type: the
view calls :meth:`notes_edited` on each change and :meth:`save_notes` when its
debounce timer fires (``NOTES_DEBOUNCE_MS``); a scan or a switch of card saves
pending notes first, so nothing typed is lost.

The header says how this booth syncs: "Standalone — not paired" for a booth
that is not paired with a hub; for a paired one, the state of the sync loop
that ``fairdesk.app`` starts ("Online · synced 12:04", "Offline · 3 changes
waiting"), fed through :meth:`BoothPresenter.sync_changed`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from fairdesk.domain.errors import FairDeskError, WrongPin
from fairdesk.domain.model import Employer
from fairdesk.domain.text import fold
from fairdesk.services import booth, interviews
from fairdesk.services.booth import BoothCard, ScanResult
from fairdesk.services.session import Change, EventSession
from fairdesk.services.sync import is_paired
from fairdesk.services.sync_loop import SyncStatus
from fairdesk.ui.common.presenters.base import Presenter

NOTES_DEBOUNCE_MS = 600
CAMERA_REPEAT_S = 4.0  # the same code seen by the camera again within this is ignored
Source = Literal["scanner", "camera", "typed"]
Flash = Literal["ok", "again", "refused"]
SyncLevel = Literal["standalone", "connecting", "online", "offline", "refused"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class VisitFilter:
    """``rating``: None any, 0 not rated yet, n at least n stars."""

    text: str = ""
    rating: int | None = None
    tag: str | None = None
    phase_two: bool = False
    today_only: bool = True

    def keeps(self, card: BoothCard, today: object) -> bool:
        if self.today_only and card.day != today:
            return False
        if self.rating == 0 and card.rating is not None:
            return False
        if self.rating and (card.rating or 0) < self.rating:
            return False
        if self.tag and self.tag not in card.tags:
            return False
        if self.phase_two and not card.shortlist:
            return False
        words = fold(self.text).split()
        haystack = fold(" ".join((card.name, card.ref, card.notes, *card.tags)))
        return all(w in haystack for w in words)


class BoothPresenter(Presenter):
    def __init__(self, session: EventSession, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.session = session
        self.employer: Employer = booth.booth_employer(session)
        self.card: BoothCard | None = None
        self.status = ""  # a short line over the card: "New visitor", "Seen again" ...
        self.last_scan: ScanResult | None = None
        self.visits: list[BoothCard] = []
        self.filter = VisitFilter()
        self.unsynced = 0
        self.clashing: set[str] = set()  # candidates whose interview here lost: rebook
        self.paired = is_paired(session)
        self.sync: SyncStatus | None = None  # the sync loop's last word (paired booths)
        self._reachable: bool | None = None  # the hub answered the last finished round
        self.on_sync: Callable[[], None] = lambda: None  # the header only
        self.on_flash: Callable[[Flash], None] = lambda kind: None
        self.on_notes_pending: Callable[[], None] = lambda: None  # view arms its debounce
        self._clock = clock
        self._pending_notes: str | None = None
        self._camera_seen: dict[str, float] = {}
        self._unsubscribe = session.subscribe(self._on_change)

    # ---------------------------------------------------------- loading
    def load(self) -> None:
        self.visits = booth.booth_visits(self.session)
        self.unsynced = booth.unsynced_changes(self.session)
        self.clashing = {b.candidate_id for b in interviews.clashes(self.session)}
        self.changed()

    def refresh_card(self) -> None:
        """Read the card again (a booking marked it for Phase Two)."""
        if self.card is not None:
            try:
                self.card = booth.visit_card(self.session, self.card.visit_id)
            except FairDeskError:
                self.card = None
        self.load()

    def _on_change(self, change: Change) -> None:
        if change.topic in ("visits", "candidates", "employers", "interviews"):
            if change.topic == "employers":
                self.employer = booth.booth_employer(self.session)
            self.load()

    def close(self) -> None:
        self.save_notes()
        self._unsubscribe()

    # ---------------------------------------------------------- scanning
    def scan(self, payload: str, source: Source = "scanner") -> bool:
        """Any input's code: record the visit and show the card; False when refused."""
        if not payload.strip():
            return False
        self.save_notes()
        try:
            result = booth.scan(self.session, payload)
        except FairDeskError as error:
            self.refused(error)
            self.on_flash("refused")
            return False
        self._show(result)
        return True

    def camera_decoded(self, text: str) -> bool:
        """A code the camera read; the same code again within a few seconds is ignored."""
        now = self._clock()
        self._camera_seen = {k: t for k, t in self._camera_seen.items()
                             if now - t < CAMERA_REPEAT_S}
        if text in self._camera_seen:
            self._camera_seen[text] = now
            return False
        self._camera_seen[text] = now
        return self.scan(text, "camera")

    def _show(self, result: ScanResult) -> None:
        self.card, self.last_scan = result.card, result
        name = result.card.name
        if result.new_walk_in:
            self.status = "Walk-in, new to this booth"
            self.say("info", f"Walk-in {name} accepted from the badge; visit recorded.")
        elif result.first:
            self.status = "New visitor"
            self.say("info", f"Visit recorded: {name}.")
        else:
            self.status = f"Seen again ({_ordinal(result.card.seen_count)} scan)"
            self.say("info", f"{name} was already here: no new visit.")
        self.on_flash("ok" if result.first else "again")
        self.changed()

    def undo_last_scan(self) -> None:
        last = self.last_scan
        if last is None:
            self.say("warning", "There is no scan to undo.")
            return
        self.save_notes()
        try:
            kept = booth.undo_scan(self.session, last.card.visit_id)
        except FairDeskError as error:
            self.refused(error)
            return
        self.last_scan = None
        self.card = kept
        self.status = "Scan undone" if kept else ""
        self.say("info", f"Scan of {last.card.name} undone.")
        self.changed()

    @property
    def can_undo(self) -> bool:
        return self.last_scan is not None

    # ---------------------------------------------------------- the card
    def select_visit(self, visit_id: str) -> None:
        """Open an earlier visit from the list to edit it."""
        self.save_notes()
        try:
            self.card = booth.visit_card(self.session, visit_id)
        except FairDeskError as error:
            self.refused(error)
            return
        self.status = f"Visited {self.session.local_time(self.card.first_seen)}"
        self.changed()

    def rate(self, stars: int) -> None:
        """One tap sets the rating; tapping the same rating again clears it."""
        if self.card is not None:
            self._edit(rating=None if self.card.rating == stars else stars)

    def toggle_tag(self, tag: str) -> None:
        if self.card is None:
            return
        tags = list(self.card.tags)
        self._edit(tags=[t for t in tags if t != tag] if tag in tags else [*tags, tag])

    def toggle_phase_two(self) -> None:
        if self.card is not None:
            self._edit(shortlist=not self.card.shortlist)

    def notes_edited(self, text: str) -> None:
        if self.card is None or text == self.card.notes:
            self._pending_notes = None
            return
        self._pending_notes = text
        self.on_notes_pending()

    @property
    def notes_pending(self) -> bool:
        return self._pending_notes is not None

    def save_notes(self) -> None:
        text, self._pending_notes = self._pending_notes, None
        if text is not None and self.card is not None and text.strip() != self.card.notes:
            self._edit(notes=text, quiet=True)

    def _edit(self, quiet: bool = False, **fields: object) -> None:
        assert self.card is not None
        try:
            updated = booth.edit_visit(self.session, self.card.visit_id, **fields)
        except FairDeskError as error:
            self.refused(error)
            return
        if self.last_scan and self.last_scan.card.visit_id == updated.visit_id:
            self.last_scan = replace(self.last_scan, card=updated)
        self.card = updated
        if not quiet:
            self.changed()

    # ---------------------------------------------------------- the list
    def set_filter(self, **fields: object) -> None:
        self.filter = replace(self.filter, **fields)  # type: ignore[arg-type]
        self.changed()

    def shown_visits(self) -> list[BoothCard]:
        today = self.session.fair_day()
        return [v for v in self.visits if self.filter.keeps(v, today)]

    def row(self, card: BoothCard) -> tuple[str, str, str, str, str]:
        stars = "★" * (card.rating or 0) + "☆" * (5 - (card.rating or 0))
        mark = "clash: rebook" if card.candidate_id in self.clashing else (
            "P2" if card.shortlist else "")
        return (self.session.local_time(card.last_seen), card.name, stars,
                ", ".join(card.tags), mark)

    @property
    def counts_text(self) -> str:
        today = self.session.fair_day()
        todays = [v for v in self.visits if v.day == today]
        phase_two = sum(v.shortlist for v in todays)
        people = "visitor" if len(todays) == 1 else "visitors"
        return f"{len(todays)} {people} today · {phase_two} for Phase Two"

    @property
    def empty_text(self) -> str:
        if not self.visits:
            return "No visitors yet. Scan a badge to start."
        if self.filter == VisitFilter():  # only "today", which the user did not choose
            return "No visitors today yet. “All days” shows the earlier ones."
        return "No visitor matches these filters."

    # ---------------------------------------------------------- sync (header)
    def sync_changed(self, status: SyncStatus) -> None:
        """The sync loop's status (from the GUI thread): online or not, changes waiting."""
        self.sync = status
        if status.state == "ok":
            self._reachable = True
        elif status.state in ("offline", "refused"):
            self._reachable = False
        self.unsynced = status.pending
        if status.state == "ok":  # a pulled booking may have made a clash here
            clashing = {b.candidate_id for b in interviews.clashes(self.session)}
            if clashing != self.clashing:
                self.load()
        self.on_sync()

    @property
    def online(self) -> bool:
        return self.paired and self._reachable is True

    @property
    def sync_level(self) -> SyncLevel:
        status = self.sync
        if not self.paired:
            return "standalone"
        if status is not None and status.state == "refused":
            return "refused"
        if self._reachable is None:
            return "connecting"
        return "online" if self._reachable else "offline"

    def _waiting(self) -> str:
        plural = "change" if self.unsynced == 1 else "changes"
        return f"{self.unsynced:,} {plural} waiting"

    def _synced_at(self, words: str = "last synced") -> str:
        at = self.sync.last_sync if self.sync else None
        return f"{words} {self.session.local_time(at)}" if at else "never synced"

    @property
    def sync_text(self) -> str:
        level = self.sync_level
        if level == "standalone":
            return "Standalone — not paired"
        head = {"connecting": "Connecting…", "online": "Online", "offline": "Offline",
                "refused": "Sync refused"}[level]
        parts = [head]
        if level == "online":
            parts.append(self._synced_at("synced"))
        elif not self.unsynced:
            parts.append(self._synced_at())
        if self.unsynced:
            parts.append(self._waiting())
        return " · ".join(parts)

    @property
    def sync_tip(self) -> str:
        if not self.paired:
            return ("This booth is not paired with a hub: its visits stay on this device. "
                    "Pair it from the organizer's Devices page to sync.")
        status = self.sync
        lines = [f"{self._waiting()} for the hub." if self.unsynced
                 else "Every change made here has reached the hub."]
        if status is not None and status.error:
            lines.insert(0, f"{status.error} Next try in {status.retry_in:.0f} s.")
        return "\n".join(lines)

    # ---------------------------------------------------------- leaving
    @property
    def pin_required(self) -> bool:
        return booth.exit_pin_set(self.session)

    def leave(self, pin: str = "") -> bool:
        """True when the booth may close (no PIN set, or the organizer's PIN)."""
        if booth.check_exit_pin(self.session, pin):
            self.save_notes()
            return True
        self.refused(WrongPin("That is not the organizer's PIN: the booth stays open."))
        return False
