"""The launcher window: recent rows, Delete, and what its first frame loads (offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import fairdesk
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.employers import add_employer
from fairdesk.services.events import create_event
from fairdesk.services.session import EventSession
from fairdesk.ui.common.widgets import button
from fairdesk.ui.launcher import window as launcher_window
from fairdesk.ui.launcher.presenters.launcher import ROLE_GUIDE, LauncherPresenter
from fairdesk.ui.launcher.window import LauncherWindow


def _two_recent(session: EventSession, tmp_path: Path) -> LauncherWindow:
    assert session.path is not None
    create_event(tmp_path / "other.fairdesk", "Other Fair").close()
    settings = AppSettings(tmp_path / "settings.json")
    settings.remember_event(session.path)
    settings.remember_event(tmp_path / "other.fairdesk")  # newest first: row 0
    return LauncherWindow(LauncherPresenter(settings, tmp_path / "demo"))


def test_picking_a_row_selects_that_event(qtbot: QtBot, session: EventSession,
                                          tmp_path: Path) -> None:
    window = _two_recent(session, tmp_path)
    qtbot.addWidget(window)
    assert window.event_name.text() == "Other Fair"
    window.recent.setCurrentRow(1)
    assert window.event_name.text() == "Test Fair"
    assert window.presenter.selected is not None
    assert window.presenter.selected.path == session.path


def test_enter_opens_from_a_role_just_clicked(qtbot: QtBot, session: EventSession,
                                             tmp_path: Path) -> None:
    """Under Xvfb: click "Self check-in kiosk", press Enter (as the README says):
    nothing happened, the radio button had the focus and the window no default button."""
    window = _two_recent(session, tmp_path)
    qtbot.addWidget(window)
    opened: list[object] = []
    window.presenter.on_open = opened.append
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    kiosk = next(b for b in window.roles.buttons() if b.property("role") == "kiosk")
    qtbot.mouseClick(kiosk, Qt.MouseButton.LeftButton)
    assert kiosk.hasFocus() or window.focusWidget() is kiosk
    qtbot.keyClick(kiosk, Qt.Key.Key_Return)
    assert [getattr(r, "role", None) for r in opened] == ["kiosk"]
    window.recent.setFocus()
    qtbot.keyClick(window.recent, Qt.Key.Key_Return)  # the list's own Enter: once
    assert len(opened) == 2


def test_delete_forgets_the_current_row(qtbot: QtBot, session: EventSession,
                                        tmp_path: Path) -> None:
    window = _two_recent(session, tmp_path)
    qtbot.addWidget(window)
    window.recent.setCurrentRow(1)
    window._forget()
    assert window.recent.count() == 1
    assert "Other Fair" in window.recent.item(0).text()
    assert window.presenter.settings.get("recent_events") == [
        str((tmp_path / "other.fairdesk").resolve())]


def test_the_welcome_explains_every_role_the_window_opens(qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    window = LauncherWindow(LauncherPresenter(AppSettings(tmp_path / "s.json"), tmp_path / "d"))
    qtbot.addWidget(window)
    opens = [text.split(" — ")[0] for _, text in launcher_window._ROLES]
    guide = [name for name, _ in ROLE_GUIDE]
    assert guide == opens
    texts = [w.text() for w in window.welcome.findChildren(QLabel)]
    assert len(opens) == 4 and "Welcome. One app, four roles:" in texts


def test_a_button_keeps_its_shortcut(qtbot: QtBot) -> None:
    widget = button("&Open file…", lambda: None, shortcut="Ctrl+O", tip="Pick a file")
    qtbot.addWidget(widget)
    assert widget.shortcut().toString() == "Ctrl+O"
    assert widget.toolTip() == "Pick a file (Ctrl+O)"


# The `fairdesk` command with no arguments in a fresh process, stopped at its first frame
# as the bench's startup figure stops it; it says what was loaded by then.
_FIRST_FRAME = """
import json, sys
import PySide6.QtCore
import PySide6.QtWidgets
def first_frame(app):
    app.processEvents()
    shown = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
    built = vars(PySide6.QtCore) | vars(PySide6.QtWidgets)
    print(json.dumps({
        "shown": shown, "qt_namespace": "Qt" in built,
        "dialogs": sorted({"QMessageBox", "QFileDialog", "QInputDialog"} & set(built)),
        "modules": sorted({"datetime", "fairdesk.storage", "fairdesk.services.session",
                           "fairdesk.cli.event_cmds"} & set(sys.modules))}))
    return 0
PySide6.QtWidgets.QApplication.exec = first_frame
from fairdesk.cli import main
main([])
"""


def test_the_first_frame_loads_only_what_it_draws(tmp_path: Path) -> None:
    """PySide6 builds ``Qt``'s hundred enums on first use (~15 ms of a ~170 ms start), a
    dialog's type when first named (~1-2 ms each); the command modules and the event
    layers take ~60 ms."""
    here = str(Path(fairdesk.__file__).resolve().parents[1])  # this checkout, not an install
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAIRDESK_CONFIG_DIR": str(tmp_path),
           "PYTHONPATH": here}
    done = subprocess.run([sys.executable, "-c", _FIRST_FRAME], capture_output=True, text=True,
                          timeout=120, env=env, check=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded == {"shown": ["FairDesk"], "qt_namespace": False, "dialogs": [],
                      "modules": []}


# The same, for a returning user: what the first frame lists, and what it loaded for it.
_RETURNING = """
import json, sys
import PySide6.QtWidgets
def first_frame(app):
    app.processEvents()
    window, = [w for w in app.topLevelWidgets() if w.isVisible()]
    print(json.dumps({
        "rows": [window.recent.item(i).text().splitlines()[0]
                 for i in range(window.recent.count())],
        "employers": [window.employer.itemText(i) for i in range(window.employer.count())],
        "modules": sorted({"sqlite_utils", "dateutil", "click", "fairdesk.services.session",
                           "fairdesk.storage.codec", "fairdesk.domain.model"} & set(sys.modules))}))
    return 0
PySide6.QtWidgets.QApplication.exec = first_frame
from fairdesk.cli import main
main([])
"""


def test_a_returning_users_first_frame_lists_its_events_without_the_event_layers(
        tmp_path: Path) -> None:
    """Two recent events: their summaries are read with sqlite3 alone (sqlite-utils and
    its imports ~45 ms, the event layers ~25 ms, the domain's records ~8 ms)."""
    create_event(tmp_path / "first.fairdesk", "First Fair").close()
    second = create_event(tmp_path / "second.fairdesk", "Second Fair")
    add_employer(second, "Helios", booth="3")
    second.close()
    settings = AppSettings(tmp_path / "settings.json")
    settings.remember_event(tmp_path / "first.fairdesk")
    settings.remember_event(tmp_path / "second.fairdesk")  # newest first: row 0, selected
    here = str(Path(fairdesk.__file__).resolve().parents[1])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FAIRDESK_CONFIG_DIR": str(tmp_path),
           "PYTHONPATH": here}
    done = subprocess.run([sys.executable, "-c", _RETURNING], capture_output=True, text=True,
                          timeout=120, env=env, check=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded == {"rows": ["Second Fair — 0 candidates", "First Fair — 0 candidates"],
                      "employers": ["3 · Helios"], "modules": []}
