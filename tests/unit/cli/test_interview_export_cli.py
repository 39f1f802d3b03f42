"""Black-box tests of ``fairdesk export interviews`` and ``fairdesk slip``."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from icalendar import Calendar

from tests.unit.cli.test_cli_core import fairdesk

DAY = "2030-05-02"  # ahead of any real clock: --next finds these slots


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("interview-exports") / "demo.fairdesk"
    fairdesk("demo", str(path), "--candidates", "12", "--employers", "2", "--no-resumes",
             check=True)
    fairdesk("slots", "add", str(path), "--employer", "1", "--day", DAY, "--start", "09:00",
             "--end", "10:00", "--length", "30", "--rooms", "2", check=True)
    fairdesk("slots", "add", str(path), "--employer", "2", "--day", DAY, "--start", "11:00",
             "--end", "12:00", "--length", "30", check=True)
    for booth, ref in (("1", "C-0001"), ("1", "C-0002"), ("2", "C-0001")):
        fairdesk("book", str(path), "--employer", booth, "--ref", ref, "--next", check=True)
    return path


def _no_partials(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.startswith(".fairdesk-")]


def test_export_writes_schedules_calendars_and_letters(event: Path, tmp_path: Path) -> None:
    out = tmp_path / "interviews"
    done = fairdesk("export", "interviews", str(event), "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["employers"], report["booked"], report["clashes"]) == (2, 3, 0)
    for name in report["files"]:
        assert (out / name).stat().st_size > 0, name
    _no_partials(out)
    calendars = [out / n for n in report["files"] if n.endswith(".ics")]
    assert len(calendars) == 4  # two employers, two candidates
    for path in calendars:
        cal = Calendar.from_ical(path.read_bytes())
        assert cal.walk("VTIMEZONE") and cal.walk("STANDARD") + cal.walk("DAYLIGHT")
    employers = json.loads(fairdesk("employers", str(event), "--json", check=True).stdout)
    rooms = {"1": 2, "2": 1}  # a page per day and room
    for employer in employers:
        with pikepdf.open(out / f"{employer['name']} interviews.pdf") as pdf:
            assert len(pdf.pages) == rooms[str(employer["booth"])]
    text = fairdesk("export", "interviews", str(event), "--out", str(out), check=True).stdout
    assert "files for 2 employers" in text and "3 booked" in text


def test_one_employer_and_a_bad_employer(event: Path, tmp_path: Path) -> None:
    one = json.loads(fairdesk("export", "interviews", str(event), "--out", str(tmp_path / "one"),
                              "--employer", "2", "--json", check=True).stdout)
    assert one["employers"] == 1 and one["booked"] == 1
    bad = fairdesk("export", "interviews", str(event), "--out", str(tmp_path / "bad"),
                   "--employer", "nope")
    assert bad.returncode == 1
    assert bad.stderr == "fairdesk: No employer with id, booth or name 'nope'.\n"
    assert not (tmp_path / "bad").exists()


def test_out_that_is_a_file_is_refused(event: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken.txt"
    taken.write_text("keep me")
    done = fairdesk("export", "interviews", str(event), "--out", str(taken))
    assert done.returncode == 1 and "is a file" in done.stderr
    assert done.stderr.count("\n") == 1 and taken.read_text() == "keep me"


def test_usage_errors_exit_2(event: Path) -> None:
    assert fairdesk("export", "interviews", str(event)).returncode == 2
    assert fairdesk("slip", str(event), "--out", "x.pdf").returncode == 2


def test_slip_is_written_whole_or_not_at_all(event: Path, tmp_path: Path) -> None:
    out = tmp_path / "slip.pdf"
    done = fairdesk("slip", str(event), "--ref", "C-0001", "--out", str(out),
                    "--layout", "brother-62")
    assert done.returncode == 0, done.stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2  # two interviews, a label each
    _no_partials(tmp_path)
    before = out.read_bytes()
    for args, words in ((("--ref", "C-0009"), "has no interview"),
                        (("--ref", "C-9999"), "No candidate"),
                        (("--ref", "C-0001", "--layout", "nope"), "No badge layout 'nope'")):
        refused = fairdesk("slip", str(event), *args, "--out", str(out))
        assert refused.returncode == 1 and words in refused.stderr, refused.stderr
        assert refused.stderr.count("\n") == 1
        assert out.read_bytes() == before, "a refusal leaves the old file alone"
    _no_partials(tmp_path)


def test_slip_out_must_be_a_pdf_file(event: Path, tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "slip.txt"):
        done = fairdesk("slip", str(event), "--ref", "C-0001", "--out", str(target))
        assert done.returncode == 1 and ".pdf" in done.stderr


def test_a_listing_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    """``fairdesk slots EVENT | head -1``: the closed pipe is no error (it was caught
    as an OSError first and said "[Errno 32] Broken pipe", exit 1)."""
    import subprocess
    import sys

    event = tmp_path / "big.fairdesk"
    fairdesk("demo", str(event), "--candidates", "5", "--employers", "1", "--no-resumes",
             check=True)
    fairdesk("slots", "add", str(event), "--employer", "1", "--day", DAY, "--start", "08:00",
             "--end", "18:00", "--length", "5", "--rooms", "20", check=True)  # > a pipe's 64 kB
    with subprocess.Popen([sys.executable, "-m", "fairdesk", "slots", str(event)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()  # what head does after its line
        err = child.stderr.read()
        assert child.wait(timeout=60) == 0, err
    assert b"Broken pipe" not in err


def test_one_employer_is_singular(event: Path, tmp_path: Path) -> None:
    text = fairdesk("export", "interviews", str(event), "--out", str(tmp_path), "--employer",
                    "2", check=True).stdout
    assert " files for 1 employer in " in text
