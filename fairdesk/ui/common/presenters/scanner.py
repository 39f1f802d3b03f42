"""Telling a keyboard-wedge scanner from a person typing: keystroke timing and the badge prefix.

A USB barcode scanner "types" its code as a burst of key presses a few
milliseconds apart (5–10 ms is usual), with or without a trailing Enter or Tab.
A person types 60–250 ms apart. The detector holds back each printable key for
at most ``max_gap_ms``: if the next key comes sooner the burst goes on; when it
ends (a gap, a terminator, or the deadline passing) the burst is either a scan
(``min_length`` characters or more *and* a well-formed badge payload: it
carries the badge token's prefix) or typed text to hand back to the focused
field, in order. Speed alone never makes a scan: a fast typist's rolled keys,
or a laptop that stalled for a moment and delivered a person's keys together,
always arrive as the text they were.

Keys are timed by the window system's own timestamp of the key press
(``QKeyEvent.timestamp()``), not by when Qt got round to handling them:
:class:`KeyClock` maps those stamps onto the timer's clock, and falls back to
the monotonic clock where a platform stamps nothing.

Plain Python with injected timestamps, so the rule is tested without Qt; the Qt
event filter (``fairdesk.ui.common.scanner_filter``) feeds it real key presses and
calls :meth:`ScanDetector.expire` from a timer. Usable by any screen (desk,
booth, kiosk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from fairdesk.badges.token import PREFIX as BADGE_PREFIX

TERMINATORS = frozenset({"\r", "\n", "\t"})
Kind = Literal["scan", "typed"]


@dataclass(frozen=True)
class Burst:
    """What a finished burst turned out to be."""

    kind: Kind
    text: str


@dataclass
class KeyVerdict:
    """The answer to one key press.

    ``released``: bursts that ended before this key, in order (typed text to
    replay, scans to act on). ``swallow``: the key itself is held or consumed
    (not delivered to the focused widget now).
    """

    released: list[Burst] = field(default_factory=list)
    swallow: bool = True

    @property
    def scans(self) -> list[str]:
        return [b.text for b in self.released if b.kind == "scan"]

    @property
    def typed(self) -> str:
        return "".join(b.text for b in self.released if b.kind == "typed")


def looks_like_badge(text: str) -> bool:
    """A burst that can only be a scanned FairDesk badge: it starts with the token's prefix.

    Case-insensitive, because a scanner on a keyboard layout with Caps Lock on
    types the prefix in lower case; the desk then says what is wrong with it.
    """
    return text[:len(BADGE_PREFIX)].upper() == BADGE_PREFIX


class KeyClock:
    """Key-press times in one clock the held-burst timer can compare against.

    ``at(event_ms, now_ms)`` answers the time of a key press: the window
    system's stamp when it gave one (``event_ms`` > 0), else ``now_ms``.
    ``now(now_ms)`` answers "now" on the same scale, for the timer: the last
    stamp plus the monotonic time since that key was handled.
    """

    def __init__(self) -> None:
        self._offset: float | None = None  # event stamp minus monotonic, at the last key

    def at(self, event_ms: float, now_ms: float) -> float:
        if event_ms <= 0:
            self._offset = None
            return now_ms
        self._offset = event_ms - now_ms
        return event_ms

    def now(self, now_ms: float) -> float:
        return now_ms if self._offset is None else now_ms + self._offset


class ScanDetector:
    """Feed it ``key(text, at_ms)`` for every key press; call ``expire(now_ms)`` on a timer.

    ``max_gap_ms``: the longest pause inside a scan (scanners: 5–10 ms; 35 ms
    leaves room for a busy event loop and stays far below human typing).
    ``min_length``: shorter bursts are typed text (two keys rolled together
    by a fast typist are not a scan). ``is_payload``: what a burst must look
    like to act as a scan (default: a FairDesk badge); anything else is typed.

    A scan's own Enter (or Tab) is swallowed, also when the scan ended before it
    came (the timer expired it, or a busy loop stretched the last gap): within
    ``suffix_ms`` of the scan's last key, by the keys' own time stamps, a lone
    terminator is that scan's, not a person's.
    """

    def __init__(self, max_gap_ms: float = 35.0, min_length: int = 4,
                 is_payload: Callable[[str], bool] = looks_like_badge) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.is_payload = is_payload
        self._buffer: list[str] = []
        self._last_ms: float | None = None
        self.suffix_ms = 3 * max_gap_ms
        self._scan_last_ms: float | None = None  # the last key of the scan just ended

    # ---------------------------------------------------------- state
    @property
    def holding(self) -> bool:
        return bool(self._buffer)

    @property
    def deadline_ms(self) -> float | None:
        """When the held burst ends if no key comes (``None``: nothing held)."""
        if not self._buffer or self._last_ms is None:
            return None
        return self._last_ms + self.max_gap_ms

    # ---------------------------------------------------------- input
    def key(self, text: str, at_ms: float) -> KeyVerdict:
        """A key press with its printed ``text`` ("" for keys that print nothing)."""
        verdict = KeyVerdict()
        if self._buffer and self._gap(at_ms) > self.max_gap_ms:
            verdict.released.append(self._finish())
        if text in TERMINATORS:
            return self._terminator(verdict, at_ms)
        self._scan_last_ms = None
        if len(text) != 1 or not text.isprintable():
            if self._buffer:
                verdict.released.append(self._finish())
            verdict.swallow = False
            return verdict
        self._buffer.append(text)
        self._last_ms = at_ms
        return verdict

    def _terminator(self, verdict: KeyVerdict, at_ms: float) -> KeyVerdict:
        if not self._buffer:
            ended, self._scan_last_ms = self._scan_last_ms, None
            verdict.swallow = ended is not None and at_ms - ended <= self.suffix_ms
            return verdict
        burst = self._finish()
        verdict.released.append(burst)
        verdict.swallow = burst.kind == "scan"  # a scan's Enter/Tab is part of the scan
        return verdict

    def expire(self, now_ms: float) -> Burst | None:
        """The timer fired: end the held burst if its deadline has passed."""
        deadline = self.deadline_ms
        if deadline is None or now_ms < deadline:
            return None
        return self._finish()

    def flush(self) -> Burst | None:
        """End the held burst now (focus moved, window closing)."""
        return self._finish() if self._buffer else None

    # ---------------------------------------------------------- helpers
    def _gap(self, at_ms: float) -> float:
        return at_ms - self._last_ms if self._last_ms is not None else 0.0

    def _finish(self) -> Burst:
        text = "".join(self._buffer)
        self._buffer.clear()
        is_scan = len(text) >= self.min_length and self.is_payload(text)
        self._scan_last_ms = self._last_ms if is_scan else None
        self._last_ms = None
        kind: Kind = "scan" if is_scan else "typed"
        return Burst(kind, text)
