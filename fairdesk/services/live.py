"""The organizer's live figures: ``fairdesk stats`` and the dashboard (issue 16).

:func:`snapshot` reads everything the dashboard shows in one read transaction
(so the figures agree with each other); :func:`stats` is its part that the
command line prints, in the shape the issue fixes.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any

from fairdesk.domain.rules import zone
from fairdesk.services.session import EventSession
from fairdesk.storage import EventStore, codec, interviews, live_stats

SILENT_AFTER = timedelta(minutes=5)
RATE_WINDOW = 5  # minutes: "check-ins per minute now" is the mean of the last five
BUSY_SHARE = 0.8  # desks at 80 % of their best pace: people are waiting


@dataclass(frozen=True)
class Booth:
    employer_id: str
    employer: str
    booth: str
    today: int
    last_hour: int
    mark: str = ""  # "crowded", "empty" or ""


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    role: str
    desk: int | None
    last_seen: datetime | None
    pending: int
    silent: bool


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard shows, read at ``at``."""

    at: datetime
    today: date
    arrivals: list[dict[str, Any]]
    booths: list[Booth]
    no_visit: int
    phase_two: list[dict[str, Any]]
    devices: list[Device]
    rate_now: float
    rate_peak: float
    waiting_roster: int
    checked_in_today: int

    @property
    def desks_busy(self) -> bool:
        """The desks work near their best pace of the day: a queue is forming."""
        return self.rate_peak > 0 and self.rate_now >= BUSY_SHARE * self.rate_peak

    @property
    def minutes_to_clear(self) -> float | None:
        """At the pace of now, minutes to check in the roster still expected today."""
        if self.rate_now <= 0:
            return None
        return self.waiting_roster / self.rate_now


def _offset_of(session: EventSession) -> Callable[[str], timedelta]:
    """The venue's UTC offset on a fair day (named zones: SQLite cannot)."""
    tz = zone(session.event.timezone)

    @functools.cache
    def offset(day: str) -> timedelta:
        at_noon = datetime.combine(date.fromisoformat(day), time(12), tz)
        return at_noon.utcoffset() or timedelta(0)

    return offset


def _arrivals(rows: list[tuple[str, str, int | None, int]],
              offset: Callable[[str], timedelta]) -> list[dict[str, Any]]:
    """Per-minute counts → per fair day, 15-minute venue slot and desk."""
    slots: dict[tuple[str, str, int], int] = defaultdict(int)
    desks: dict[int, int | None] = {}
    for day, minute, desk, n in rows:
        local = datetime.fromisoformat(minute) + offset(day)
        slot = local.replace(minute=local.minute // 15 * 15).strftime("%H:%M")
        key = -1 if desk is None else desk
        desks[key] = desk
        slots[(day, slot, key)] += n
    return [{"day": day, "slot": slot, "desk": desks[key], "count": n}
            for (day, slot, key), n in sorted(slots.items())]


def _day_bounds(session: EventSession, day: date) -> tuple[datetime, datetime]:
    tz = zone(session.event.timezone)
    start = datetime.combine(day, time(0), tz)
    return start, start + timedelta(days=1)


def _rates(rows: list[tuple[str, str, int | None, int]], today: str,
           now: datetime) -> tuple[float, float]:
    """(mean per minute over the last window, best such window of the day)."""
    per_minute: dict[datetime, int] = defaultdict(int)
    for day, minute, _desk, n in rows:
        if day == today:
            per_minute[datetime.fromisoformat(minute + ":00+00:00")] += n
    start = now.replace(second=0, microsecond=0) - timedelta(minutes=RATE_WINDOW - 1)
    rate_now = sum(n for m, n in per_minute.items() if start <= m <= now) / RATE_WINDOW
    best = 0
    for first in per_minute:
        window = sum(per_minute.get(first + timedelta(minutes=k), 0)
                     for k in range(RATE_WINDOW))
        best = max(best, window)
    return rate_now, max(rate_now, best / RATE_WINDOW)


def mark_booths(rows: list[dict[str, Any]]) -> list[Booth]:
    """Crowded: at least 3 visits this hour and twice the usual booth; empty: none
    while others had visitors (when the whole floor is quiet, no booth stands out)."""
    usual = median([r["last_hour"] for r in rows]) if rows else 0
    busy_from = max(3, 2 * usual)
    floor_busy = any(r["last_hour"] for r in rows)
    out = []
    for r in rows:
        mark = "crowded" if r["last_hour"] >= busy_from else (
            "empty" if r["last_hour"] == 0 and floor_busy else "")
        out.append(Booth(r["id"], r["employer"], r["booth"], int(r["today"]),
                         int(r["last_hour"]), mark))
    return out


def _employer_rows(store: EventStore, start: datetime, end: datetime, now: datetime
                   ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(booth board rows, Phase Two rows), both in booth order."""
    traffic = live_stats.employer_traffic(store, start, end, now - timedelta(hours=1))
    booked = interviews.booked_counts(store)
    interviewed = interviews.interviewed_counts(store)
    board, phase_two = [], []
    for e in live_stats.employers(store):
        today, last_hour, shortlisted = traffic.get(e["id"], (0, 0, 0))
        board.append({"id": e["id"], "employer": e["name"], "booth": e["booth"],
                      "today": today, "last_hour": last_hour})
        phase_two.append({"id": e["id"], "employer": e["name"], "shortlisted": shortlisted,
                          "booked": booked.get(e["id"], 0),
                          "interviewed": interviewed.get(e["id"], 0)})
    return board, phase_two


def _devices(rows: list[dict[str, Any]], now: datetime) -> list[Device]:
    out = []
    for r in rows:
        seen = codec.maybe_ts(r["last_seen"])
        silent = seen is None or now - seen >= SILENT_AFTER
        out.append(Device(r["id"], r["name"], r["role"], r["desk"], seen, int(r["pending"]),
                          silent))
    return out


def snapshot(session: EventSession) -> Snapshot:
    store = session.store
    now = session.now()
    today = session.fair_day(now)
    start, end = _day_bounds(session, today)
    with live_stats.reading(store):  # one consistent read; never blocks a writer
        minutes = live_stats.checkin_minutes(store)
        board, phase_two = _employer_rows(store, start, end, now)
        no_visit, waiting = live_stats.people(store, today.isoformat())
        devices = _devices(live_stats.devices(store), now)
    arrivals = _arrivals(minutes, _offset_of(session))
    rate_now, rate_peak = _rates(minutes, today.isoformat(), now)
    return Snapshot(
        at=now, today=today, arrivals=arrivals, booths=mark_booths(board), no_visit=no_visit,
        phase_two=phase_two, devices=devices, rate_now=rate_now, rate_peak=rate_peak,
        waiting_roster=waiting,
        checked_in_today=sum(n for day, _m, _d, n in minutes if day == today.isoformat()),
    )


def as_stats(snap: Snapshot) -> dict[str, Any]:
    """The JSON of ``fairdesk stats`` (the issue's shape, nothing more)."""
    return {
        "arrivals": snap.arrivals,
        "booths": [{"employer": b.employer, "today": b.today, "last_hour": b.last_hour}
                   for b in snap.booths],
        "no_visit": snap.no_visit,
        "phase_two": [{"employer": p["employer"], "shortlisted": int(p["shortlisted"]),
                       "booked": int(p["booked"]), "interviewed": int(p["interviewed"])}
                      for p in snap.phase_two],
        "devices": [{"id": d.id, "role": d.role,
                     "last_seen": codec.ts(d.last_seen) if d.last_seen else None,
                     "pending": d.pending} for d in snap.devices],
    }


def stats(session: EventSession) -> dict[str, Any]:
    return as_stats(snapshot(session))


def data_version(session: EventSession) -> int:
    """Cheap: tells whether another connection wrote since the last look."""
    return live_stats.data_version(session.store)
