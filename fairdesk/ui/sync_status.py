"""The status bar's sync indicator for desk and booth windows.

Wiring (in the window that owns the session)::

    from fairdesk.ui.sync_status import start_sync_status
    self.sync_status = start_sync_status(self, session.path)   # adds itself to the status bar
    session.subscribe(lambda change: self.sync_status.loop.sync_now())
    # on close: self.sync_status.stop()

A window that shows the status its own way (the booth's header) has a
``follow_sync(widget)`` method; :func:`start_sync_status` calls it.

The :class:`~fairdesk.services.sync_loop.SyncLoop` runs in its own thread with
its own connection; its status comes back here through a queued Qt signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from fairdesk.services.sync_loop import SyncLoop, SyncStatus

_STYLE = {"ok": "", "syncing": "", "starting": "", "offline": "color: #b45309;",
          "refused": "color: #b91c1c;", "stopped": "color: #6b7280;"}


@runtime_checkable
class FollowsSync(Protocol):
    def follow_sync(self, widget: SyncStatusWidget) -> None: ...


class SyncStatusWidget(QLabel):
    """Shows "Synced 10:42:07 · 3 pending"; the tooltip holds the last error."""

    status_changed = Signal(object)

    def __init__(self, loop: SyncLoop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loop = loop
        self.setAccessibleName("Sync status")
        self.status_changed.connect(self.show_status)  # queued: emitted from the sync thread
        loop.on_status = self.status_changed.emit
        self.show_status(loop.status)

    def show_status(self, status: SyncStatus) -> None:
        self.setText(status.summary() if status.state != "starting" else "Sync starting…")
        self.setStyleSheet(_STYLE.get(status.state, ""))
        self.setToolTip(status.error or f"Sync: {status.state}")

    def stop(self) -> None:
        self.loop.on_status = lambda status: None
        self.loop.stop()


def start_sync_status(window: QMainWindow, path: Path | str | None,
                      interval: float = 5.0) -> SyncStatusWidget:
    """Add the indicator to ``window``'s status bar and start syncing ``path``."""
    if path is None:
        raise ValueError("An in-memory event cannot sync.")
    widget = SyncStatusWidget(SyncLoop(path, interval=interval), window)
    window.statusBar().addPermanentWidget(widget)
    if isinstance(window, FollowsSync):
        window.follow_sync(widget)
    widget.loop.start()
    return widget
