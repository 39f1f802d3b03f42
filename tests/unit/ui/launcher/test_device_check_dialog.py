"""Wiring of the first-run launcher and the "Check this device" dialog (offscreen)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.doctor import Doctor, QtFacts
from fairdesk.ui.launcher.device_check_dialog import DeviceCheckDialog
from fairdesk.ui.launcher.presenters.device_check import DeviceCheckPresenter
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter
from fairdesk.ui.launcher.window import LauncherWindow


def test_first_run_shows_the_welcome_instead_of_an_empty_list(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    window = LauncherWindow(LauncherPresenter(AppSettings(tmp_path / "s.json"), tmp_path / "d"))
    qtbot.addWidget(window)
    window.show()
    assert window.welcome.isVisible() and not window.recent.isVisible()
    window.presenter.open_demo()
    assert not window.welcome.isVisible() and window.recent.isVisible()


def test_the_dialog_runs_the_checks_and_takes_a_scan(qtbot: QtBot, tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "s.json")
    settings.set("print_to_folder", str(tmp_path / "badges"))
    facts = QtFacts("offscreen", fonts=("DejaVu Sans", "DejaVu Sans Mono"))
    presenter = DeviceCheckPresenter(lambda: Doctor(None, settings, facts))
    dialog = DeviceCheckDialog(presenter)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.run()
    qtbot.waitUntil(lambda: not presenter.running, timeout=30000)
    assert "Badge printer" in dialog.lines.text() and "✔" in dialog.lines.text()
    assert not dialog.badge.pixmap().isNull()
    assert presenter.badge is not None
    dialog.scan.setText(presenter.badge.payload)
    dialog.scan.returnPressed.emit()
    assert "read the test badge whole" in dialog.lines.text()
    assert dialog.summary.text() == "All green: this device is ready for the fair."
