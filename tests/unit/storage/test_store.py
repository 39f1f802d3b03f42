import sqlite3
from pathlib import Path

import pytest

from fairdesk.domain.errors import EventFileMissing, EventFromNewerVersion, NotAnEventFile
from fairdesk.storage import open_event_file
from fairdesk.storage.migrations import LATEST
from fairdesk.storage.store import new_store


def test_new_file_has_wal_foreign_keys_full_sync_and_latest_schema(tmp_path: Path) -> None:
    store = new_store(tmp_path / "e.fairdesk")
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL: a commit survives a power cut
    assert store.scalar("PRAGMA busy_timeout") == 5000
    assert store.schema_version == LATEST
    store.close()


def test_older_file_is_upgraded_on_open_and_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "old.fairdesk"
    old = new_store(path, upto=1)
    old.execute("INSERT INTO settings VALUES ('device_id', '\"d\"')")
    old.close()
    store = open_event_file(path)
    assert store.schema_version == LATEST
    assert "candidates_fts" in store.db.table_names()
    assert store.setting("device_id") == "d"
    assert (tmp_path / "old.fairdesk.v1.bak").exists()
    store.close()


def test_newer_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.fairdesk"
    store = new_store(path)
    store.execute(f"PRAGMA user_version = {LATEST + 1}")
    store.close()
    with pytest.raises(EventFromNewerVersion, match="newer FairDesk"):
        open_event_file(path)


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotAnEventFile, match="not a FairDesk event"):
        open_event_file(path)


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 hello", b"SQLite format 3\x00" + b"\x00" * 50])
def test_non_database_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.fairdesk"
    path.write_bytes(content)
    with pytest.raises(NotAnEventFile):
        open_event_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EventFileMissing):
        open_event_file(tmp_path / "nope.fairdesk")


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = new_store(tmp_path / "e.fairdesk")
    with pytest.raises(RuntimeError), store.transaction():
        store.set_setting("k", 1)
        raise RuntimeError("boom")
    assert store.setting("k") is None
    with store.transaction():
        store.set_setting("k", 2)
        with store.transaction():  # nested joins the outer one
            store.set_setting("j", 3)
    assert (store.setting("k"), store.setting("j")) == (2, 3)
    store.close()


def test_creating_in_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    from fairdesk.storage import create_event_file

    with pytest.raises(FileNotFoundError) as refused:
        create_event_file(tmp_path / "nowhere" / "e.fairdesk")
    assert refused.value.strerror == "no such folder"  # what the launcher shows
    assert refused.value.filename == str(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()
