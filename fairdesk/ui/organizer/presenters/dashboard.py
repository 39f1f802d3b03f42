"""The organizer's live dashboard: the day on one screen (issue 16).

The figures are read off the GUI thread: the presenter hands the view a job
(``refresh_work``) that opens its own connection, and the view runs it through
the job helper. Refreshes never pile up: a change that comes while one runs
asks for one more when it ends. Changes made here arrive as notices; changes
synced in by the hub (another connection) are seen by ``tick`` through the
file's data version, and the figures that move with the clock (rates, silent
devices) are read again at least every ``STALE_AFTER``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fairdesk.services import live
from fairdesk.services.session import Change, Clock, EventSession, open_session
from fairdesk.ui.common.presenters.base import Presenter

TOPICS = frozenset({"checkins", "candidates", "visits", "employers", "event", "devices"})
STALE_AFTER = timedelta(seconds=30)
BOARD_COLUMNS = ("Booth", "Employer", "This hour", "Today", "Now")
PHASE_TWO_COLUMNS = ("Booth", "Employer", "Shortlist", "Booked", "Interviewed")
DEVICE_COLUMNS = ("Device", "Role", "Last seen", "Pending", "")
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], live.Snapshot]
Runner = Callable[[Work, Callable[[Any], None], Callable[[Exception], None]], None]


def _snapshot_work(path: Path, clock: Clock) -> Work:
    def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]
             ) -> live.Snapshot:
        own = open_session(path, clock=clock)  # this thread's own connection
        try:
            return live.snapshot(own)
        finally:
            own.close()

    return work


@dataclass(frozen=True)
class Chart:
    """Arrivals of one fair day: slots on the x axis, one series per desk."""

    day: str
    slots: list[str]
    series: list[tuple[str, list[int]]]

    @property
    def marks(self) -> list[tuple[int, str]]:
        """Where the x axis is labelled: every slot when few, else each full hour
        (a label per quarter would not fit and Qt would cut them to "…")."""
        if len(self.slots) <= 8:
            return list(enumerate(self.slots))
        return [(i, s) for i, s in enumerate(self.slots) if s.endswith(":00")]


def _every_quarter(slots: set[str]) -> list[str]:
    """The slots from the first to the last, the empty quarters included (a
    quiet quarter is a bar of nothing, not a gap the axis hides)."""
    if not slots:
        return []
    minutes = [int(s[:2]) * 60 + int(s[3:5]) for s in slots]
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(min(minutes), max(minutes) + 1, 15)]


def _ago(at: datetime | None, now: datetime) -> str:
    if at is None:
        return "never"
    seconds = max(0, int((now - at).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min ago"


class DashboardPresenter(Presenter):
    def __init__(self, session: EventSession, runner: Runner | None = None) -> None:
        super().__init__()
        self.session = session
        self.runner = runner
        self.snapshot: live.Snapshot | None = None
        self.running = False
        self.again = False
        self.day: str | None = None  # the day the chart shows (None: today)
        self.error = ""
        self._version: int | None = None
        self._read_at: datetime | None = None
        self._unsubscribe = session.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    # ---------------------------------------------------------- refreshing
    def _on_change(self, change: Change) -> None:
        if change.topic in TOPICS:
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again (once more after the running read, if one runs)."""
        if self.running:
            self.again = True
            return
        self.running, self.again = True, False
        self._version = live.data_version(self.session)
        self._read_at = self.session.now()
        path = self.session.path
        if self.runner is None or path is None:
            try:
                self.finished(live.snapshot(self.session))
            except Exception as error:  # shown, never a crash
                self.failed(error)
            return
        self.runner(_snapshot_work(path, self.session.clock), self.finished, self.failed)

    def tick(self) -> None:
        """The view's timer: read again if another connection wrote, or the figures aged."""
        if self.running or self.session.closed:
            return
        stale = self._read_at is None or self.session.now() - self._read_at >= STALE_AFTER
        if stale or live.data_version(self.session) != self._version:
            self.refresh()

    def finished(self, snapshot: live.Snapshot) -> None:
        self.snapshot, self.running, self.error = snapshot, False, ""
        self.changed()
        if self.again:
            self.refresh()

    def failed(self, error: Exception) -> None:
        self.running = False
        self.error = f"The figures could not be read: {error}"
        self.changed()

    # ---------------------------------------------------------- what the view shows
    @property
    def days(self) -> list[str]:
        if self.snapshot is None:
            return []
        found = {a["day"] for a in self.snapshot.arrivals}
        found |= {d.isoformat() for d in self.session.event.days}
        return sorted(found | {self.snapshot.today.isoformat()})

    def chart(self) -> Chart:
        snap = self.snapshot
        if snap is None:
            return Chart("", [], [])
        day = self.day or snap.today.isoformat()
        rows = [a for a in snap.arrivals if a["day"] == day]
        slots = _every_quarter({a["slot"] for a in rows})
        desks = sorted({a["desk"] for a in rows}, key=lambda d: (d is None, d or 0))
        counts = {(a["slot"], a["desk"]): a["count"] for a in rows}
        series = [(f"Desk {d}" if d is not None else "Kiosk / no desk",
                   [counts.get((s, d), 0) for s in slots]) for d in desks]
        return Chart(day, slots, series)

    @property
    def pace_text(self) -> str:
        snap = self.snapshot
        if snap is None:
            return "Reading the figures…"
        return (f"{snap.rate_now:.1f} check-ins per minute now (last {live.RATE_WINDOW} min) · "
                f"peak today {snap.rate_peak:.1f} · {snap.checked_in_today:,} checked in today")

    @property
    def queue_text(self) -> str:
        snap = self.snapshot
        if snap is None:
            return ""
        if snap.rate_now == 0:
            return (f"No check-in in the last {live.RATE_WINDOW} minutes · "
                    f"{snap.waiting_roster:,} registered not yet arrived.")
        share = snap.rate_now / snap.rate_peak if snap.rate_peak else 1.0
        clear = snap.minutes_to_clear or 0
        head = ("Desks at their best pace: a queue is likely." if snap.desks_busy
                else f"Desks at {share:.0%} of their best pace.")
        return (f"{head} {snap.waiting_roster:,} registered not yet arrived "
                f"(≈ {clear:.0f} min at this pace).")

    @property
    def no_visit_text(self) -> str:
        if self.snapshot is None:
            return ""
        n = self.snapshot.no_visit
        return f"{n:,} checked in with no booth visit yet"

    def board_rows(self) -> tuple[list[tuple[str, ...]], list[str]]:
        """Booth board rows (busiest this hour first) and their marks."""
        if self.snapshot is None:
            return [], []
        booths = sorted(self.snapshot.booths, key=lambda b: (-b.last_hour, -b.today, b.booth))
        words = {"crowded": "Crowded", "empty": "Empty", "": ""}
        rows: list[tuple[str, ...]] = [
            (b.booth, b.employer, str(b.last_hour), str(b.today), words[b.mark])
            for b in booths]
        return rows, [b.mark for b in booths]

    def phase_two_rows(self) -> list[tuple[str, ...]]:
        if self.snapshot is None:
            return []
        booth = {b.employer_id: b.booth for b in self.snapshot.booths}
        return [(booth.get(p["id"], ""), p["employer"], str(p["shortlisted"]), str(p["booked"]),
                 str(p["interviewed"])) for p in self.snapshot.phase_two]

    def device_rows(self) -> tuple[list[tuple[str, ...]], list[str]]:
        snap = self.snapshot
        if snap is None:
            return [], []
        rows: list[tuple[str, ...]] = [
            (d.name or d.id, d.role if d.desk is None else f"{d.role} {d.desk}",
             _ago(d.last_seen, snap.at), str(d.pending), "Silent 5 min+" if d.silent else "")
            for d in snap.devices]
        return rows, ["silent" if d.silent else "" for d in snap.devices]

    @property
    def devices_empty_text(self) -> str:
        return "No device paired yet (Devices page)." if self.snapshot and \
            not self.snapshot.devices else ""
