"""Helpers for the walk-in tests: a fake webcam of drawn résumé pages, and modal driving."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fairdesk.ui.common.camera import ImageFrameSource

D = TypeVar("D", bound=QDialog)


def rendered_page(number: int) -> QImage:
    """What a webcam sees of a printed résumé page: dark text on off-white paper."""
    image = QImage(960, 720, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a8f94"))  # the desk
    painter = QPainter(image)
    painter.fillRect(230, 20, 500, 680, QColor("#f4f1ea"))
    painter.setPen(QColor("#222222"))
    painter.setFont(QFont("DejaVu Sans", 18))
    painter.drawText(260, 80, f"Shanice Alexis — page {number}")
    painter.setFont(QFont("DejaVu Sans", 10))
    for line in range(24):
        painter.drawText(260, 130 + line * 22, "Customer service, 3 years · English, Kwéyòl")
    painter.end()
    return image


class FakeCamera(ImageFrameSource):
    """A camera that shows a page whenever asked; ``problem`` makes it a missing one."""

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem
        self.started = 0

    def start(self) -> None:
        super().start()
        self.started += 1

    def show_page(self, number: int) -> None:
        self.push(rendered_page(number))


def when_up(kind: type[D], act: Callable[[D], None], outcome: list[str], *,
            ready: Callable[[D], bool] = lambda dialog: True, timeout_s: float = 30.0) -> None:
    """Run ``act(dialog)`` once a modal ``kind`` is up, active and ``ready``.

    ``outcome`` gets "done", or why not. A modal runs its own event loop, so a
    step that goes wrong inside it would hang the test for ever: after
    ``timeout_s`` (or an exception in ``act``) every modal is closed instead,
    and the test fails on ``outcome``.
    """
    deadline = time.monotonic() + timeout_s

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        up = isinstance(dialog, kind) and dialog.isActiveWindow() and ready(dialog)
        if not up:
            if time.monotonic() > deadline:
                outcome.append(f"no active {kind.__name__} within {timeout_s:.0f} s")
                close_modals()
                return
            QTimer.singleShot(20, attempt)
            return
        try:
            act(dialog)  # type: ignore[arg-type]
        except BaseException:
            outcome.append(traceback.format_exc())
            close_modals()
            return
        outcome.append("done")

    QTimer.singleShot(0, attempt)


def close_modals() -> None:
    for _ in range(10):  # a modal over a modal at most, in these tests
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QWidget):
            return
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()
