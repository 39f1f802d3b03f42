"""Shared by the black-box sync tests: a real ``fairdesk hub`` process, and a CLI call."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fairdesk.cli import main
from fairdesk.services.demo import DemoSpec, build_demo


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A 12-candidate demo event served by ``fairdesk hub`` on a free port: (event, url)."""
    event = tmp_path / "ev.fairdesk"
    build_demo(event, DemoSpec(12, 2, seed=3, resumes=False)).close()
    proc = subprocess.Popen([sys.executable, "-m", "fairdesk", "hub", str(event), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().split()[-1]
    yield event, url
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``fairdesk ARGV`` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
