"""Black-box tests of ``fairdesk scan``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.test_cli_core import fairdesk


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scan") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "30", "--employers", "2", "--no-resumes",
             check=True)
    return path


def _badge(event: Path, ref: str) -> str:
    """The QR text printed on a candidate's badge."""
    from fairdesk.services.badges import payload_for
    from fairdesk.services.candidates import find_candidate
    from fairdesk.services.session import open_session

    session = open_session(event)
    try:
        return payload_for(session, find_candidate(session, ref))
    finally:
        session.close()


def test_scan_records_once_then_seen_again(event: Path) -> None:
    payload = _badge(event, "C-0003")
    first = fairdesk("scan", str(event), "--employer", "2", payload, "--rating", "4",
                     "--tag", "French", "--note", "Good", "--shortlist", "--json")
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)
    assert out["ref"] == "C-0003" and out["rating"] == 4 and out["shortlist"] is True
    assert "French" in out["tags"] and out["notes"] == "Good"
    before = json.loads(fairdesk("info", str(event), "--json", check=True).stdout)["visits"]
    again = json.loads(fairdesk("scan", str(event), "--employer", "2", payload, "--json",
                                check=True).stdout)
    assert again["status"] == "seen_again" and again["seen"] == out["seen"] + 1
    after = json.loads(fairdesk("info", str(event), "--json", check=True).stdout)["visits"]
    assert after == before


def test_altered_code_is_refused_and_records_nothing(event: Path) -> None:
    payload = _badge(event, "C-0004")
    altered = payload[:-6] + ("A" if payload[-6] != "A" else "B") + payload[-5:]
    before = fairdesk("info", str(event), "--json", check=True).stdout
    done = fairdesk("scan", str(event), "--employer", "1", altered)
    assert done.returncode == 1
    assert done.stderr.startswith("fairdesk: ") and done.stderr.count("\n") == 1
    assert fairdesk("info", str(event), "--json", check=True).stdout == before


def test_scan_usage(event: Path) -> None:
    assert fairdesk("scan", str(event), "C-0001").returncode == 2  # no --employer
    assert fairdesk("scan", str(event), "--employer", "1", "C-0001", "--rating", "9"
                    ).returncode == 2
    assert fairdesk("scan", str(event), "--employer", "99", "C-0001").returncode == 1
