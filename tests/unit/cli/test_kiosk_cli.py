"""``fairdesk open EVENT --role kiosk`` as a script calls it (black box, subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def fairdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "fairdesk", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_open_knows_the_kiosk_role() -> None:
    done = fairdesk("open", "--help")
    assert done.returncode == 0
    assert "kiosk" in done.stdout


def test_kiosk_on_a_missing_file_says_so_and_exits_1(tmp_path: Path) -> None:
    done = fairdesk("open", str(tmp_path / "nowhere.fairdesk"), "--role", "kiosk",
                    "--print-to", str(tmp_path / "badges"))
    assert done.returncode == 1
    assert done.stderr.startswith("fairdesk: ") and "nowhere.fairdesk" in done.stderr
    assert not (tmp_path / "badges").exists()
