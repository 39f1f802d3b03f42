"""Hybrid logical clock: orders edits across devices whose wall clocks disagree.

A stamp is ``"<wall ms, 13 digits>.<counter, 4 digits>.<device id>"``. Both
numbers have a fixed width, checked when a stamp is made, so stamps compare
correctly as strings and the storage can order them without parsing: a
counter that would reach 10,000 within one millisecond moves the clock to the
next millisecond instead of growing a fifth digit (which would sort below
9999). A device's stamp further than :data:`MAX_SKEW_MS` ahead of the hub's
clock is refused where ops come in (a push, a USB file), so one device with a
wrong clock cannot poison last-writer-wins for everyone; a stamp a day ahead
of a computer's own clock never moves its clock and is healed when the file
opens (docs/DECISIONS.md, issue 13).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

MAX_SKEW_MS = 5 * 60 * 1000  # how far ahead of the hub's clock a device's stamp may be
# A stamp this far ahead of a computer's own clock is poisoned (it can only have
# come in before stamps were bounded): it never moves a clock and is healed on
# open. Larger than the skew: a device whose clock is hours slow rightly holds
# the hub's stamps, which are that far ahead of its own clock.
POISON_AHEAD_MS = 24 * 3600 * 1000
MAX_WALL = 10**13 - 1  # 13 digits: the year 2286
MAX_COUNTER = 9999  # 4 digits
_STAMP = re.compile(r"^(\d{13})\.(\d{4})\.(.+)$", re.DOTALL)


def wall_ms() -> int:
    """This computer's wall clock, in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def encode(wall_ms: int, counter: int, device: str) -> str:
    if not (0 <= wall_ms <= MAX_WALL and 0 <= counter <= MAX_COUNTER):
        raise ValueError(f"clock stamp out of range: {wall_ms}.{counter}")
    return f"{wall_ms:013d}.{counter:04d}.{device}"


def decode(stamp: str) -> tuple[int, int, str]:
    """The parts of a well-formed stamp; ``ValueError`` for any other text."""
    found = _STAMP.match(stamp)
    if found is None:
        raise ValueError(f"not a clock stamp: {stamp[:40]!r}")
    return int(found.group(1)), int(found.group(2)), found.group(3)


def is_stamp(stamp: str) -> bool:
    return _STAMP.match(stamp) is not None


def key(stamp: str) -> tuple[int, int, str]:
    """The order of stamps, numerically (the same as their text for well-formed ones)."""
    return decode(stamp)


def bound(now_ms: int, ahead_ms: int = POISON_AHEAD_MS) -> str:
    """The highest sound stamp for a computer whose wall clock reads ``now_ms``."""
    return encode(min(now_ms + ahead_ms, MAX_WALL), MAX_COUNTER, "\uffff")


def too_far_ahead(stamp: str, now_ms: int) -> bool:
    return decode(stamp)[0] > now_ms + MAX_SKEW_MS


class HybridClock:
    """Monotonic per device, and never behind any stamp it has observed
    (except a poisoned one, :data:`POISON_AHEAD_MS` ahead, which it ignores)."""

    def __init__(
        self, device: str, last: str | None = None, wall: Callable[[], int] = wall_ms
    ) -> None:
        self._device = device
        self._wall = wall
        self._lock = threading.Lock()
        self._ms, self._counter = (0, 0)
        if last:
            self.observe(last)

    def tick(self) -> str:
        """A new stamp for a local change."""
        with self._lock:
            now = self._wall()
            if now > self._ms:
                self._ms, self._counter = now, 0
            elif self._counter < MAX_COUNTER:
                self._counter += 1
            else:  # the counter is full: borrow the next millisecond
                self._ms, self._counter = self._ms + 1, 0
            return encode(self._ms, self._counter, self._device)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another device (one that is not
        well formed, or poisoned, is ignored)."""
        try:
            ms, counter, _ = decode(stamp)
        except ValueError:
            return
        with self._lock:
            if ms > self._wall() + POISON_AHEAD_MS:
                return
            self._ms, self._counter = max((self._ms, self._counter), (ms, counter))
