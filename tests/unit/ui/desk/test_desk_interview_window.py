"""The desk panel lists today's interviews; the slip button and Ctrl+I print the slip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.session import EventSession
from fairdesk.ui.desk.window import DeskWindow, desk_window
from tests.conftest import FakeClock
from tests.interview_fair import Fair, make_fair

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
WAIT_MS = 30_000


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]],
         clock: FakeClock) -> Fair:
    made = make_fair(session, make_people)
    clock.advance(days=1)  # 21 Aug: interview day
    return made


@pytest.fixture
def window(qtbot: QtBot, fair: Fair, tmp_path: Path) -> Iterator[DeskWindow]:
    fair.session.desk = 1
    made = desk_window(fair.session, AppSettings(tmp_path / "settings.json"),
                       tmp_path / "printed")
    assert isinstance(made, DeskWindow)
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    made.search.setFocus()
    yield made
    made.close()


def _printed(tmp_path: Path) -> list[str]:
    folder = tmp_path / "printed"
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.exists() else []


def test_todays_interviews_show_and_ctrl_i_prints_the_slip(
        qtbot: QtBot, window: DeskWindow, fair: Fair, tmp_path: Path) -> None:
    ref = fair.ref(0)
    QTest.keyClicks(window.search, ref)
    qtbot.waitUntil(lambda: window.results.count() == 1)
    panel = window.panel
    assert panel.interviews.isVisible() and panel.slip.isVisible() and panel.slip.isEnabled()
    assert panel.interviews.text() == ("Interviews today:\n10:00–10:20  Acme BPO · Room 1 · "
                                       "booth 4\n11:00–11:30  Bluewave · Room 1")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _printed(tmp_path) == [f"{ref}.pdf"], timeout=WAIT_MS)
    QTest.keyClick(window.search, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_printed(tmp_path)) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Interview slip printed" in window.banner.text(), timeout=WAIT_MS)


def test_no_interviews_no_slip_button(qtbot: QtBot, window: DeskWindow, fair: Fair) -> None:
    QTest.keyClicks(window.search, fair.ref(4))
    qtbot.waitUntil(lambda: window.results.count() == 1)
    assert window.panel.name.isVisible()
    assert not window.panel.interviews.isVisible() and not window.panel.slip.isVisible()
