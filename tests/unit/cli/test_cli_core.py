"""Black-box tests of the core commands: run ``python -m fairdesk`` as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def fairdesk(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "fairdesk", *args], capture_output=True,
                          text=True, timeout=120)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "60", "--employers", "3", "--seed", "5",
             "--no-resumes", check=True)
    return path


def test_info_json_keys(demo: Path) -> None:
    info = json.loads(fairdesk("info", str(demo), "--json", check=True).stdout)
    assert info["candidates"] == 60
    assert info["employers"] == 3
    for key in ("checked_in", "walk_ins", "visits", "resumes", "badges_printed"):
        assert isinstance(info[key], int)


def test_candidates_json_and_search(demo: Path) -> None:
    everyone = json.loads(fairdesk("candidates", str(demo), "--json", check=True).stdout)
    assert len(everyone) == 60
    assert set(everyone[0]) == {"ref", "name", "email", "phone", "checked_in", "consent",
                                "walk_in", "has_resume"}
    someone = everyone[0]
    surname = str(someone["name"]).split()[-1]
    found = json.loads(fairdesk("candidates", str(demo), "--search", surname, "--json",
                                check=True).stdout)
    assert someone["ref"] in [f["ref"] for f in found]


def test_employers_and_visits(demo: Path) -> None:
    employers = json.loads(fairdesk("employers", str(demo), "--json", check=True).stdout)
    assert {"id", "name", "booth"} <= set(employers[0])
    first = employers[0]["id"]
    visits = json.loads(fairdesk("visits", str(demo), "--employer", first, "--json",
                                 check=True).stdout)
    assert visits and set(visits[0]) >= {"ref", "employer", "time", "seen", "rating", "tags",
                                         "notes", "shortlist"}
    assert {v["employer"] for v in visits} == {employers[0]["name"]}


def test_checkin_then_again_then_unknown(demo: Path) -> None:
    everyone = json.loads(fairdesk("candidates", str(demo), "--json", check=True).stdout)
    waiting = next(p for p in everyone if not p["checked_in"])
    done = fairdesk("checkin", str(demo), "--ref", str(waiting["ref"]), "--desk", "2", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "checked_in"
    again = fairdesk("checkin", str(demo), "--ref", str(waiting["ref"]))
    assert again.returncode == 1
    assert "already checked in" in again.stderr and again.stderr.count("\n") == 1
    unknown = fairdesk("checkin", str(demo), "--ref", "C-9999")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("fairdesk: ") and unknown.stderr.count("\n") == 1


def test_bad_usage_exits_2(demo: Path) -> None:
    assert fairdesk("checkin", str(demo)).returncode == 2
    assert fairdesk("frobnicate").returncode == 2
    assert fairdesk("info").returncode == 2


def test_not_an_event_exits_1_with_a_sentence(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.fairdesk"
    bogus.write_text("hello")
    done = fairdesk("info", str(bogus))
    assert done.returncode == 1
    assert "not a FairDesk event file" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_refuses_to_overwrite(demo: Path) -> None:
    done = fairdesk("demo", str(demo), "--candidates", "5")
    assert done.returncode == 1
    assert "already exists" in done.stderr


def test_bench_json_rows_and_unknown_figure() -> None:
    done = fairdesk("bench", "--quick", "--only", "checkin", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["name"] for r in rows] == ["checkin"]
    assert set(rows[0]) >= {"name", "value", "unit", "baseline", "ratio", "target", "ok"}
    assert rows[0]["value"] > 0 and rows[0]["baseline"] > 0
    unknown = fairdesk("bench", "--only", "nope")
    assert unknown.returncode == 1 and "no figure named nope" in unknown.stderr


def test_demo_makes_the_folders_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "fairs" / "2026" / "demo.fairdesk"
    done = fairdesk("demo", str(path), "--candidates", "4", "--employers", "1", "--no-resumes")
    assert done.returncode == 0, done.stderr
    assert json.loads(fairdesk("info", str(path), "--json", check=True).stdout)["candidates"] == 4
    assert sorted(p.name for p in path.parent.iterdir() if p.suffix == ".fairdesk") == [
        "demo.fairdesk"]


def test_demo_under_a_file_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    done = fairdesk("demo", str(tmp_path / "notes.txt" / "demo.fairdesk"), "--candidates", "2",
                    "--employers", "1", "--no-resumes")
    assert done.returncode == 1
    assert done.stderr.startswith("fairdesk: cannot make the folder ")
    assert "notes.txt" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_the_command_line_loads_only_what_the_command_needs() -> None:
    """Every command pays for the parser: building it must not load the services
    of other commands (issue 18: ``fairdesk import`` against sqlite-utils' CLI)."""
    code = ("import sys, fairdesk.cli as c; c.build_parser(); "
            "print(' '.join(m for m in sys.modules if m.startswith('fairdesk.services.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    loaded = set(done.stdout.split())
    for heavy in ("live", "interviews", "candidate_record", "erasure", "merging", "visits",
                  "events", "importing", "exports", "badges"):
        assert f"fairdesk.services.{heavy}" not in loaded, loaded
