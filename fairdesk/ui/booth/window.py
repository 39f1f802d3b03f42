"""The booth station at 1280×800, touch first: scan, card, rating, tags, notes, visitors.

Locked to one employer. Closing (leaving booth mode) asks for the organizer's
PIN when the event has one. Messages appear in a banner over the card: green
for a recorded visit, amber for "seen again", red for a refused code. The
header says whether the booth is paired and, when it is, what the sync loop
last said (the loop ``fairdesk.app`` starts calls :meth:`BoothWindow.follow_sync`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.services.sync_loop import SyncStatus
from fairdesk.ui.booth.camera_panel import CameraPanel
from fairdesk.ui.booth.card import TOUCH, CandidateCard
from fairdesk.ui.booth.presenters.booth import BoothPresenter, Flash
from fairdesk.ui.booth.visits import VisitList
from fairdesk.ui.booth.wedge import WedgeFilter
from fairdesk.ui.common.camera import CameraSource, FrameSource, SuccessSound
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.sync_status import SyncStatusWidget
from fairdesk.ui.common.widgets import button, fit_to_screen, label

STYLE = """
QWidget { font-size: 13pt; color: #0d1b2a; }
QWidget#topBar { background: #12263a; }
QWidget#topBar QLabel { color: white; }
QLabel#employer { font-size: 18pt; font-weight: bold; }
QLabel#sync { color: #dbe4ee; font-size: 12pt; }
QLabel#sync[level="online"] { color: #8ee6a8; }
QLabel#sync[level="offline"], QLabel#sync[level="connecting"] { color: #ffd166; font-weight: bold; }
QLabel#sync[level="refused"] { color: #ff9b9b; font-weight: bold; }
QLabel#banner { font-size: 15pt; font-weight: bold; padding: 10px 14px; border-radius: 6px;
    background: #e8edf2; }
QLabel#banner[level="ok"] { background: #1b7a3a; color: white; }
QLabel#banner[level="again"] { background: #f2b705; color: #231a00; }
QLabel#banner[level="refused"] { background: #b3141c; color: white; }
QFrame#boothCard { background: white; border: 2px solid #c9d3dd; border-radius: 10px; }
QScrollArea#boothCardScroll, QWidget#boothCardContent { background: transparent; }
QLabel#cardName { font-size: 26pt; font-weight: bold; }
QLabel#cardStatus { font-size: 13pt; font-weight: bold; color: #1b7a3a; }
QLabel#cardRef { color: #3c4a58; }
QLabel#factTitle { color: #51606f; }
QLabel#fact { font-weight: bold; }
QLabel#section { font-weight: bold; color: #3c4a58; }
QLabel#interviewHead { font-weight: bold; color: #1f4e8c; }
QLabel#interviewHead[clash="true"] { color: white; background: #b3141c; padding: 4px 8px;
    border-radius: 4px; }
QLabel#elsewhere { color: #3c4a58; }
QLabel#bigEmpty { font-size: 20pt; color: #51606f; qproperty-alignment: AlignCenter; }
QPushButton { border: 2px solid #8a99a8; border-radius: 8px; background: #f4f6f8;
    padding: 6px 12px; }
QPushButton:checked { background: #1f4e8c; color: white; border-color: #1f4e8c; }
QPushButton#star { font-size: 17pt; font-weight: bold; }
QPushButton#star:checked { background: #f2b705; color: #231a00; border-color: #b88700; }
QPushButton#phaseTwo { font-size: 16pt; font-weight: bold; }
QPushButton#phaseTwo:checked { background: #1b7a3a; border-color: #1b7a3a; }
QPushButton:disabled { color: #9aa5b1; border-color: #cfd6dd; }
QPlainTextEdit#notes, QLineEdit { border: 2px solid #8a99a8; border-radius: 6px;
    background: white; padding: 4px; }
QLineEdit#refEntry { font-size: 16pt; }
QFrame#cameraPanel { background: #1d2733; border-radius: 8px; border: 4px solid #1d2733; }
QFrame#cameraPanel[flash="true"] { border-color: #2bd66b; }
QLabel#preview { color: white; background: #0b1118; }
"""

AskPin = Callable[[QWidget], str | None]


def ask_pin(parent: QWidget) -> str | None:
    pin, ok = QInputDialog.getText(parent, "Leave booth mode",
                                   "The organizer's PIN:", QLineEdit.EchoMode.Password)
    return pin if ok else None


class BoothWindow(QMainWindow):
    def __init__(self, presenter: BoothPresenter, source: FrameSource | None = None,
                 sound: SuccessSound | None = None, pin_prompt: AskPin = ask_pin) -> None:
        super().__init__()
        self.presenter = presenter
        self.pin_prompt = pin_prompt
        self._closed = False
        employer = presenter.employer
        self.setWindowTitle(f"FairDesk — Booth {employer.booth} — {employer.name}".replace(
            "Booth  — ", ""))
        fit_to_screen(self, 1280, 800)
        self.setStyleSheet(STYLE)
        self.card = CandidateCard(presenter)
        self.visits = VisitList(presenter)
        self.camera = CameraPanel(source or CameraSource(), presenter.camera_decoded, sound)
        root = QWidget()
        box = QVBoxLayout(root)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self._top_bar())
        box.addLayout(self._body(), 1)
        self.setCentralWidget(root)
        self.wedge = WedgeFilter(self, self.ref_entry, presenter.scan)
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(lambda: self._level(""))
        presenter.on_change = self.refresh
        presenter.on_sync = self.redraw_sync
        presenter.on_message = self._message
        presenter.on_flash = self._flash
        presenter.load()

    def _top_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("topBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 16, 8)
        employer = self.presenter.employer
        title = f"{employer.name}" + (f"  ·  Booth {employer.booth}" if employer.booth else "")
        heading = QVBoxLayout()  # the sync line under the name leaves room for the ref entry
        heading.setSpacing(0)
        heading.addWidget(label(title, "employer"))
        self.sync = label("", "sync")
        self.sync.setAccessibleName("Sync status")
        heading.addWidget(self.sync)
        self._heading = heading  # follow_sync puts the sync loop's "Restored from a backup?…" here
        row.addLayout(heading, 1)
        self.ref_entry = QLineEdit()
        self.ref_entry.setObjectName("refEntry")
        self.ref_entry.setPlaceholderText("Ref code, e.g. C-0147")
        self.ref_entry.setAccessibleName("Ref code")
        self.ref_entry.setMinimumSize(290, TOUCH)
        self.ref_entry.returnPressed.connect(self._typed)
        row.addWidget(self.ref_entry)
        go = button("Record", self._typed, primary=True)
        go.setMinimumHeight(TOUCH)
        row.addWidget(go)
        leave = button("Leave booth", self._leave, tip="Needs the organizer's PIN")
        leave.setMinimumHeight(TOUCH)
        row.addWidget(leave)
        return bar

    def _body(self) -> QHBoxLayout:
        body = QHBoxLayout()
        body.setContentsMargins(12, 8, 12, 8)
        body.setSpacing(12)
        left = QVBoxLayout()
        self.banner = label("Ready: scan a badge.", "banner", wrap=True)
        left.addWidget(self.banner)
        left.addWidget(self.card, 1)
        right = QVBoxLayout()
        right.addWidget(self.camera)
        right.addWidget(self.visits, 1)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        return body

    # ---------------------------------------------------------- presenter → view
    def refresh(self) -> None:
        self.card.refresh()
        self.visits.refresh()
        self.redraw_sync()

    def redraw_sync(self) -> None:
        p = self.presenter
        self.sync.setText(p.sync_text)
        self.sync.setToolTip(p.sync_tip)
        self.sync.setAccessibleDescription(f"{p.sync_text}. {p.sync_tip}")
        if self.sync.property("level") != p.sync_level:
            self.sync.setProperty("level", p.sync_level)
            self.sync.style().unpolish(self.sync)
            self.sync.style().polish(self.sync)

    def follow_sync(self, widget: SyncStatusWidget) -> None:
        """Show the sync loop's status in the header (it says more than a status bar)."""
        widget.status_changed.connect(self._sync_status)  # queued: a slot of this window
        self._heading.addWidget(widget.renumber, 0, Qt.AlignmentFlag.AlignLeft)
        widget.renumber.setMinimumHeight(TOUCH)
        widget.show_status(widget.loop.status)  # the button shows now it has a place
        self._sync_status(widget.loop.status)
        self.statusBar().hide()

    @Slot(object)
    def _sync_status(self, status: SyncStatus) -> None:
        self.presenter.sync_changed(status)

    def _message(self, message: Message) -> None:
        self.banner.setText(message.text)
        if message.level == "error":
            self._level("refused")
        elif message.level == "warning":
            self._level("again")

    def _flash(self, kind: Flash) -> None:
        self._level(kind)

    def _level(self, level: str) -> None:
        self.banner.setProperty("level", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        if level in ("ok", "again"):
            self._banner_timer.start(4000)

    def _typed(self) -> None:
        text = self.ref_entry.text().strip()
        if text and self.presenter.scan(text, "typed"):
            self.ref_entry.clear()

    # ---------------------------------------------------------- leaving
    def _leave(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            super().closeEvent(event)
            return
        self.wedge.flush()
        if self.presenter.pin_required:
            pin = self.pin_prompt(self)
            if pin is None or not self.presenter.leave(pin):
                event.ignore()
                return
        else:
            self.presenter.leave()
        self._closed = True
        self.camera.shutdown()
        self.presenter.close()
        super().closeEvent(event)


def booth_window(session: EventSession, settings: AppSettings,
                 print_to: Path | None = None) -> QMainWindow:
    """The factory ``fairdesk.app`` registers for the booth role."""
    return BoothWindow(BoothPresenter(session))
