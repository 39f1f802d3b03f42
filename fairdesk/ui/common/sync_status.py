"""The status bar's sync indicator for desk and booth windows.

Wiring (in the window that owns the session)::

    from fairdesk.ui.common.sync_status import start_sync_status
    self.sync_status = start_sync_status(self, session.path)   # adds itself to the status bar
    session.subscribe(lambda change: self.sync_status.loop.sync_now())
    # on close: self.sync_status.stop()

A window that shows the status its own way (the booth's header) has a
``follow_sync(widget)`` method; :func:`start_sync_status` calls it. Such a
window places ``widget.renumber`` too: the button shown only when the hub
refused this file's changes because their numbers are taken (``seq_clash``, a
file restored from a backup); after the user confirms, the loop's next round
sends them under new numbers (what ``fairdesk sync --once --renumber`` does).

The :class:`~fairdesk.services.sync_loop.SyncLoop` runs in its own thread with
its own connection; its status comes back here through a queued Qt signal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from fairdesk.services.sync_loop import SyncLoop, SyncStatus
from fairdesk.ui.common.widgets import button

RENUMBER_TEXT = "Restored from a backup?…"
RENUMBER_TITLE = "Send this file's changes under new numbers?"
RENUMBER_QUESTION = (
    "The hub refused this file's waiting changes: they use numbers the hub already "
    "holds other changes under.\n\n"
    "If this file was restored from a backup and is not in use on another computer, "
    "choose Yes: its waiting changes are sent under new numbers, and the changes the "
    "backup missed come back from the hub.\n\n"
    "If this file was copied to a second computer, choose No, and pair that computer "
    "as a device of its own.")
# On the desk's dark status bar (#12263a, black in high contrast): light tones.
_STYLE = {"ok": "", "syncing": "", "starting": "", "offline": "color: #ffd166;",
          "refused": "color: #ff9b9b; font-weight: bold;", "stopped": "color: #cbd5e1;"}


@runtime_checkable
class FollowsSync(Protocol):
    def follow_sync(self, widget: SyncStatusWidget) -> None: ...


class SyncStatusWidget(QLabel):
    """Shows "Synced 10:42:07 · 3 pending"; the tooltip holds the last error.

    ``renumber`` is its button for a file restored from a backup (see the module
    docstring); :func:`add_sync_status` places both.
    """

    status_changed = Signal(object)

    def __init__(self, loop: SyncLoop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loop = loop
        self.setAccessibleName("Sync status")
        self.renumber = button(RENUMBER_TEXT, self.ask_renumber,
                               tip="The hub refused this file's changes: their numbers "
                                   "are taken. Was this file restored from a backup?")
        self.renumber.setAccessibleDescription("Asks before sending this file's waiting "
                                               "changes under new numbers")
        self.renumber.hide()  # no parent until placed (add_sync_status)
        self.status_changed.connect(self.show_status)  # queued: emitted from the sync thread
        loop.on_status = self.status_changed.emit
        self.show_status(loop.status)

    def show_status(self, status: SyncStatus) -> None:
        clash = status.state == "refused" and status.code == "seq_clash"
        if status.state == "starting":
            self.setText("Sync starting…")
        elif clash:  # short, to fit beside its button; the hub's words are in the tooltip
            self.setText(f"Sync refused · {status.pending} pending")
        else:
            self.setText(status.summary())
        self.setStyleSheet(_STYLE.get(status.state, ""))
        self.setToolTip(status.error or f"Sync: {status.state}")
        self.renumber.setVisible(clash and self.renumber.parentWidget() is not None)

    def ask_renumber(self) -> None:
        """Confirm (default No), then the loop's next round renumbers and sends."""
        answer = QMessageBox.question(
            self.renumber.window(), RENUMBER_TITLE, RENUMBER_QUESTION,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.renumber.hide()  # until the round says otherwise
            self.loop.renumber_next_round()

    def stop(self) -> None:
        self.loop.on_status = lambda status: None
        self.loop.stop()


def start_sync_status(window: QMainWindow, path: Path | str | None,
                      interval: float = 5.0) -> SyncStatusWidget:
    """Add the indicator to ``window``'s status bar and start syncing ``path``."""
    if path is None:
        raise ValueError("An in-memory event cannot sync.")
    widget = add_sync_status(window, SyncLoop(path, interval=interval))
    widget.loop.start()
    return widget


def add_sync_status(window: QMainWindow, loop: SyncLoop) -> SyncStatusWidget:
    """The indicator for ``loop`` (not started) in ``window``'s status bar, its
    renumber button beside it, or wherever the window's ``follow_sync`` puts it."""
    widget = SyncStatusWidget(loop, window)
    bar = window.statusBar()
    bar.addPermanentWidget(widget)
    if isinstance(window, FollowsSync):
        window.follow_sync(widget)
    else:
        bar.addPermanentWidget(widget.renumber)
        widget.show_status(loop.status)  # the button may show now it has a place
    return widget
