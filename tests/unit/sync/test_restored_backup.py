"""A device file restored from a backup numbers new ops with numbers the hub
already holds: refused (409, nothing lost), then sent under new numbers when
the user says the file is not in use elsewhere (``--renumber``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.cli import main
from fairdesk.domain.errors import SeqClash
from fairdesk.services.checkin import check_in
from fairdesk.services.session import EventSession, open_session
from fairdesk.services.sync import pending_count, sync_file

Pair = Callable[..., Path]


def _copy(source: Path, target: Path) -> None:
    for leftover in (target.with_name(target.name + "-wal"),
                     target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _check_in(path: Path, candidate_id: str) -> None:
    desk = open_session(path, role="desk", desk=2)
    try:
        check_in(desk, candidate_id, 2)
    finally:
        desk.close()


def _checked_in(session_or_path: EventSession | Path) -> list[str]:
    if isinstance(session_or_path, Path):
        session = open_session(session_or_path)
        try:
            return _checked_in(session)
        finally:
            session.close()
    rows = session_or_path.store.rows(
        "SELECT candidate_id, COUNT(*) AS n FROM checkins WHERE device_id = "
        "(SELECT json_extract(value, '$') FROM settings WHERE key = 'device_id') "
        "GROUP BY candidate_id ORDER BY candidate_id")
    return [r["candidate_id"] for r in rows for _ in range(r["n"])]


def restored(fair: EventSession, pair: Pair, tmp_path: Path) -> tuple[Path, list[str]]:
    """A desk file put back from a backup: it checked in a (synced), then b (synced),
    was restored to before b, then checked in c under the number b has on the hub."""
    path = pair("desk", desk=2)
    a, b, c = (r["id"] for r in fair.store.rows(
        "SELECT id FROM candidates WHERE id NOT IN (SELECT candidate_id FROM checkins) "
        "ORDER BY id LIMIT 3"))
    _check_in(path, a)
    sync_file(path)
    backup = tmp_path / "backup.fairdesk"
    _copy(path, backup)
    _check_in(path, b)
    sync_file(path)  # the hub holds b under the number c is about to get again
    _copy(backup, path)  # the laptop's file is restored from the backup
    _check_in(path, c)
    return path, [a, b, c]


def test_a_restored_file_is_refused_then_renumbered_and_nothing_is_lost(
        fair: EventSession, pair: Pair, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, (a, b, c) = restored(fair, pair, tmp_path)

    with pytest.raises(SeqClash) as refused:
        sync_file(path)
    assert refused.value.details["last_seq"] >= 2
    assert main(["sync", str(path), "--once"]) == 1
    assert "run again with --renumber" in capsys.readouterr().err
    store = open_session(path)
    assert pending_count(store.store) == 1  # c is kept, waiting
    store.close()

    assert main(["sync", str(path), "--once", "--renumber", "--json"]) == 0
    assert '"pending": 0' in capsys.readouterr().out
    hub_device = fair.store.rows("SELECT candidate_id FROM checkins WHERE candidate_id IN "
                                 "(?, ?, ?) ORDER BY candidate_id", (a, b, c))
    assert [r["candidate_id"] for r in hub_device] == sorted([a, b, c])  # each once
    assert _checked_in(path) == sorted([a, b, c])  # b came back with the pull
    assert sync_file(path).pushed == 0


def test_renumber_needs_once(pair: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sync", str(pair("desk", desk=2)), "--renumber"]) == 2
    assert "--once" in capsys.readouterr().err


def test_a_usb_file_from_a_restored_file_is_refused_whole_not_half_taken(
        fair: EventSession, pair: Pair, tmp_path: Path) -> None:
    """It was taken as "already here": the clashing op was silently left out."""
    from fairdesk.services.usb_sync import export_ops, import_ops

    path = pair("desk", desk=2)
    a, b, c = (r["id"] for r in fair.store.rows(
        "SELECT id FROM candidates WHERE id NOT IN (SELECT candidate_id FROM checkins) "
        "ORDER BY id LIMIT 3"))
    backup = tmp_path / "backup.fairdesk"
    _copy(path, backup)
    _check_in(path, a)
    sync_file(path)
    _copy(backup, path)
    _check_in(path, b)
    _check_in(path, c)
    export_ops(path, tmp_path / "ops.json")
    hub_path = fair.store.path
    assert hub_path is not None
    before = fair.store.scalar("SELECT COUNT(*) FROM ops")
    with pytest.raises(SeqClash, match="nothing was taken"):
        import_ops(hub_path, tmp_path / "ops.json")
    assert fair.store.scalar("SELECT COUNT(*) FROM ops") == before
