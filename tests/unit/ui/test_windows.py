"""Wiring of the launcher and the organizer console (qtbot, offscreen)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.open_request import OpenRequest
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter
from fairdesk.ui.launcher.window import LauncherWindow
from fairdesk.ui.organizer.employers_page import EmployerDialog
from fairdesk.ui.organizer.window import OrganizerWindow


def test_launcher_lists_recent_and_opens_with_enter(qtbot: QtBot, session: EventSession,
                                                    tmp_path: Path) -> None:
    assert session.path is not None
    settings = AppSettings(tmp_path / "settings.json")
    settings.remember_event(session.path)
    presenter = LauncherPresenter(settings, tmp_path / "demo")
    window = LauncherWindow(presenter)
    qtbot.addWidget(window)
    assert window.recent.count() == 1
    assert "Test Fair" in window.recent.item(0).text()
    assert window.open_button.isEnabled()
    opened: list[OpenRequest] = []
    presenter.on_open = opened.append
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].role == "organizer"


def test_launcher_booth_role_lists_employers(qtbot: QtBot, session: EventSession,
                                             tmp_path: Path) -> None:
    add_employer(session, "Helios Tech", booth="4")
    assert session.path is not None
    settings = AppSettings(tmp_path / "settings.json")
    settings.remember_event(session.path)
    window = LauncherWindow(LauncherPresenter(settings, tmp_path / "demo"))
    qtbot.addWidget(window)
    window.roles.button(2).click()
    assert window.employer.isEnabled()
    assert window.employer.currentText() == "4 · Helios Tech"
    assert not window.desk.isEnabled()


def _index(title: str) -> int:
    from fairdesk.ui.organizer.window import PAGES

    return [p.title for p in PAGES].index(title)


def test_organizer_console_pages_and_counts(qtbot: QtBot, session: EventSession,
                                            make_people: Callable[..., list[str]],
                                            tmp_path: Path) -> None:
    make_people(3)
    window = OrganizerWindow(session, AppSettings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    assert "0 / 3 checked in" in window.counts.text()
    from fairdesk.services.checkin import check_in

    check_in(session, "C-0002")
    assert "1 / 3 checked in" in window.counts.text()
    assert window.stack.currentIndex() == 0  # the dashboard comes first (issue 16)
    window.show_page("Employers")
    assert window.stack.currentIndex() == _index("Employers")
    window.show_page("Audit")  # the last page, Ctrl+0 (issue 16)
    audit = window.stack.currentWidget()
    assert audit.model.rowCount() >= 1  # type: ignore[attr-defined]  # the event's creation


def test_add_employer_dialog_shows_refusal_inline(qtbot: QtBot, session: EventSession,
                                                  tmp_path: Path) -> None:
    add_employer(session, "Helios Tech", booth="1")
    window = OrganizerWindow(session, AppSettings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    page = window.stack.widget(_index("Employers"))
    presenter = page.presenter  # type: ignore[attr-defined]
    dialog = EmployerDialog(presenter, presenter.new_form(), window)
    qtbot.addWidget(dialog)
    dialog.edits["name"].setText("helios tech")
    dialog._save()
    assert "already an employer called Helios Tech" in dialog.error.text()
    dialog.edits["name"].setText("Pitons BPO")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert page.model.rowCount() == 2  # type: ignore[attr-defined]


def test_the_devices_page_keeps_its_setting_in_the_apps_own_settings(
        qtbot: QtBot, session: EventSession, tmp_path: Path) -> None:
    from fairdesk.ui.organizer.devices_page import DevicesPage
    from fairdesk.ui.organizer.presenters.devices import LOCAL_ONLY

    settings = AppSettings(tmp_path / "settings.json")
    window = OrganizerWindow(session, settings)
    qtbot.addWidget(window)
    window.show_page("Devices")
    page = window.stack.currentWidget()
    assert isinstance(page, DevicesPage)
    assert page.presenter.settings is settings
    page.presenter.set_local_only(True)
    # the app's object sees it at once, with no second AppSettings re-reading the file
    assert settings.get(LOCAL_ONLY) is True
    window.close()


@pytest.mark.parametrize("text", ["é ë ò ç Kwéyòl"])
def test_shipped_font_renders_accents(qtbot: QtBot, text: str) -> None:
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    from fairdesk.ui.common import theme

    theme.load_fonts()
    assert theme.FAMILY in QFontDatabase.families()
    metrics = QFontMetrics(QFont(theme.FAMILY, 12))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in text if ch != " ")
    assert not metrics.inFontUcs4(0x10FFFD)  # a private-use code point: the check can fail


def test_a_desk_left_open_is_reopened_and_a_closed_one_is_not(
    qtbot: QtBot, session: EventSession, tmp_path: Path
) -> None:
    from fairdesk import app

    settings = AppSettings(tmp_path / "settings.json")
    assert app.reopen_request(settings) is None
    window = app.open_window(OpenRequest(session.path, "desk", desk=3), settings,  # type: ignore[arg-type]
                             print_to=tmp_path / "badges")
    qtbot.addWidget(window)
    again = app.reopen_request(settings)  # as after a crash: the window never closed
    assert again is not None
    assert again[0].role == "desk" and again[0].desk == 3 and again[1] == tmp_path / "badges"
    window.close()
    assert app.reopen_request(settings) is None
    app.close_sessions()


def test_the_app_icon_is_shipped_and_loads(qtbot: QtBot) -> None:
    from fairdesk.resources import icon_path
    from PySide6.QtGui import QIcon

    icon = QIcon(str(icon_path("fairdesk.svg")))
    assert not icon.isNull()
    assert not icon.pixmap(32, 32).isNull()
