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


def test_devices_invite_makes_a_kiosk_code(tmp_path: Path) -> None:
    import json

    event = tmp_path / "fair.fairdesk"
    assert fairdesk("demo", str(event), "--candidates", "10", "--employers", "2").returncode == 0
    done = fairdesk("devices", "invite", str(event), "--role", "kiosk",
                    "--hub", "https://127.0.0.1:8765", "--json")
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["role"] == "kiosk" and made["desk"] is None and made["code"]
