"""Black-box tests of ``fairdesk stats`` (and the organizer's corrections)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.test_cli_core import fairdesk


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("live") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "40", "--employers", "3", "--seed", "2",
             "--no-resumes", check=True)
    return path


def test_stats_json_has_the_issue_shape_and_agrees_with_info(event: Path) -> None:
    figures = json.loads(fairdesk("stats", str(event), "--json", check=True).stdout)
    assert set(figures) == {"arrivals", "booths", "no_visit", "phase_two", "devices"}
    assert all(set(a) == {"day", "slot", "desk", "count"} for a in figures["arrivals"])
    assert all(set(b) == {"employer", "today", "last_hour"} for b in figures["booths"])
    assert all(set(p) == {"employer", "shortlisted", "booked", "interviewed"}
               for p in figures["phase_two"])
    info = json.loads(fairdesk("info", str(event), "--json", check=True).stdout)
    assert sum(a["count"] for a in figures["arrivals"]) == info["checked_in"]
    assert sum(p["shortlisted"] for p in figures["phase_two"]) == info["shortlisted"]
    assert len(figures["booths"]) == info["employers"] == 3
    assert 0 <= figures["no_visit"] <= info["checked_in"]


def test_stats_moves_when_a_desk_checks_someone_in(event: Path) -> None:
    before = json.loads(fairdesk("stats", str(event), "--json", check=True).stdout)
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    waiting = next(c["ref"] for c in listing if not c["checked_in"])
    fairdesk("checkin", str(event), "--ref", waiting, "--desk", "2", check=True)
    after = json.loads(fairdesk("stats", str(event), "--json", check=True).stdout)
    total = sum(a["count"] for a in after["arrivals"])
    assert total == sum(a["count"] for a in before["arrivals"]) + 1
    assert after["no_visit"] == before["no_visit"] + 1


def test_stats_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    done = fairdesk("stats", str(tmp_path / "nope.fairdesk"), "--json")
    assert done.returncode == 1 and "no such event file" in done.stderr


def test_candidate_json_prints_the_whole_record(event: Path) -> None:
    listing = json.loads(fairdesk("visits", str(event), "--json", check=True).stdout)
    ref = listing[0]["ref"]
    found = json.loads(fairdesk("candidate", str(event), ref.lower(), "--json",
                                check=True).stdout)
    assert found["ref"] == ref and found["name"]
    for key in ("email", "phone", "consent", "checkins", "prints", "visits", "audit"):
        assert key in found
    assert found["resume"] is None  # the demo was made with --no-resumes
    assert any(v["employer"] == listing[0]["employer"] for v in found["visits"])
    text = fairdesk("candidate", str(event), ref, check=True).stdout
    assert ref in text and "visits:" in text


def test_candidate_unknown_ref_is_refused(event: Path) -> None:
    done = fairdesk("candidate", str(event), "C-9999", "--json")
    assert done.returncode == 1 and "C-9999" in done.stderr
