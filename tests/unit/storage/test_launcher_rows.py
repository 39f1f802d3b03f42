"""The launcher's listing of an event file: read-only, any schema, beside a writer."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.services.events import create_event
from fairdesk.storage import launcher_rows
from fairdesk.storage.launcher_rows import EmployerListing, EventListing, read_listing
from fairdesk.storage.migrations import LATEST

OLD = EventListing("Old Fair", "Old Hall", 2, (EmployerListing("m2", "Acme Calls", "2"),
                                              EmployerListing("m10", "Zephyr BPO", "10")))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("version", range(1, LATEST + 1))
def test_every_schema_is_listed_as_it_is(tmp_path: Path, version: int,
                                         older_event: Callable[[Path, int], Path]) -> None:
    path = older_event(tmp_path / "old.fairdesk", version)
    before = path.read_bytes()
    assert read_listing(path) == OLD
    assert path.read_bytes() == before  # not upgraded: same bytes, same user_version
    assert int.from_bytes(before[60:64], "big") == version
    assert _files(tmp_path) == ["old.fairdesk"]  # no backup, and no -wal or -shm left


def test_an_odd_file_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "Fête #2 ?100% sure.fairdesk"
    create_event(path, "Fête", venue="Hall").close()
    assert read_listing(path) == EventListing("Fête", "Hall", 0, ())
    assert _files(tmp_path) == [path.name]


def test_a_link_is_read_through_the_wal_beside_the_file_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    path = tmp_path / "events" / "e.fairdesk"
    session = create_event(path, "Linked")
    link = tmp_path / "link.fairdesk"
    link.symlink_to(path)
    with session.store.transaction():  # a commit still in the open session's WAL
        session.store.execute("UPDATE event SET venue = 'Live Hall'")
    try:
        assert read_listing(link).venue == "Live Hall"
    finally:
        session.close()
    assert _files(tmp_path / "events") == ["e.fairdesk"]


# Another process with the event open: a commit in its WAL (not yet in the file) and a
# write transaction still open when the launcher reads.
_WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("INSERT INTO candidates (id, ref, created_at) VALUES ('w1', 'C-9001', 'x')")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO candidates (id, ref, created_at) VALUES ('w2', 'C-9002', 'x')")
print("writing", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("committed", flush=True)
sys.stdin.readline()
conn.close()
"""


def _tell(writer: subprocess.Popen[str]) -> str:
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write("\n")
    writer.stdin.flush()
    return writer.stdout.readline().strip()


def test_an_event_another_process_is_writing_is_read_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "live.fairdesk"
    create_event(path, "Live Fair").close()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        start = time.perf_counter()
        assert read_listing(path).candidates == 1  # its last commit, through its WAL
        assert time.perf_counter() - start < 1  # not waiting for its transaction
        assert _tell(writer) == "committed"
        assert read_listing(path).candidates == 2
        _tell(writer)
        assert writer.wait(10) == 0
    finally:
        writer.kill()
    assert _files(tmp_path) == ["live.fairdesk"]  # its close removed its -wal and -shm


def test_a_file_that_is_opened_while_it_is_read_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A closed file is read immutable; a writer that commits meanwhile (so the file
    has a -wal again) sends the read through the writer's WAL."""
    import sqlite3

    path = tmp_path / "e.fairdesk"
    create_event(path, "E").close()
    writer = sqlite3.connect(path, isolation_level=None)
    read = launcher_rows._read
    modes: list[bool] = []

    def opened_meanwhile(target: Path, real: Path, immutable: bool) -> EventListing:
        modes.append(immutable)
        if len(modes) == 1:
            writer.execute("INSERT INTO candidates (id, ref, created_at) VALUES ('c', 'C', 'x')")
        return read(target, real, immutable)

    monkeypatch.setattr(launcher_rows, "_read", opened_meanwhile)
    try:
        assert read_listing(path).candidates == 1
    finally:
        writer.close()
    assert modes == [True, False]
    assert _files(tmp_path) == ["e.fairdesk"]
