"""Core figures: ``checkin`` (service call vs a bare durable commit), ``startup`` (a first
run) and ``startup_recent`` (a returning user with two recent events)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from fairdesk.bench import PAIRS, BareCommit, Figure, Pairs, as_installed, blocks, interleaved, p95
from fairdesk.services.candidates import add_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.events import create_event


def _checkin(quick: bool) -> Figure:
    size, rounds = (2_000, 100) if quick else (10_000, 300)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session = create_event(folder / "bench.fairdesk", "Bench Fair")
        with session.store.transaction():
            for n in range(size):
                add_candidate(session, first_name=f"Person{n}", last_name="Bench",
                              email=f"p{n}@example.org")
        bare = BareCommit(folder)
        times = []
        for n in range(1, rounds + 1):
            bare()
            start = time.perf_counter()
            check_in(session, f"C-{n * (size // rounds):04d}", desk=1)
            times.append((time.perf_counter() - start) * 1000)
        session.close()
        bare.close()
    return Figure.of("checkin", "ms p95", "ratio <= 3", blocks(times, bare.times, p95),
                     f"{size:,}-candidate event, {rounds} check-ins, each beside a bare "
                     "commit; p95 per block of the pair")


_BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(960, 600); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""
# The `fairdesk` command with no arguments, as a user starts it, up to the launcher shown:
# its event loop draws the first frame and stops there instead of waiting for the user.
_LAUNCHER = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
def first_frame(app):
    app.processEvents()
    print(time.perf_counter() - t0)
    return 0
QApplication.exec = first_frame
from fairdesk.cli import main
main([])
"""


def _spawn_ms(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, env=env,
                   capture_output=True)
    return (time.perf_counter() - start) * 1000


def _launcher_pairs(config: str, quick: bool) -> Pairs:
    """The `fairdesk` command's start beside the bare window's, settings in ``config``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FAIRDESK_CONFIG_DIR=config)
    as_installed()
    _spawn_ms(_BARE, env)  # warm the file cache for both
    _spawn_ms(_LAUNCHER, env)
    return interleaved(lambda: _spawn_ms(_LAUNCHER, env), lambda: _spawn_ms(_BARE, env),
                       PAIRS if quick else 2 * PAIRS + 1)


_SHOWN = ("process start to launcher shown (the `fairdesk` command, no arguments), offscreen; "
          "baseline: python -c importing PySide6 and showing a bare QMainWindow")


def _startup(quick: bool) -> Figure:
    with tempfile.TemporaryDirectory() as tmp:
        measured = _launcher_pairs(tmp, quick)
    return Figure.of("startup", "ms median", "ratio <= 1.5", measured,
                     f"first run (no recent events): {_SHOWN}", digits=1)


def _two_recent_events(folder: Path) -> None:
    """A returning organizer's settings: the demo (600 candidates, 10 employers) and a
    smaller event, both listed with their summaries before the first frame."""
    from fairdesk.services.app_settings import AppSettings
    from fairdesk.services.demo import DemoSpec, build_demo
    from fairdesk.services.employers import add_employer

    build_demo(folder / "demo.fairdesk", DemoSpec(resumes=False)).close()
    session = create_event(folder / "second.fairdesk", "Second Fair", venue="Town Hall")
    for booth in range(1, 4):
        add_employer(session, f"Employer {booth}", booth=str(booth))
    session.close()
    settings = AppSettings(folder / "settings.json")
    settings.remember_event(folder / "second.fairdesk")
    settings.remember_event(folder / "demo.fairdesk")


def _startup_recent(quick: bool) -> Figure:
    with tempfile.TemporaryDirectory() as tmp:
        _two_recent_events(Path(tmp))
        measured = _launcher_pairs(tmp, quick)
    return Figure.of("startup_recent", "ms median", "ratio <= 1.5", measured,
                     f"two recent events (a returning user): {_SHOWN}", digits=1)


FIGURES = {"checkin": _checkin, "startup": _startup, "startup_recent": _startup_recent}
