"""Keyboard-wedge scanners on the booth screen: key bursts become scans, wherever focus is.

An application event filter feeds every key press inside the booth window to
:class:`fairdesk.ui.common.presenters.scanner.ScanDetector`. A burst carrying
the badge prefix (a scanner) is swallowed and handed to ``on_scan``, so it
never lands in the notes or the search field; any other burst, however fast,
and slower keys (a person) are handed back to the text field they
were typed into, a few milliseconds late. Typed outside any text field, they
go to the ref entry, so "c147 Enter" works from anywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from fairdesk.ui.common.presenters.scanner import Burst, KeyClock, ScanDetector

_TERMINATOR_KEYS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}


_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _now_ms() -> float:
    return time.monotonic() * 1000


class WedgeFilter(QObject):
    def __init__(self, window: QWidget, fallback: QLineEdit, on_scan: Callable[[str], object],
                 detector: ScanDetector | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.fallback = fallback
        self.on_scan = on_scan
        self.detector = detector or ScanDetector(min_length=5)
        self.clock = KeyClock()
        self._target: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        window.destroyed.connect(self._detach)

    def _detach(self, *_: object) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if not (watched is self.window or self.window.isAncestorOf(watched)):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & _SHORTCUT_MODIFIERS:
            return False
        text = _TERMINATOR_KEYS.get(Qt.Key(event.key()), event.text())
        if not text and event.key() in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            return False  # a scanner presses Shift for capitals: not the end of a burst
        verdict = self.detector.key(text, self.clock.at(event.timestamp(), _now_ms()))
        for burst in verdict.released:
            self._release(burst)
        if self.detector.holding:
            self._target = watched
            self._timer.start(int(self.detector.max_gap_ms) + 5)
        return verdict.swallow

    def _expire(self) -> None:
        burst = self.detector.expire(self.clock.now(_now_ms()))
        if burst is None and self.detector.holding:
            self._timer.start(5)
            return
        if burst is not None:
            self._release(burst)

    def flush(self) -> None:
        burst = self.detector.flush()
        if burst is not None:
            self._release(burst)

    def _release(self, burst: Burst) -> None:
        if burst.kind == "scan":
            self.on_scan(burst.text)
            return
        target = self._target
        if isinstance(target, QPlainTextEdit):
            target.insertPlainText(burst.text)
        elif isinstance(target, QLineEdit):
            target.insert(burst.text)
        else:
            self.fallback.setFocus()
            self.fallback.insert(burst.text)
