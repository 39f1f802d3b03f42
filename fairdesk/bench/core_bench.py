"""Core figures: ``checkin`` (service call vs a bare durable commit) and ``startup``."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from fairdesk.bench import BareCommit, Figure, percentile
from fairdesk.services.candidates import add_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.events import create_event


def _checkin(quick: bool) -> Figure:
    size, rounds = (2_000, 60) if quick else (10_000, 300)
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
    return Figure("checkin", round(percentile(times, 95), 3), "ms p95",
                  round(percentile(bare.times, 95), 3), "ratio <= 3",
                  f"{size:,}-candidate event, {rounds} check-ins")


_BARE = """
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(960, 600); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""
_LAUNCHER = """
import time; t0 = time.perf_counter()
from pathlib import Path
from fairdesk.app import application
from fairdesk.services.app_settings import AppSettings, config_dir
from fairdesk.ui.launcher.window import LauncherWindow
from fairdesk.ui.launcher.presenters.launcher import LauncherPresenter
settings = AppSettings(); app = application(settings)
w = LauncherWindow(LauncherPresenter(settings, config_dir() / "demo")); w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def _spawn_ms(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, env=env,
                   capture_output=True)
    return (time.perf_counter() - start) * 1000


def _startup(quick: bool) -> Figure:
    rounds = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FAIRDESK_CONFIG_DIR=tmp)
        _spawn_ms(_BARE, env)  # warm the file cache for both
        bare = [_spawn_ms(_BARE, env) for _ in range(rounds)]
        ours = [_spawn_ms(_LAUNCHER, env) for _ in range(rounds)]
    return Figure("startup", round(percentile(ours, 50), 1), "ms median",
                  round(percentile(bare, 50), 1), "ratio <= 2",
                  "process start to window shown, offscreen")


FIGURES = {"checkin": _checkin, "startup": _startup}
