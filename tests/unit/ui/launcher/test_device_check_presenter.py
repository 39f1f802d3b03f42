"""The "Check this device" screen walked with no window, and the first-run launcher."""

from __future__ import annotations

from pathlib import Path

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.doctor import Doctor, QtFacts
from fairdesk.ui.launcher.presenters.device_check import DeviceCheckPresenter
from fairdesk.ui.launcher.presenters.launcher import ROLE_GUIDE, LauncherPresenter

FACTS = QtFacts("xcb", fonts=("DejaVu Sans", "DejaVu Sans Mono"))


def presenter(tmp_path: Path, **settings: object) -> DeviceCheckPresenter:
    app = AppSettings(tmp_path / "cfg" / "settings.json")
    for key, value in settings.items():
        app.set(key, value)
    return DeviceCheckPresenter(lambda: Doctor(None, app, FACTS))


def test_a_run_shows_each_check_green_or_red_with_what_to_do(tmp_path: Path) -> None:
    p = presenter(tmp_path, last_role="desk")
    redraws: list[int] = []
    p.on_change = lambda: redraws.append(1)
    work = p.start()
    assert work is not None and p.running and p.summary == "Checking this device…"
    assert p.start() is None  # one run at a time
    p.finished(work())
    names = [line.name for line in p.lines]
    assert names[:3] == ["Qt platform", "Fonts", "Badge printer"]
    printer = next(line for line in p.lines if line.name == "Badge printer")
    assert not printer.ok and printer.mark == "✘" and "Printer…" in printer.fix
    assert p.summary == "1 to fix: Badge printer."
    assert redraws


def test_the_scanner_turns_green_on_the_test_badge_read_whole(tmp_path: Path) -> None:
    p = presenter(tmp_path, print_to_folder=str(tmp_path / "badges"))
    work = p.start()
    assert work is not None and p.badge is not None
    p.finished(work())
    assert (tmp_path / "badges" / "fairdesk-test-badge.pdf").exists()
    p.scanned(p.badge.payload.lower())  # caps lock on: the code arrives changed
    scanner = next(line for line in p.lines if line.name == "Scanner")
    assert not scanner.ok and "keyboard layout" in scanner.fix
    p.scanned(p.badge.payload + "\n")
    scanner = next(line for line in p.lines if line.name == "Scanner")
    assert scanner.ok and "whole" in scanner.detail
    assert p.summary == "All green: this device is ready for the fair."


def test_a_failed_run_says_so(tmp_path: Path) -> None:
    p = presenter(tmp_path)
    assert p.start() is not None
    p.failed(RuntimeError("no QApplication"))
    assert not p.running and p.last_message is not None and "no QApplication" in \
        p.last_message.text


def test_first_run_explains_every_role_the_launcher_opens(tmp_path: Path) -> None:
    launcher = LauncherPresenter(AppSettings(tmp_path / "s.json"), demo_folder=tmp_path / "d")
    launcher.load()
    assert launcher.first_run
    assert [name for name, _ in ROLE_GUIDE] == [
        "Organizer", "Registration desk", "Employer booth", "Self check-in kiosk"]
    launcher.open_demo()
    assert not launcher.first_run and launcher.selected is not None and launcher.selected.ok


def test_the_camera_line_turns_green_on_the_test_badge_and_red_when_it_stops(
        tmp_path: Path) -> None:
    p = presenter(tmp_path, print_to_folder=str(tmp_path / "badges"))
    work = p.start()
    assert work is not None and p.badge is not None
    p.finished(work())
    assert not p.camera_decoded("FD1:SOMEONEELSE")  # another badge in view: not the test
    assert next(line for line in p.lines if line.name == "Camera").detail == "No camera found."
    assert p.camera_decoded(p.badge.payload)
    camera = next(line for line in p.lines if line.name == "Camera")
    assert camera.ok and camera.detail == "The camera read the test badge."
    p.camera_failed("The camera stopped: device unplugged")
    camera = next(line for line in p.lines if line.name == "Camera")
    assert not camera.ok and "plug it in again" in camera.fix
    assert p.summary == "1 to fix: Camera."
