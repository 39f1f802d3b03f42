"""The sync figure's write floor writes again exactly what the hub wrote."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from fairdesk.bench.sync_bench import _copy, _Setup, write_floor
from fairdesk.domain.clock import HybridClock
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.services.hub import Hub
from fairdesk.storage import open_event_file


def _counts(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as conn:
        return (conn.execute("SELECT COUNT(*) FROM ops").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM checkins").fetchone()[0],
                conn.execute("SELECT MAX(hub_seq) FROM ops").fetchone()[0])


def test_the_floor_writes_the_hubs_new_ops_and_checkins_again(tmp_path: Path) -> None:
    setup = _Setup(tmp_path, 0)
    before = tmp_path / "before.fairdesk"
    _copy(setup.path, before)
    device, token = setup.desk
    clock = HybridClock(device)
    ops = [Op(new_id(), device, n + 1, "checkin.add", datetime.now(UTC), clock.tick(),
              {"id": new_id(), "candidate_id": setup.candidates[n], "day": "2026-08-20",
               "at": "2026-08-20T13:30:00.000+00:00", "desk": 1}) for n in range(25)]
    store = open_event_file(setup.path)
    hub = Hub(store)
    hub.push(hub.authenticate(token), ops, 0)
    store.close()
    assert _counts(before) != _counts(setup.path)

    assert write_floor(before, setup.path, batch=10) > 0
    assert _counts(before) == _counts(setup.path)
