"""The kiosk station: full screen, touch first, readable from a metre away.

Renders :class:`KioskPresenter`'s screens. A USB scanner works on every
screen (an application key filter, as at the desk); the camera, when there is
one, reads invitations held up to it, printed or on a phone. The only way out
is the "Staff" corner (or Alt+F4), which asks for the organizer's exit PIN on
the kiosk's own keypad. Whatever goes wrong inside a slot ends on the desk
screen, never on a desktop (:meth:`KioskWindow.guard`, and the excepthook the
factory installs).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.ui.common import printing
from fairdesk.ui.common.camera import CameraSource, DecoderWorker, FrameSource
from fairdesk.ui.common.presenters.scanner import ScanDetector
from fairdesk.ui.common.scanner_filter import ScannerFilter
from fairdesk.ui.common.sync_status import SyncStatusWidget
from fairdesk.ui.common.widgets import fit_to_screen, label
from fairdesk.ui.kiosk.keyboard import Keyboard
from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter
from fairdesk.ui.kiosk.style import stylesheet

TICK_MS = 250
# Buttons by screen: (text, presenter method, primary?)
_BUTTONS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "idle": (("Type my e-mail instead", "open_keyboard", False),
             ("I have no invitation", "no_invitation", False)),
    "welcome": (("Print my badge", "confirm", True), ("Not you?", "not_me", False)),
    "printing": (),
    "done": (("OK", "back", True),),
    "desk": (("OK", "back", True),),
    "keyboard": (("Find me", "submit", True), ("Cancel", "back", False)),
    "pin": (("Leave kiosk mode", "submit", True), ("Cancel", "back", False)),
}


def _scanner_detector() -> ScanDetector:
    """No one types on a kiosk's hardware keyboard: any fast burst of 6+ keys is a
    scanner's, FairDesk code or not, so a wrong code is refused out loud."""
    return ScanDetector(min_length=6, is_payload=lambda text: True)


class KioskWindow(QMainWindow):
    def __init__(self, presenter: KioskPresenter, source: FrameSource | None = None,
                 event_name: str = "") -> None:
        super().__init__()
        self.presenter = presenter
        self.source = source
        self._leaving = False
        self.restore_hook: Callable[[], None] = lambda: None  # the factory's excepthook
        self.setWindowTitle(f"FairDesk — Self check-in — {event_name}".rstrip(" —"))
        self.setObjectName("kiosk")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        fit_to_screen(self, 1280, 800)
        self.setCentralWidget(self._build(event_name))
        self.scanner = ScannerFilter(self.guard(presenter.scan), _scanner_detector(), self)
        self.scanner.install()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.guard(presenter.tick))
        self._timer.start(TICK_MS)
        self.worker: DecoderWorker | None = None
        if source is not None and source.available:
            self._start_camera(source)
        presenter.on_change = self.guard(self.redraw)
        presenter.on_exit = self._exit
        self._restyle()
        self.redraw()

    # ---------------------------------------------------------- building
    def _build(self, event_name: str) -> QWidget:
        root = QWidget()
        box = QVBoxLayout(root)
        box.setContentsMargins(48, 24, 48, 32)
        top = QHBoxLayout()
        self.top = top
        top.addWidget(label(event_name, "eventName"), 1)
        self.staff = QPushButton("Staff")
        self.staff.setObjectName("staff")
        self.staff.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff.setAccessibleName("Staff: leave kiosk mode")
        self.staff.clicked.connect(self.guard(self._staff))
        top.addWidget(self.staff)
        box.addLayout(top)
        box.addStretch(1)
        self.title = label("", "title", wrap=True)
        self.name = label("", "name", wrap=True)
        self.sentence = label("", "sentence", wrap=True)
        self.countdown = label("", "countdown")
        self.entry = label("", "entry")
        self.entry.setAccessibleName("Typed text")
        for widget in (self.title, self.name, self.sentence, self.entry, self.countdown):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.addWidget(widget)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()
        box.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        self.keyboard = Keyboard(self.guard(self.presenter.type),
                                 self.guard(self.presenter.backspace))
        box.addWidget(self.keyboard, 3)
        box.addStretch(1)
        self.buttons = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        self.buttons.setSpacing(32)
        box.addLayout(self.buttons)
        return root

    def _start_camera(self, source: FrameSource) -> None:
        self.worker = DecoderWorker(parent=self)
        source.frame.connect(self.guard(self._frame))
        self.worker.decoded.connect(self.guard(lambda text: self.presenter.scan(text, "camera")))
        source.start()

    # ---------------------------------------------------------- presenter → view
    def redraw(self) -> None:
        view = self.presenter.view
        self.setProperty("screen", view.screen)
        self.title.setText(view.title)
        self.name.setText(view.name if view.screen == "welcome" else "")
        self.name.setVisible(view.screen == "welcome")
        self.sentence.setText(view.sentence or self._hint(view.screen))
        typing = view.screen in ("keyboard", "pin")
        self.entry.setText(view.entry or " ")
        self.entry.setVisible(typing)
        self.keyboard.setVisible(typing)
        self.keyboard.digits_only(view.screen == "pin")
        self.countdown.setText(self._countdown(view.screen, view.seconds_left))
        self.preview.setVisible(view.screen == "idle" and self.worker is not None)
        self._render_buttons(view.screen)
        self.title.setAccessibleDescription(f"{view.title}. {self.sentence.text()}")

    def _hint(self, screen: str) -> str:
        return {
            "idle": "Hold the code under the scanner, or up to the camera. "
                    "Printed or on your phone.",
            "printing": "One moment.",
            "keyboard": "The e-mail you registered with, or the ref code on your invitation.",
        }.get(screen, "")

    @staticmethod
    def _countdown(screen: str, seconds: int) -> str:
        if screen == "welcome" and seconds:
            return f"Your badge prints in {seconds} s"
        return ""

    def _render_buttons(self, screen: str) -> None:
        wanted = _BUTTONS.get(screen, ())
        if [b.text() for b in self.action_buttons] == [w[0] for w in wanted]:
            return
        for widget in self.action_buttons:
            self.buttons.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.action_buttons = []
        for text, method, primary in wanted:
            widget = QPushButton(text)
            widget.setObjectName("primary" if primary else "action")
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            widget.setAccessibleName(text)
            widget.clicked.connect(self.guard(getattr(self.presenter, method)))
            self.buttons.addWidget(widget)
            self.action_buttons.append(widget)

    def button(self, text: str) -> QPushButton | None:
        """The action button showing ``text`` (tests, screenshots)."""
        return next((b for b in self.action_buttons if b.text() == text), None)

    def _frame(self, image: QImage) -> None:
        if self.preview.isVisible():
            side = max(120, self.height() // 5)
            self.preview.setPixmap(QPixmap.fromImage(image).scaled(
                side * 16 // 9, side, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation))
        if self.worker is not None:
            self.worker.submit(image)

    def _restyle(self) -> None:
        self.setStyleSheet(stylesheet(self.width(), self.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._restyle()

    def follow_sync(self, widget: SyncStatusWidget) -> None:
        """A paired kiosk: the sync line sits small in the top bar, beside "Staff"."""
        widget.setObjectName("sync")
        self.top.insertWidget(1, widget)
        self.top.insertWidget(2, widget.renumber)
        widget.show_status(widget.loop.status)
        self.statusBar().hide()

    # ---------------------------------------------------------- input
    def guard(self, slot: Callable[..., Any]) -> Callable[..., None]:
        """``slot``, with anything it raises turned into the desk screen."""

        def guarded(*args: Any) -> None:
            try:
                slot(*args)
            except Exception as error:
                self.presenter.fail_safe(error)

        return guarded

    def keyPressEvent(self, event: QKeyEvent) -> None:
        try:
            self._key(event)
        except Exception as error:
            self.presenter.fail_safe(error)

    def _key(self, event: QKeyEvent) -> None:
        p = self.presenter
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            p.enter_key()
        elif event.key() == Qt.Key.Key_Backspace:
            p.backspace()
        elif event.key() == Qt.Key.Key_Escape:
            p.back()
        elif event.text():
            p.type(event.text())

    def _staff(self) -> None:
        if self.presenter.request_exit():
            self._exit()

    def _exit(self) -> None:
        self._leaving = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            event.ignore()  # Alt+F4 and friends: the PIN keypad, as the Staff corner
            self.guard(self._staff)()
            return
        self._timer.stop()
        self.scanner.remove()
        if self.source is not None:
            self.source.stop()
        if self.worker is not None:
            self.worker.wait()
        self.presenter.close()
        self.restore_hook()
        super().closeEvent(event)


def _kiosk_excepthook(window: KioskWindow) -> None:
    """Errors that escape a slot end on the desk screen; the kiosk stays up."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if window.presenter.closed:
            previous(kind, error, trace)
            return
        window.presenter.fail_safe(error)

    sys.excepthook = hook

    def restore() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous

    window.restore_hook = restore


def kiosk_window(session: EventSession, settings: AppSettings,
                 print_to: Path | None = None) -> QMainWindow:
    """The ``kiosk`` entry of ``fairdesk.app.ROLE_WINDOWS``: full screen, camera on."""
    presenter = KioskPresenter(session, printing.make_output(settings, print_to),
                               layout=settings.get("badge_layout"))
    window = KioskWindow(presenter, CameraSource(), event_name=session.event.name)
    window.setWindowState(Qt.WindowState.WindowFullScreen)
    _kiosk_excepthook(window)
    return window
