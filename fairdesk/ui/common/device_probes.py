"""What Qt sees on this computer, for the readiness checks (``services.doctor``).

:func:`facts_here` asks the running QApplication (the launcher's "Check this
device" screen). The command line uses :func:`facts_isolated`: a Qt platform
plugin that cannot start aborts its process, so the probe runs in a child
``fairdesk doctor --qt-facts`` and, when the desktop platform fails, again
offscreen for the fonts, printers and cameras.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fairdesk.resources import FONTS, font_path
from fairdesk.services.doctor import QtFacts

PROBE_TIMEOUT_S = 60
_SCANNER_NAMES = re.compile(
    r"barcode|scanner|honeywell|zebra|datalogic|symbol|newland|netum|inateck|tera|eyoyo",
    re.IGNORECASE)


def fairdesk_command() -> list[str]:
    """How to start this FairDesk again: the frozen binary, or ``python -m fairdesk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "fairdesk"]


def scanner_names(devices: Path = Path("/proc/bus/input/devices")) -> tuple[str, ...]:
    """Input devices whose name says barcode scanner (Linux; elsewhere none)."""
    try:
        text = devices.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    names = re.findall(r'^N: Name="(.*)"$', text, re.MULTILINE)
    return tuple(dict.fromkeys(n for n in names if _SCANNER_NAMES.search(n)))


def facts_here() -> QtFacts:
    """Ask the running (or a new) QApplication."""
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtPrintSupport import QPrinterInfo
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    families: list[str] = []
    for name in FONTS:
        loaded = QFontDatabase.addApplicationFont(str(font_path(name)))
        if loaded >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(loaded))
    return QtFacts(
        platform=str(app.platformName()),  # type: ignore[attr-defined]
        fonts=tuple(dict.fromkeys(families)),
        printers=tuple(QPrinterInfo.availablePrinterNames()),
        cameras=camera_names(),
        scanners=scanner_names(),
    )


def camera_names() -> tuple[str, ...]:
    from fairdesk.ui.common.camera import quiet_multimedia

    quiet_multimedia()
    from PySide6.QtMultimedia import QMediaDevices

    return tuple(d.description() for d in QMediaDevices.videoInputs())


def facts_isolated(timeout: float = PROBE_TIMEOUT_S) -> QtFacts:
    """Probe in a child process; a platform that aborts is reported, not fatal."""
    first = _no_desktop() or _probe_child(dict(os.environ), timeout)
    if isinstance(first, QtFacts):
        return first
    offscreen = _probe_child({**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout)
    if isinstance(offscreen, QtFacts):
        return QtFacts(offscreen.platform, first, offscreen.fonts, offscreen.printers,
                       offscreen.cameras, offscreen.scanners)
    return QtFacts(problem=f"{first}; offscreen too: {offscreen}", scanners=scanner_names())


def _no_desktop() -> str:
    """Linux with neither X11 nor Wayland (a console, ssh): say so instead of guessing."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return "no desktop session here (neither DISPLAY nor WAYLAND_DISPLAY is set)"


def _probe_child(env: dict[str, str], timeout: float) -> QtFacts | str:
    try:
        done = subprocess.run([*fairdesk_command(), "doctor", "--qt-facts"], env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"the Qt probe did not finish ({error})"
    if done.returncode == 0:
        try:
            return QtFacts.from_dict(json.loads(done.stdout))
        except ValueError:
            pass
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    why = next((line for line in lines if "plugin" in line.lower()), lines[-1] if lines else "")
    return why.strip() or f"Qt stopped (exit {done.returncode})"


def print_test_page(printer: str, pdf: bytes) -> str:
    """Print on ``printer`` in this process (the GUI, or the ``--qt-print`` child)."""
    from PySide6.QtWidgets import QApplication

    from fairdesk.ui.common.printing import print_pdf

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    return print_pdf(printer, pdf, "FairDesk test badge")


def print_isolated(printer: str, pdf: bytes, timeout: float = PROBE_TIMEOUT_S) -> str:
    """Print the test page from a child process (the command line has no QApplication)."""
    with tempfile.TemporaryDirectory(prefix="fairdesk-doctor-") as folder:
        page = Path(folder) / "test-badge.pdf"
        page.write_bytes(pdf)
        try:
            done = subprocess.run([*fairdesk_command(), "doctor", "--qt-print", printer,
                                   str(page)], capture_output=True, text=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise OSError(f"the printer did not answer in {timeout:.0f} s") from error
    if done.returncode != 0:
        raise OSError((done.stderr.strip().splitlines() or ["printing failed"])[-1])
    return printer
