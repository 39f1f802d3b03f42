"""Black-box tests of ``fairdesk merge`` and ``fairdesk erase`` (issue 16),
with the raw-bytes test: after an erasure no byte of the person's name,
email, phone or résumé is left in the event file or its write-ahead log."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from fairdesk.services import corrections
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import open_session
from tests.unit.cli.test_cli_core import fairdesk

NAME = ("Zebedee", "Quillfeather")
EMAIL = "zebedee.quillfeather@example.org"
PHONE = "+17584441234"


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "fair.fairdesk"
    build_demo(path, DemoSpec(30, 3, seed=11, resumes=True)).close()
    return path


def _with_resume(path: Path) -> dict[str, object]:
    listing = json.loads(fairdesk("candidates", str(path), "--json", check=True).stdout)
    refs = [c["ref"] for c in listing]
    for ref in refs:
        found = json.loads(fairdesk("candidate", str(path), ref, "--json", check=True).stdout)
        if found["resume"] is not None:
            return found
    raise AssertionError("the demo has no résumé")


def _raw(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal"))
                    if p.exists())


def test_merge_moves_the_record_and_the_dropped_ref_opens_the_kept_one(event: Path) -> None:
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    keep, drop = listing[0]["ref"], listing[1]["ref"]
    before = json.loads(fairdesk("candidate", str(event), drop, "--json", check=True).stdout)
    done = json.loads(fairdesk("merge", str(event), "--keep", keep, "--drop", drop, "--json",
                               check=True).stdout)
    assert (done["kept"], done["dropped"]) == (keep, drop)
    assert done["moved"]["checkins"] == len(before["checkins"])
    assert done["moved"]["visits"] == len(before["visits"])
    opened = json.loads(fairdesk("candidate", str(event), drop, "--json", check=True).stdout)
    assert opened["ref"] == keep
    assert len(opened["checkins"]) >= len(before["checkins"])
    refs = {c["ref"] for c in json.loads(fairdesk("candidates", str(event), "--json",
                                                  check=True).stdout)}
    assert drop not in refs and keep in refs
    text = fairdesk("candidate", str(event), keep, check=True).stdout
    assert "candidate.merge" in text  # the trail says what happened


def test_merge_refuses_one_record_with_itself_and_unknown_refs(event: Path) -> None:
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    ref = listing[0]["ref"]
    same = fairdesk("merge", str(event), "--keep", ref, "--drop", ref)
    assert same.returncode == 1 and "already one record" in same.stderr
    unknown = fairdesk("merge", str(event), "--keep", ref, "--drop", "C-9999")
    assert unknown.returncode == 1 and "C-9999" in unknown.stderr


@pytest.mark.parametrize("other_app", [False, True], ids=["alone", "file-open-elsewhere"])
def test_erase_leaves_no_byte_of_the_person_in_the_file_or_its_log(event: Path,
                                                                   other_app: bool) -> None:
    person = _with_resume(event)
    ref = str(person["ref"])
    with closing(open_session(event)) as session:  # a misspelt name fixed first: history too
        corrections.correct(session, ref, first_name=NAME[0], last_name=NAME[1],
                            email=EMAIL, phone=PHONE)
    blob = subprocess.run([sys.executable, "-c", (
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
        "sha=c.execute('SELECT resume_sha FROM candidates WHERE ref=?',(sys.argv[2],))"
        ".fetchone()[0]; sys.stdout.buffer.write(c.execute("
        "'SELECT data FROM resumes WHERE sha256=?',(sha,)).fetchone()[0])"),
        str(event), ref], capture_output=True, check=True).stdout
    assert len(blob) > 200
    chunk = blob[len(blob) // 2: len(blob) // 2 + 64]
    raw = _raw(event)
    for needle in (NAME[1].encode(), EMAIL.encode(), chunk):
        assert needle in raw  # the test can see them before

    # an idle app holding the file keeps its log from being removed at exit
    elsewhere = sqlite3.connect(event) if other_app else None
    if elsewhere is not None:
        elsewhere.execute("SELECT count(*) FROM candidates").fetchone()
    done = fairdesk("erase", str(event), "--ref", ref, "--reason", "asked by email", "--yes",
                    "--json")
    assert done.returncode == 0, done.stderr
    if elsewhere is not None:
        assert event.with_name(event.name + "-wal").exists()
    assert json.loads(done.stdout)["erased"] is True

    raw = _raw(event)
    for needle in (NAME[0].encode(), NAME[1].encode(), EMAIL.encode(), PHONE.encode(),
                   PHONE[2:].encode(), chunk):
        assert needle not in raw, needle
    found = json.loads(fairdesk("candidate", str(event), ref, "--json", check=True).stdout)
    assert found["name"] == "erased candidate" and found["resume"] is None
    assert len(found["visits"]) == len(person["visits"])  # the counts stay
    audit = [a["action"] for a in found["audit"]]
    assert "candidate.erase" in audit
    if elsewhere is not None:
        elsewhere.close()


def test_erase_without_a_terminal_or_yes_changes_nothing(event: Path) -> None:
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    ref = listing[0]["ref"]
    done = fairdesk("erase", str(event), "--ref", ref, "--reason", "asked")
    assert done.returncode == 1 and "--yes" in done.stderr
    found = json.loads(fairdesk("candidate", str(event), ref, "--json", check=True).stdout)
    assert found["name"] == listing[0]["name"]


def test_erase_needs_a_reason_and_refuses_twice(event: Path) -> None:
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    ref = listing[0]["ref"]
    blank = fairdesk("erase", str(event), "--ref", ref, "--reason", "  ", "--yes")
    assert blank.returncode == 1 and "why" in blank.stderr.lower()
    fairdesk("erase", str(event), "--ref", ref, "--reason", "asked", "--yes", check=True)
    again = fairdesk("erase", str(event), "--ref", ref, "--reason", "asked", "--yes")
    assert again.returncode == 1 and "already" in again.stderr



def test_merging_a_ref_merged_away_already_says_so(event: Path) -> None:
    listing = json.loads(fairdesk("candidates", str(event), "--json", check=True).stdout)
    keep, drop = listing[0]["ref"], listing[1]["ref"]
    fairdesk("merge", str(event), "--keep", keep, "--drop", drop, check=True)
    again = fairdesk("merge", str(event), "--keep", keep, "--drop", drop.lower())
    assert again.returncode == 1 and f"{drop} was merged into {keep} already" in again.stderr
