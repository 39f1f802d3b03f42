"""Both halves of a real-window test: an Xvfb display and a window process.

The test side starts ``Xvfb`` (:func:`xvfb`) and a harness script in its own
process (:class:`HarnessApp`), types into it with ``xdotool`` and reads what
the harness reports. The harness side (:func:`publish_state`) writes
``WORKDIR/state.json`` atomically whenever what the test looks at changes.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- the test's side
def xvfb(size: str = "1920x1080x24") -> Iterator[str]:
    """A fresh X display for the module (``FAIRDESK_REQUIRE_XVFB=1``: missing
    tools fail instead of skipping). Xvfb picks a free display and writes its
    number to us: a fixed number could be another session's server (or a stale
    socket), and keys would go astray."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed: apt-get install xvfb xdotool"
        if os.environ.get("FAIRDESK_REQUIRE_XVFB") == "1":
            pytest.fail(message)
        pytest.skip(message)
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", size,
                               "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 10
    while not number.endswith(b"\n"):
        ready, _, _ = select.select([read_end], [], [], 0.1)
        chunk = os.read(read_end, 16) if ready else b""
        if (ready and not chunk) or time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            os.close(read_end)
            pytest.fail("Xvfb did not start")
        number += chunk
    os.close(read_end)
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(10)


class HarnessApp:
    """A harness script run on ``display``, reporting through ``work/state.json``."""

    def __init__(self, display: str, work: Path, harness: Path, *args: str,
                 what: str) -> None:
        self.display, self.work, self.what = display, work, what
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "PYTHONPATH": str(ROOT), "HOME": str(work)}
        self.process = subprocess.Popen([sys.executable, str(harness), str(work), *args],
                                        env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self.wait_for(lambda s: True, what=f"the {what} window", timeout=60)
        self.ready: dict[str, Any] = json.loads((work / "ready.json").read_text())

    def focus(self, title: str) -> None:
        """Xvfb runs no window manager: give the window the keyboard focus directly."""
        self.xdotool("search", "--sync", "--name", title, "windowfocus", "--sync")

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, timeout=60,
                       env={**os.environ, "DISPLAY": self.display})

    def state(self) -> dict[str, Any]:
        path = self.work / "state.json"
        return json.loads(path.read_text()) if path.exists() else {}

    def wait_for(self, ok: Callable[[dict[str, Any]], bool], what: str,
                 timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out = self.process.stdout.read().decode() if self.process.stdout else ""
                pytest.fail(f"the {self.what} exited ({self.process.returncode}): "
                            f"{out[-2000:]}")
            state = self.state()
            if state and ok(state):
                return state
            time.sleep(0.05)
        pytest.fail(f"waited {timeout:.0f} s for {what}; last state {self.state()}")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# ---------------------------------------------------------------- the harness's side
def publish_state(work: Path, read: Callable[[], dict[str, object]]) -> object:
    """Every 20 ms, write ``read()`` to ``work/state.json`` (atomically) when it
    changed. Returns the timer: the caller keeps it alive."""
    from PySide6.QtCore import QTimer

    last: dict[str, object] = {}

    def write() -> None:
        state = read()
        if state != last:
            last.clear()
            last.update(state)
            tmp = work / "state.json.tmp"
            tmp.write_text(json.dumps(state))
            os.replace(tmp, work / "state.json")

    timer = QTimer()
    timer.timeout.connect(write)
    timer.start(20)
    return timer
