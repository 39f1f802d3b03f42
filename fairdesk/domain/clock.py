"""Hybrid logical clock: orders edits across devices whose wall clocks disagree.

A stamp is ``"<wall ms, 13 digits>.<counter, 4 digits>.<device id>"``; stamps
compare correctly as strings, so the storage can order them without parsing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


def encode(wall_ms: int, counter: int, device: str) -> str:
    return f"{wall_ms:013d}.{counter:04d}.{device}"


def decode(stamp: str) -> tuple[int, int, str]:
    wall, counter, device = stamp.split(".", 2)
    return int(wall), int(counter), device


class HybridClock:
    """Monotonic per device, and never behind any stamp it has observed."""

    def __init__(
        self, device: str, last: str | None = None, wall: Callable[[], int] = _wall_ms
    ) -> None:
        self._device = device
        self._wall = wall
        self._lock = threading.Lock()
        self._ms, self._counter = (0, 0)
        if last:
            self._ms, self._counter, _ = decode(last)

    def tick(self) -> str:
        """A new stamp for a local change."""
        with self._lock:
            now = self._wall()
            if now > self._ms:
                self._ms, self._counter = now, 0
            else:
                self._counter += 1
            return encode(self._ms, self._counter, self._device)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from another device."""
        ms, counter, _ = decode(stamp)
        with self._lock:
            self._ms, self._counter = max((self._ms, self._counter), (ms, counter))
