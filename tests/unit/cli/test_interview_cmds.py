"""Black-box tests of ``fairdesk slots``, ``book`` and ``unbook``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.test_cli_core import fairdesk

DAY = "2030-05-02"  # ahead of any real clock: --next finds these slots


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interviews") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "20", "--employers", "2", "--no-resumes",
             check=True)
    for booth, start in (("1", "09:00"), ("2", "09:10")):
        fairdesk("slots", "add", str(path), "--employer", booth, "--day", DAY, "--start",
                 start, "--end", "10:10", "--length", "30", "--json", check=True)
    return path


def _slots(event: Path, booth: str) -> list[dict[str, object]]:
    return list(json.loads(fairdesk("slots", str(event), "--employer", booth, "--json",
                                    check=True).stdout))


def test_slots_list_keys_and_free_slots(event: Path) -> None:
    listing = _slots(event, "1")
    assert [(s["start"], s["end"]) for s in listing] == [("09:00", "09:30"), ("09:30", "10:00")]
    assert {"id", "employer", "day", "start", "end", "room", "ref"} <= set(listing[0])
    assert all(s["ref"] is None and s["day"] == DAY for s in listing)


def test_book_clash_taken_move_and_unbook(event: Path) -> None:
    first = _slots(event, "1")[0]
    done = fairdesk("book", str(event), "--employer", "1", "--ref", "C-0002", "--slot",
                    str(first["id"]), "--json")
    assert done.returncode == 0, done.stderr
    booked = json.loads(done.stdout)
    assert (booked["ref"], booked["start"], booked["state"]) == ("C-0002", "09:00", "booked")
    assert _slots(event, "1")[0]["ref"] == "C-0002"

    taken = fairdesk("book", str(event), "--employer", "1", "--ref", "C-0003", "--slot",
                     str(first["id"]))
    assert taken.returncode == 1 and "already taken" in taken.stderr
    assert taken.stderr.count("\n") == 1

    other = _slots(event, "2")[0]  # 09:10–09:40 overlaps 09:00–09:30
    clash = fairdesk("book", str(event), "--employer", "2", "--ref", "C-0002", "--slot",
                     str(other["id"]))
    assert clash.returncode == 1
    assert "09:00–09:30 with" in clash.stderr and "choose another time" in clash.stderr

    nxt = json.loads(fairdesk("book", str(event), "--employer", "2", "--ref", "C-0002",
                              "--next", "--json", check=True).stdout)
    assert nxt["start"] == "09:40"  # the first at booth 2 that fits around 09:00–09:30
    assert fairdesk("unbook", str(event), "--employer", "2", "--ref", "C-0002").returncode == 0

    moved = json.loads(fairdesk("book", str(event), "--employer", "1", "--ref", "C-0002",
                                "--next", "--json", check=True).stdout)
    assert moved["moved_from"] == first["id"] and moved["start"] == "09:30"
    assert fairdesk("unbook", str(event), "--employer", "1", "--ref", "C-0002").returncode == 0
    assert all(s["ref"] is None for s in _slots(event, "1"))
    again = fairdesk("unbook", str(event), "--employer", "1", "--ref", "C-0002")
    assert again.returncode == 1 and "no interview" in again.stderr


def test_slots_remove_takes_free_slots_back_and_refuses_a_booked_one(event: Path) -> None:
    day = "2030-05-03"  # a day of its own: the other tests' slots stay
    made = json.loads(fairdesk("slots", "add", str(event), "--employer", "1", "--day", day,
                               "--start", "14:00", "--end", "15:00", "--length", "20",
                               "--json", check=True).stdout)
    ids = [str(s["id"]) for s in made]
    fairdesk("book", str(event), "--employer", "1", "--ref", "C-0005", "--slot", ids[2],
             check=True)
    held = fairdesk("slots", "remove", str(event), "--slot", ids[0], "--slot", ids[2])
    assert held.returncode == 1 and "C-0005 holds the slot" in held.stderr
    assert held.stderr.count("\n") == 1
    done = fairdesk("slots", "remove", str(event), "--slot", ids[0], "--slot", ids[1],
                    "--slot", "nope")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Removed 2 slots; 1 not found or already removed."
    left = [s for s in _slots(event, "1") if s["day"] == day]
    assert [(s["start"], s["ref"]) for s in left] == [("14:40", "C-0005")]
    assert json.loads(fairdesk("slots", "remove", str(event), "--slot", ids[0], "--json",
                               check=True).stdout) == []
    fairdesk("unbook", str(event), "--employer", "1", "--ref", "C-0005", check=True)
    assert json.loads(fairdesk("slots", "remove", str(event), "--slot", ids[2], "--json",
                               check=True).stdout) == [ids[2]]


def test_usage_errors_exit_2(event: Path) -> None:
    assert fairdesk("slots", "add", str(event), "--employer", "1").returncode == 2
    assert fairdesk("slots", "add", str(event), "x", "y").returncode == 2
    assert fairdesk("slots", "remove", str(event)).returncode == 2  # which slots?
    assert fairdesk("book", str(event), "--employer", "1", "--ref", "C-0001").returncode == 2
    assert fairdesk("book", str(event), "--employer", "1", "--ref", "C-0001", "--next",
                    "--slot", "x").returncode == 2
    assert fairdesk("unbook", str(event), "--ref", "C-0001").returncode == 2


def test_refusals_exit_1_with_the_field(event: Path) -> None:
    bad = fairdesk("slots", "add", str(event), "--employer", "1", "--day", "02/05/2030",
                   "--start", "09:00", "--end", "10:00")
    assert bad.returncode == 1 and "day" in bad.stderr
    unknown = fairdesk("book", str(event), "--employer", "1", "--ref", "C-0001", "--slot",
                       "nope")
    assert unknown.returncode == 1 and "no interview slot" in unknown.stderr
    zero = fairdesk("slots", "add", str(event), "--employer", "1", "--day", DAY,
                    "--start", "13:00", "--end", "14:00", "--length", "0")
    assert zero.returncode == 1 and "5 to 480 minutes" in zero.stderr  # not the default 20
