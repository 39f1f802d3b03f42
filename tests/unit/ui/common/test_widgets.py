"""Shared building blocks: a window opens within the screen it is on."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from fairdesk.ui.common.widgets import fit_to_screen


def test_a_window_larger_than_the_screen_opens_within_its_free_area(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    fit_to_screen(window, free.width() + 566, free.height() - 32)
    assert (window.width(), window.height()) == (free.width(), free.height() - 32)


def test_a_window_that_fits_keeps_its_designed_size(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    fit_to_screen(window, 640, 480)
    assert (window.width(), window.height()) == (640, 480)
