"""The launcher's summaries: what opening reads, worded as opening refuses, with no write."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import fairdesk
from fairdesk.services.candidates import count_candidates
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.employers import add_employer, all_employers
from fairdesk.services.events import create_event
from fairdesk.services.launcher import summarise
from fairdesk.services.session import open_session
from fairdesk.storage.migrations import LATEST


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_summary_says_what_opening_the_event_reads(tmp_path: Path) -> None:
    path = tmp_path / "demo.fairdesk"
    demo = build_demo(path, DemoSpec(candidates=40, employers=5, resumes=False))
    add_employer(demo, "Zulu Services", booth="A")  # booth order: numbers, then the rest
    add_employer(demo, "Alpha Tech", booth="12")
    demo.close()
    before = path.read_bytes()
    summary = summarise(path)
    assert path.read_bytes() == before and _files(tmp_path) == ["demo.fairdesk"]
    session = open_session(path)
    try:
        assert summary.ok
        assert (summary.name, summary.venue, summary.candidates) == (
            session.event.name, session.event.venue, count_candidates(session))
        assert [(e.id, e.name, e.booth) for e in summary.employers] == [
            (e.id, e.name, e.booth) for e in all_employers(session)]
    finally:
        session.close()


def _damaged(path: Path) -> None:
    """An event whose employers' page is wiped (opening works; reading them does not)."""
    session = create_event(path, "Damaged Fair")
    add_employer(session, "Helios", booth="1")
    session.close()
    with sqlite3.connect(path) as conn:
        page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'employers'"
                            ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096:page * 4096] = bytes(4096)
    path.write_bytes(bytes(data))


def _with_sql(name: str, sql: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        create_event(path, name).close()
        with sqlite3.connect(path) as conn:
            conn.execute(sql)
        conn.close()
    return make


def _other_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def _truncated(path: Path) -> None:
    create_event(path, "Cut Fair").close()
    path.write_bytes(path.read_bytes()[:3 * 4096])


SENTENCES: list[tuple[str, Callable[[Path], None], str]] = [
    ("cv.pdf", lambda p: p.write_bytes(b"%PDF-1.4"),
     "cv.pdf is not a FairDesk event file (it is not a SQLite database)."),
    ("empty.fairdesk", lambda p: p.write_bytes(b""),
     "empty.fairdesk is not a FairDesk event file (it is not a SQLite database)."),
    ("noise.fairdesk", lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4080),
     "noise.fairdesk is not a FairDesk event file (file is not a database)."),
    ("other.db", _other_database, "other.db is a SQLite database but not a FairDesk event file."),
    ("cut.fairdesk", _truncated,
     "cut.fairdesk is not a FairDesk event file (database disk image is malformed)."),
    ("damaged.fairdesk", _damaged,
     "damaged.fairdesk is not a FairDesk event file (database disk image is malformed)."),
    ("new.fairdesk", _with_sql("New", f"PRAGMA user_version = {LATEST + 1}"),
     f"new.fairdesk was made by a newer FairDesk (schema {LATEST + 1}; this one reads up "
     f"to {LATEST}). Update FairDesk to open it."),
    ("blank.fairdesk", _with_sql("Blank", "DELETE FROM event"),
     "blank.fairdesk is not a FairDesk event file (it holds no event)."),
]


@pytest.mark.parametrize(("name", "make", "sentence"), SENTENCES,
                         ids=[name for name, _, _ in SENTENCES])
def test_a_file_that_cannot_be_opened_gets_the_sentence_opening_gives(
        tmp_path: Path, name: str, make: Callable[[Path], None], sentence: str) -> None:
    path = tmp_path / name
    make(path)
    before = path.read_bytes()
    summary = summarise(path)
    assert not summary.ok and summary.problem == sentence
    assert path.read_bytes() == before and _files(tmp_path) == [name]


def test_a_file_that_is_gone_says_so(tmp_path: Path) -> None:
    path = tmp_path / "gone.fairdesk"
    assert summarise(path).problem == f"{path}: no such event file."
    assert _files(tmp_path) == []


# ------------------------------------------------------------ permissions
# Root reads any file, so as root the summary is made by an unprivileged user.
_SUMMARISE = """
import json, sys
from pathlib import Path
from fairdesk.services.launcher import summarise
print(json.dumps([[s.name, s.problem] for s in map(summarise, map(Path, sys.argv[1:]))]))
"""


def _summarise_unprivileged(*paths: Path) -> list[list[str]]:
    command = [sys.executable, "-c", _SUMMARISE, *map(str, paths)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("as root this needs setpriv to read as another user")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    here = str(Path(fairdesk.__file__).resolve().parents[1])  # this checkout, not an install
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True,
                          env={**os.environ, "PYTHONPATH": here}, cwd="/")
    result: list[list[str]] = json.loads(done.stdout)
    return result


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder another user may enter (pytest's own are this user's only)."""
    folder = Path(tempfile.mkdtemp(prefix="fairdesk-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_a_file_this_user_may_not_read_says_so(shared: Path) -> None:
    path = shared / "secret.fairdesk"
    create_event(path, "Secret").close()
    path.chmod(0)
    assert _summarise_unprivileged(path) == [
        ["", "secret.fairdesk cannot be read (Permission denied)."]]


def test_a_read_only_folder_is_read_while_the_event_is_open_else_said(shared: Path) -> None:
    """SQLite reads a WAL file only through its -wal and -shm: while another
    connection has the event open they exist, otherwise it cannot make them there."""
    folder = shared / "read-only"
    folder.mkdir()
    path = folder / "e.fairdesk"
    session = create_event(path, "Open Fair")
    folder.chmod(0o555)
    assert _summarise_unprivileged(path) == [["Open Fair", ""]]
    folder.chmod(0o755)
    session.close()  # the last connection removes its -wal and -shm
    assert _files(folder) == ["e.fairdesk"]
    folder.chmod(0o555)
    assert _summarise_unprivileged(path) == [
        ["", "e.fairdesk cannot be read (its folder is read-only for this user, and SQLite "
         "keeps an open event's journal beside it; copy it to a folder you can write to)."]]
    assert _files(folder) == ["e.fairdesk"]
