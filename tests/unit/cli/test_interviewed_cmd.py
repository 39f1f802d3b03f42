"""Black-box tests of ``fairdesk interviewed`` (issue 15 item 7: "interviewed if recorded")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.test_cli_core import fairdesk

PAST, FUTURE = "2020-05-02", "2030-05-02"  # a slot that has started, one that has not


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interviewed") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "12", "--employers", "2", "--no-resumes",
             check=True)
    for day in (PAST, FUTURE):
        fairdesk("slots", "add", str(path), "--employer", "1", "--day", day, "--start",
                 "09:00", "--end", "10:00", "--length", "30", check=True)
    return path


def _book(event: Path, ref: str, day: str, index: int = 0) -> None:
    listing = json.loads(fairdesk("slots", str(event), "--employer", "1", "--json",
                                  check=True).stdout)
    slot = [s for s in listing if s["day"] == day][index]
    fairdesk("book", str(event), "--employer", "1", "--ref", ref, "--slot", str(slot["id"]),
             check=True)


def test_interviewed_then_a_no_show_then_interviewed_again(event: Path) -> None:
    _book(event, "C-0002", PAST)
    done = fairdesk("interviewed", str(event), "--employer", "1", "--ref", "C-0002", "--json")
    assert done.returncode == 0, done.stderr
    marked = json.loads(done.stdout)
    assert (marked["ref"], marked["attended"], marked["state"]) == ("C-0002", True, "booked")

    text = fairdesk("interviewed", str(event), "--employer", "1", "--ref", "C-0002",
                    "--no-show", check=True).stdout
    assert "C-0002 as a no-show" in text
    again = json.loads(fairdesk("interviewed", str(event), "--employer", "1", "--ref",
                                "c-0002", "--json", check=True).stdout)
    assert again["attended"] is True  # the last tap wins
    figures = json.loads(fairdesk("stats", str(event), "--json", check=True).stdout)
    assert [p["interviewed"] for p in figures["phase_two"]] == [1, 0]


def test_refused_when_not_booked_not_started_or_unbooked(event: Path) -> None:
    none = fairdesk("interviewed", str(event), "--employer", "1", "--ref", "C-0005")
    assert none.returncode == 1 and "C-0005 has no interview with" in none.stderr
    assert none.stderr.count("\n") == 1

    _book(event, "C-0006", FUTURE)
    early = fairdesk("interviewed", str(event), "--employer", "1", "--ref", "C-0006")
    assert early.returncode == 1 and "has not started yet" in early.stderr

    _book(event, "C-0007", PAST, index=1)
    fairdesk("unbook", str(event), "--employer", "1", "--ref", "C-0007", check=True)
    gone = fairdesk("interviewed", str(event), "--employer", "1", "--ref", "C-0007",
                    "--no-show")
    assert gone.returncode == 1 and "no interview" in gone.stderr


def test_usage_errors_exit_2(event: Path) -> None:
    assert fairdesk("interviewed", str(event), "--ref", "C-0002").returncode == 2
    assert fairdesk("interviewed", str(event), "--employer", "1").returncode == 2
