"""Black-box tests of ``fairdesk import``: run ``python -m fairdesk`` as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fairdesk.services.events import create_event

pytestmark = pytest.mark.slow


def fairdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fairdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "fair.fairdesk"
    create_event(path, "CLI Fair").close()
    return path


def test_candidates_then_resumes(event: Path, samples: Path) -> None:
    roster = samples / "roster-form-export.csv"
    dry = fairdesk("import", "candidates", event, roster, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["imported"] == 40
    assert json.loads(fairdesk("info", event, "--json").stdout)["candidates"] == 0
    done = fairdesk("import", "candidates", event, roster, "--json")
    report = json.loads(done.stdout)
    assert set(report) == {"rows", "imported", "updated", "duplicates", "skipped", "warnings",
                           "problems"}
    assert (report["rows"], report["imported"], report["skipped"]) == (43, 40, 2)
    again = json.loads(fairdesk("import", "candidates", event, roster, "--json").stdout)
    assert (again["imported"], again["updated"]) == (0, 0)
    files = json.loads(fairdesk("import", "resumes", event, samples / "cvs", "--json").stdout)
    assert (files["files"], files["matched"], len(files["rejected"])) == (36, 31, 4)
    people = fairdesk("import", "resumes", event, samples / "cvs")
    assert "CV_truncated_download.pdf" in people.stdout and "To review" in people.stdout


def test_human_report_names_rows(event: Path, samples: Path) -> None:
    done = fairdesk("import", "candidates", event, samples / "roster-form-export.csv")
    assert done.returncode == 0
    assert "40 new" in done.stdout and "empty row" in done.stdout


def test_employers(event: Path, tmp_path: Path) -> None:
    path = tmp_path / "employers.csv"
    path.write_text("Company,Booth,Sector\nIsland BPO,1,BPO\n", encoding="utf-8")
    report = json.loads(fairdesk("import", "employers", event, path, "--json").stdout)
    assert report["imported"] == 1
    assert json.loads(fairdesk("employers", event, "--json").stdout)[0]["name"] == "Island BPO"


@pytest.mark.parametrize("args", [
    ("candidates", "missing.csv"), ("employers", "missing.csv"), ("resumes", "no-folder"),
])
def test_missing_input_exits_1_with_one_line(event: Path, tmp_path: Path,
                                             args: tuple[str, str]) -> None:
    done = fairdesk("import", args[0], event, tmp_path / args[1])
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no such" in done.stderr


def test_a_file_with_no_name_column_is_refused(event: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Colour,Size\nred,2\n", encoding="utf-8")
    done = fairdesk("import", "candidates", event, path)
    assert done.returncode == 1 and "name" in done.stderr


def test_usage_errors_exit_2(event: Path) -> None:
    assert fairdesk("import", "candidates", event).returncode == 2
    assert fairdesk("import", "nothing", event, "x").returncode == 2
