"""``fairdesk install-desktop``: black-box, with ``XDG_DATA_HOME`` in the test's folder."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="desktop integration is for Linux")


def install(share: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(share))
    return subprocess.run([sys.executable, "-m", "fairdesk", "install-desktop", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def exec_args(share: Path) -> list[str]:
    for line in (share / "applications" / "fairdesk.desktop").read_text().splitlines():
        if line.startswith("Exec="):
            return shlex.split(line.removeprefix("Exec="))
    raise AssertionError("no Exec line")


def test_points_the_menu_at_this_python(tmp_path: Path) -> None:
    share = tmp_path / "share"
    done = install(share, "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["share"] == str(share)
    assert all(Path(p).is_file() and Path(p).is_relative_to(share) for p in answer["written"])
    assert exec_args(share) == [str(Path(sys.executable).absolute()), "-m", "fairdesk", "%f"]
    # What the menu would run starts this FairDesk.
    ran = subprocess.run([*exec_args(share)[:-1], "--version"], capture_output=True, text=True,
                         timeout=60)
    assert ran.returncode == 0 and ran.stdout.startswith("fairdesk ")


def test_running_it_again_changes_nothing(tmp_path: Path) -> None:
    share = tmp_path / "share"
    assert install(share).returncode == 0
    first = {p: p.read_bytes() for p in share.rglob("*") if p.is_file()}
    assert install(share).returncode == 0
    assert {p: p.read_bytes() for p in share.rglob("*") if p.is_file()} == first


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME="relative/share", HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "fairdesk", "install-desktop"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".local" / "share" / "applications" / "fairdesk.desktop").is_file()
    assert not (tmp_path / "relative").exists()
