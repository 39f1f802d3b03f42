"""Small building blocks shared by the screens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from fairdesk.ui.common.presenters.base import Message


def label(text: str, name: str = "", wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def button(text: str, slot: Callable[[], None], *, shortcut: str = "", primary: bool = False,
           tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.clicked.connect(lambda _checked=False: slot())
    if shortcut:
        # The Qt property, not setShortcut(): PySide6 resolves that overload by building
        # the whole Qt namespace (~15 ms), which the launcher's first frame does not need.
        widget.setProperty("shortcut", QKeySequence(shortcut))
        tip = f"{tip} ({shortcut})" if tip else shortcut
    if tip:
        widget.setToolTip(tip)
    widget.setAccessibleName(text.replace("&", "").rstrip("…"))
    if primary:
        widget.setProperty("primary", True)
        widget.setDefault(True)
    return widget


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """The window's designed size, but never larger than the screen's free area
    (a 1366×768 desk on a 1280×800 laptop would open with its buttons off screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height())
    window.resize(width, height)


def shortcut(parent: QWidget, keys: str, slot: Callable[[], None]) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), parent)  # Qt.WindowShortcut: the default context
    sc.activated.connect(slot)
    return sc


def show_message(parent: QWidget, message: Message, status: Callable[[str], None]) -> None:
    """Errors get a dialog; info and warnings go to the status bar."""
    if message.level == "error":
        from PySide6.QtWidgets import QMessageBox  # ~2 ms to load: not before a first frame

        QMessageBox.warning(parent, "FairDesk", message.text)
    else:
        status(message.text)
