"""Kiosk window wiring with qtbot: scanner bursts, buttons, the keypad, the exit PIN, no lists."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
)

from fairdesk.services import badges, booth
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession
from fairdesk.ui.common.camera import ImageFrameSource
from fairdesk.ui.common.presenters.badge_output import FolderSync
from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter
from fairdesk.ui.kiosk.window import KioskWindow


@pytest.fixture
def people(session: EventSession, make_people: Callable[..., list[str]]) -> list[str]:
    session.role = "kiosk"
    return make_people(3)


@pytest.fixture
def window(qtbot: Any, session: EventSession, people: list[str],
           tmp_path: Path) -> Iterator[KioskWindow]:
    presenter = KioskPresenter(session, FolderSync(tmp_path / "badges"))
    win = KioskWindow(presenter, ImageFrameSource(), event_name="Test Fair")
    qtbot.addWidget(win)
    yield win
    win._exit()


def code_of(session: EventSession, candidate_id: str) -> str:
    return badges.payload_for(session, find_candidate(session, candidate_id))


def test_a_scanner_burst_welcomes_and_the_button_prints(
        qtbot: Any, window: KioskWindow, session: EventSession, people: list[str],
        tmp_path: Path) -> None:
    QTest.keyClicks(window, code_of(session, people[0]), delay=5)
    QTest.keyClick(window, Qt.Key.Key_Return, delay=5)
    qtbot.waitUntil(lambda: window.presenter.screen == "welcome", timeout=3000)
    assert window.name.text() == "Kerlisha Joseph"
    assert window.countdown.text().startswith("Your badge prints in")
    not_you = window.button("Not you?")
    assert not_you is not None
    printing = window.button("Print my badge")
    assert printing is not None
    printing.click()
    assert window.title.text() == "Take your badge"
    assert (tmp_path / "badges" / "C-0001.pdf").exists()


def test_refusal_shows_the_desk_screen(qtbot: Any, window: KioskWindow) -> None:
    button = window.button("I have no invitation")
    assert button is not None
    button.click()
    assert window.title.text() == "Please see the registration desk."
    assert "without an invitation" in window.sentence.text()
    assert window.property("screen") == "desk"


def test_on_screen_keyboard_types_an_email(qtbot: Any, window: KioskWindow) -> None:
    button = window.button("Type my e-mail instead")
    assert button is not None
    button.click()
    assert window.keyboard.isVisibleTo(window)
    for key in "p1@example":
        window.keyboard.keys[key].click()
    window.keyboard.keys[".org"].click()
    assert window.entry.text() == "p1@example.org"
    find = window.button("Find me")
    assert find is not None
    find.click()
    assert window.presenter.screen == "welcome"
    assert window.name.text() == "Désirée O'Neil"


def test_closing_asks_for_the_pin_and_stays_open(qtbot: Any, window: KioskWindow,
                                                 session: EventSession) -> None:
    booth.set_exit_pin(session, "2468")
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert window.isVisible()
    assert window.presenter.screen == "pin"
    assert not window.keyboard.keys["q"].isVisible()  # a keypad for the PIN, no letters
    assert window.keyboard.keys["2"].isVisible()
    for key in "2468":
        window.keyboard.keys[key].click()
    leave = window.button("Leave kiosk mode")
    assert leave is not None
    leave.click()
    assert not window.isVisible()


def test_an_error_in_a_slot_ends_on_the_desk_screen(qtbot: Any, window: KioskWindow) -> None:
    def boom() -> None:
        raise RuntimeError("printer driver crashed")

    window.guard(boom)()
    assert window.presenter.screen == "desk"
    assert window.presenter.code == "unexpected"


def test_no_roster_listing_is_reachable(window: KioskWindow) -> None:
    """Privacy: the kiosk has no list, table or free search field anywhere."""
    assert not window.findChildren(QAbstractItemView)
    assert not window.findChildren(QLineEdit)


def _shown_text(window: KioskWindow) -> str:
    widgets = [*window.findChildren(QLabel), *window.findChildren(QPushButton)]
    return " ".join(w.text() for w in widgets if w.isVisibleTo(window))


def test_no_screen_lists_anyone_but_the_one_who_scanned(
        window: KioskWindow, session: EventSession, people: list[str]) -> None:
    """Privacy, every screen a candidate can reach: no list, completer or free
    search field, and no one's name but the scanner's own."""
    p = window.presenter
    names = [find_candidate(session, key).display_name for key in people]
    walk: list[tuple[str, Callable[[], None]]] = [
        ("idle", lambda: None),
        ("keyboard", lambda: (p.open_keyboard(), p.type("Jo"))),  # a name's start: nothing
        ("keyboard", p.submit),
        ("desk", lambda: (p.back(), p.scan("https://example.org/x"))),
        ("welcome", lambda: (p.back(), p.scan(code_of(session, people[0])))),
        ("desk", p.not_me),
        ("welcome", lambda: (p.back(), p.scan(code_of(session, people[1])))),
        ("done", p.confirm),
        ("desk", lambda: (p.back(), p.scan(code_of(session, people[1])))),
        ("pin", lambda: (booth.set_exit_pin(session, "2468"), p.back(), p.request_exit())),
    ]
    window.show()
    for screen, step in walk:
        step()
        assert p.screen == screen
        for kind in (QAbstractItemView, QLineEdit, QTextEdit, QComboBox, QCompleter):
            assert not window.findChildren(kind), (screen, kind)
        shown = _shown_text(window)
        own = p.candidate.display_name if p.candidate else ""
        assert not [n for n in names if n in shown and n != own], (screen, shown)


@pytest.mark.parametrize(("size", "title_px"), [((1920, 1080), 64), ((1280, 800), 43)])
def test_text_scales_with_the_screen(window: KioskWindow, size: tuple[int, int],
                                     title_px: int) -> None:
    window.resize(*size)
    assert f"font-size: {title_px}px" in window.styleSheet()


def test_the_app_opens_a_full_screen_kiosk_that_prints_to_a_folder(
        qtbot: Any, session: EventSession, people: list[str], tmp_path: Path) -> None:
    import sys

    from fairdesk import app
    from fairdesk.services.app_settings import AppSettings
    from fairdesk.ui.common.presenters.open_request import OpenRequest

    assert session.path is not None
    hook = sys.excepthook
    window = app.open_window(OpenRequest(session.path, "kiosk"),
                             AppSettings(tmp_path / "settings.json"), tmp_path / "out")
    qtbot.addWidget(window)
    assert isinstance(window, KioskWindow)
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.presenter.output.description.endswith(f"folder {tmp_path / 'out'}")
    window._exit()
    assert sys.excepthook is hook
    app.close_sessions()
