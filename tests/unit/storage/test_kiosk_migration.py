"""The migration that lets kiosks pair keeps every device and invite already stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairdesk.storage.migrations import _V8, LATEST, MIGRATIONS
from fairdesk.storage.store import new_store, open_event_file

KIOSK = next(version for version, script in MIGRATIONS if script is _V8)


def test_the_kiosk_migration_comes_after_phase_two() -> None:
    # 5: refused ops, 6: Phase Two interviews, 7: corrections; the kiosk's is the 8th
    # (9: Phase Two attendance, 10: the desks' booking backfill, 11: the first-letter
    # name index and 12: removed interview slots came after it)
    assert KIOSK == 8
    assert [version for version, _ in MIGRATIONS] == list(range(1, 13))


def test_devices_and_invites_survive_and_kiosks_fit(tmp_path: Path) -> None:
    path = tmp_path / "old.fairdesk"
    old = new_store(path, upto=KIOSK - 1)
    old.execute("INSERT INTO devices (id, name, role, desk, token_hash, pending) "
                "VALUES ('d1', 'Desk 2 laptop', 'desk', 2, 'abc', 3)")
    old.execute("INSERT INTO sync_invites (id, secret_hash, role, created_at, expires_at) "
                "VALUES ('i1', 'h1', 'booth', '2026-08-20T09:00:00Z', '2026-08-21T09:00:00Z')")
    with pytest.raises(Exception, match="CHECK"):
        old.execute("INSERT INTO devices (id, role) VALUES ('k0', 'kiosk')")
    old.close()
    store = open_event_file(path)
    assert store.schema_version == LATEST
    row = store.row("SELECT * FROM devices WHERE id = 'd1'")
    assert row is not None
    assert (row["name"], row["role"], row["desk"], row["token_hash"], row["pending"]) == (
        "Desk 2 laptop", "desk", 2, "abc", 3)
    assert store.scalar("SELECT role FROM sync_invites WHERE id = 'i1'") == "booth"
    store.execute("INSERT INTO devices (id, role) VALUES ('k1', 'kiosk')")
    store.execute("INSERT INTO sync_invites (id, secret_hash, role, created_at, expires_at) "
                  "VALUES ('i2', 'h2', 'kiosk', 'x', 'y')")
    with pytest.raises(Exception, match="CHECK"):
        store.execute("INSERT INTO devices (id, role) VALUES ('p1', 'printer')")
    assert store.integrity_check() == "ok"
    store.close()
