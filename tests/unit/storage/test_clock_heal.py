"""Issue 13, case 3: a file that already holds a far-future stamp is healed on
open, so a later edit wins again (each reopening is a new process's clock)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from fairdesk.domain.clock import decode, encode, wall_ms
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import open_session
from fairdesk.services.visits import update_visit
from fairdesk.storage import clock_heal, open_event_file, oplog


def _rating(path: Path, key: str) -> tuple[int, str]:
    store = open_event_file(path)
    try:
        row = store.row("SELECT rating, notes FROM visits WHERE id = ?", (key,))
        assert row is not None
        return int(row["rating"]), str(row["notes"])
    finally:
        store.close()


def test_a_poisoned_stamp_is_healed_and_the_later_edit_wins(tmp_path: Path) -> None:
    path = tmp_path / "hub.fairdesk"
    build_demo(path, DemoSpec(10, 2, seed=3)).close()
    store = open_event_file(path)
    key = str(store.scalar("SELECT id FROM visits LIMIT 1"))
    poisoned = Op(new_id(), "booth-1", 1, "visit.update", datetime.now(UTC),
                  "9999999999999.9999.booth-1", {"id": key, "rating": 1, "notes": "poison"})
    with store.transaction():  # what a hub took before stamps were bounded
        store.execute("INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body) "
                      "VALUES (?, ?, 1, 'visit.update', '2026-08-20T10:00:00.000+00:00', ?, ?)",
                      (poisoned.op_id, poisoned.device_id, poisoned.hlc,
                       json.dumps(poisoned.body)))
        store.execute("UPDATE visits SET rating = 1, notes = 'poison', clocks = json_set("
                      "clocks, '$.rating', ?, '$.notes', ?) WHERE id = ?",
                      (poisoned.hlc, poisoned.hlc, key))
    store.close()

    for rating, notes in ((2, "first"), (5, "second")):  # two processes, one after another
        session = open_session(path)
        update_visit(session, key, rating=rating, notes=notes)
        session.close()
    assert _rating(path, key) == (5, "second")

    store = open_event_file(path)
    try:
        assert store.scalar("SELECT hlc FROM ops WHERE op_id = ?", (poisoned.op_id,)) == \
            encode(0, 0, "booth-1")
        newest = clock_heal.newest_sound(store, wall_ms())
        assert newest is not None and decode(newest)[0] <= wall_ms()
        assert oplog.count(store) > 0
    finally:
        store.close()
