"""Wiring of the first-run launcher and the "Check this device" dialog (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.doctor import Doctor, QtFacts
from fairdesk.ui.common.camera import ImageFrameSource
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
    assert not window.recent_heading.isVisible()  # no "Recent events" over the welcome
    window.presenter.open_demo()
    assert not window.welcome.isVisible() and window.recent.isVisible()
    assert window.recent_heading.isVisible()


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


def test_offscreen_the_camera_preview_says_there_is_no_camera(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    facts = QtFacts("offscreen", fonts=("DejaVu Sans", "DejaVu Sans Mono"))
    presenter = DeviceCheckPresenter(lambda: Doctor(None, AppSettings(tmp_path / "s.json"),
                                                    facts))
    dialog = DeviceCheckDialog(presenter)  # the real camera source
    qtbot.addWidget(dialog)
    if dialog.camera.available:
        pytest.skip("this machine has a camera")
    dialog.show()
    dialog.run()
    qtbot.waitUntil(lambda: not presenter.running, timeout=30000)
    assert dialog.preview.text().startswith("No camera found")
    assert not dialog.camera.running
    assert "✔ Camera</span> — No camera found." in dialog.lines.text()
    dialog.wait()


def test_the_camera_preview_shows_frames_and_reads_the_test_badge(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    facts = QtFacts("xcb", fonts=("DejaVu Sans", "DejaVu Sans Mono"), cameras=("Test cam",))
    presenter = DeviceCheckPresenter(lambda: Doctor(None, AppSettings(tmp_path / "s.json"),
                                                    facts))
    dialog = DeviceCheckDialog(presenter, camera=ImageFrameSource)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.camera.running
    dialog.run()
    qtbot.waitUntil(lambda: not presenter.running, timeout=30000)
    assert presenter.badge is not None
    frame = dialog.badge.pixmap().toImage()  # the test badge as the camera would see it
    assert isinstance(dialog.camera, ImageFrameSource)
    dialog.camera.push(frame)
    assert not dialog.preview.pixmap().isNull()
    qtbot.waitUntil(lambda: "The camera read the test badge." in dialog.lines.text(),
                    timeout=10000)
    dialog.hide()
    assert not dialog.camera.running
    dialog.wait()


def test_a_camera_that_stops_turns_its_line_red(qtbot: QtBot, tmp_path: Path) -> None:
    facts = QtFacts("xcb", fonts=("DejaVu Sans", "DejaVu Sans Mono"), cameras=("Test cam",))
    presenter = DeviceCheckPresenter(lambda: Doctor(None, AppSettings(tmp_path / "s.json"),
                                                    facts))
    dialog = DeviceCheckDialog(presenter, camera=ImageFrameSource)
    qtbot.addWidget(dialog)
    dialog.run()
    qtbot.waitUntil(lambda: not presenter.running, timeout=30000)
    dialog.camera.failed.emit("The camera stopped: device unplugged")
    assert dialog.preview.text() == "The camera stopped: device unplugged"
    assert "✘ Camera" in dialog.lines.text() and "plug it in again" in dialog.lines.text()
    dialog.wait()
