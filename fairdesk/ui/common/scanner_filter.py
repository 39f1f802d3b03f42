"""Scanner input anywhere on the screen: an application-level key filter.

Every printable key press goes through :class:`ScanDetector`. Keys are held
back for a few milliseconds; a person's keys are then delivered, in order, to
the widget they were meant for; a scanner's burst never reaches any text
field and is handed to ``on_scan`` instead (its trailing Enter or Tab too).
Only a burst carrying the badge prefix is a scanner's: any other burst, however
fast, is a person's text and is delivered.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

from fairdesk.ui.common.presenters.scanner import Burst, KeyClock, ScanDetector

_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


@dataclass
class _Held:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    released: bool = False  # its key release came while the press was held back


def _now_ms() -> float:
    return time.monotonic() * 1000


class ScannerFilter(QObject):
    def __init__(self, on_scan: Callable[[str], None], detector: ScanDetector | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.detector = detector or ScanDetector()
        self.on_scan = on_scan
        self.enabled = True
        self.clock = KeyClock()
        self._held: deque[_Held] = deque()
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._expire)

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._release([b for b in [self.detector.flush()] if b is not None])

    # ---------------------------------------------------------- the filter
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self.enabled or self._replaying or not isinstance(event, QKeyEvent)
                or event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)):
            return False
        if event.type() == QEvent.Type.KeyRelease:
            return self._hold_release(event)
        if event.modifiers() & _COMMAND_MODIFIERS:
            text = ""  # Ctrl+N and friends are commands, never scan characters
        else:
            text = event.text()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                text = "\r"
            elif event.key() == Qt.Key.Key_Tab:
                text = "\t"
        if not text and event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            return False  # a scanner presses Shift for capitals: not the end of a burst
        verdict = self.detector.key(text, self.clock.at(event.timestamp(), _now_ms()))
        self._release(verdict.released)
        if verdict.swallow and text and text not in "\r\t":
            self._held.append(_Held(watched, event.key(), event.modifiers(), text))
            self._timer.start(int(self.detector.max_gap_ms) + 1)
        return verdict.swallow

    def _hold_release(self, event: QKeyEvent) -> bool:
        """A release of a key still held back waits for its press (buttons act on release)."""
        for held in self._held:
            if held.key == event.key() and not held.released:
                held.released = True
                return True
        return False

    def _expire(self) -> None:
        burst = self.detector.expire(self.clock.now(_now_ms()))
        if burst is None and self.detector.holding:
            self._timer.start(2)  # woke a little early: look again
            return
        self._release([burst] if burst is not None else [])

    def _release(self, bursts: list[Burst]) -> None:
        for burst in bursts:
            held = [self._held.popleft() for _ in range(min(len(burst.text), len(self._held)))]
            if burst.kind == "scan":
                self.on_scan(burst.text)
            else:
                self._replay(held)

    def _replay(self, held: list[_Held]) -> None:
        """Deliver a person's held keys to the widgets they were typed into."""
        self._replaying = True
        try:
            for key in held:
                kinds = [QEvent.Type.KeyPress] + ([QEvent.Type.KeyRelease] if key.released
                                                  else [])
                for kind in kinds:
                    QCoreApplication.sendEvent(
                        key.receiver, QKeyEvent(kind, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False
