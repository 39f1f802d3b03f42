"""Phase Two interviews: slots, bookings and the two rules every device keeps.

A slot belongs to one employer: a day and a window (venue-local ``HH:MM``
times in the event's time zone) in one room. A booking is a fact, like a
visit: it is never refused once it happened elsewhere. The rules, applied
alike on the hub and on every device (DESIGN.md "Phase Two interviews"):

* a slot holds at most one candidate,
* a candidate is never in two overlapping interviews, and
* a candidate holds at most one interview per employer (two tablets of one
  booth booking the same person offline, or two records merged).

A booking *stands* unless an earlier active booking (by HLC stamp, then id)
holds the same slot, overlaps it for the same candidate, or is the same
candidate's at the same employer, or unless its own slot was removed (booked
offline into a slot the organizer took back meanwhile); then it is a
``clash``. The decision depends only on which bookings and removals exist,
never on the order they arrived in, so every device that holds the same ones
decides the same. (An earlier booking counts even when it is itself a clash:
the conservative reading, so a decision never cascades and a device that
holds only a candidate's bookings and its own slots still decides its own
right. For that reason a booking on a removed slot still counts as earlier
for the candidate's other bookings: a booth that does not hold that slot
cannot know it was removed.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from fairdesk.domain.errors import InvalidField

BookingState = Literal["booked", "clash", "removed"]
DEFAULT_LENGTH_MIN = 20
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Slot:
    id: str
    employer_id: str
    day: date
    start: str  # "HH:MM", venue-local
    end: str
    room: str = ""

    def overlaps(self, day: date, start: str, end: str) -> bool:
        return overlaps(self.day, self.start, self.end, day, start, end)


@dataclass(frozen=True)
class Booking:
    """One booking as a device holds it. ``employer_name`` and the times are
    what the booking carried (a booth holds no other employer's slots)."""

    id: str
    slot_id: str
    candidate_id: str
    employer_id: str
    employer_name: str
    day: date
    start: str
    end: str
    hlc: str
    device_id: str
    state: BookingState = "booked"
    attended: bool | None = None  # did the interview take place (None: not recorded)

    @property
    def active(self) -> bool:
        return self.state != "removed"

    def when(self) -> str:
        return when(self.day, self.start, self.end)


def overlaps(day_a: date, start_a: str, end_a: str, day_b: date, start_b: str,
             end_b: str) -> bool:
    """Two windows of venue-local times overlap (touching ends do not)."""
    return day_a == day_b and start_a < end_b and start_b < end_a


def when(day: date, start: str, end: str) -> str:
    """``Thu 20 Aug 10:00–10:20`` for sentences and lists."""
    return f"{day.strftime('%a %d %b')} {start}–{end}"


def clean_time(field: str, text: str) -> str:
    """``9:05`` → ``09:05``; refuses anything that is not a 24-hour time."""
    found = _TIME.match(str(text).strip())
    if found is None:
        raise InvalidField(field, f"{field}: {text!r} is not a time (use HH:MM, 24-hour).")
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def clean_day(text: str) -> date:
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidField("day", f"day: {text!r} is not a date (use YYYY-MM-DD).") from None


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class SlotPattern:
    """A window cut into slots: ``09:00``–``12:00`` by 20 minutes with a 5-minute
    buffer, in ``rooms`` parallel rooms."""

    start: str
    end: str
    length: int = DEFAULT_LENGTH_MIN
    buffer: int = 0
    rooms: int = 1

    def windows(self) -> list[tuple[str, str]]:
        """Each slot's (start, end); the last slot ends at or before ``end``."""
        start, end = clean_time("start", self.start), clean_time("end", self.end)
        if not 5 <= self.length <= 480:
            raise InvalidField("length", "length: a slot lasts 5 to 480 minutes.")
        if not 0 <= self.buffer <= 240:
            raise InvalidField("buffer", "buffer: 0 to 240 minutes between slots.")
        if not 1 <= self.rooms <= 20:
            raise InvalidField("rooms", "rooms: 1 to 20 parallel rooms.")
        first, last = _minutes(start), _minutes(end)
        if last <= first:
            raise InvalidField("end", f"end: {end} is not after the start {start}.")
        out, at = [], first
        while at + self.length <= last:
            out.append((_hhmm(at), _hhmm(at + self.length)))
            at += self.length + self.buffer
        if not out:
            raise InvalidField("length", f"length: no {self.length}-minute slot fits "
                               f"between {start} and {end}.")
        return out

    def room_names(self) -> list[str]:
        return [f"Room {n}" for n in range(1, self.rooms + 1)]
