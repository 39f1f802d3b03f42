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


def _poison_by_hand(path: Path, key: str, device: str) -> Op:
    """A file as a hub left it before stamps were bounded: the op in the log and
    its stamp on the fields it wrote."""
    poisoned = Op(new_id(), device, 1, "visit.update", datetime.now(UTC),
                  f"9999999999999.9999.{device}", {"id": key, "rating": 1, "notes": "poison"})
    store = open_event_file(path)
    try:
        with store.transaction():
            store.execute("INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body) "
                          "VALUES (?, ?, 1, 'visit.update', '2026-08-20T10:00:00.000+00:00', "
                          "?, ?)", (poisoned.op_id, device, poisoned.hlc,
                                    json.dumps(poisoned.body)))
            store.execute("UPDATE visits SET rating = 1, notes = 'poison', clocks = json_set("
                          "clocks, '$.rating', ?, '$.notes', ?) WHERE id = ?",
                          (poisoned.hlc, poisoned.hlc, key))
    finally:
        store.close()
    return poisoned


def test_a_poisoned_stamp_is_healed_and_the_later_edit_wins(tmp_path: Path) -> None:
    path = tmp_path / "hub.fairdesk"
    build_demo(path, DemoSpec(10, 2, seed=3)).close()
    store = open_event_file(path)
    key = str(store.scalar("SELECT id FROM visits LIMIT 1"))
    store.close()
    poisoned = _poison_by_hand(path, key, "booth-1")

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


def _poison_through_ingest(path: Path, key: str, device: str) -> Op:
    """A poisoned op taken where no bound is checked (a page pulled from a hub not
    healed yet, a parked op applied): it is healed before it is projected."""
    from fairdesk.storage import sync_rows

    poisoned = Op(new_id(), device, 9000, "visit.update", datetime.now(UTC),
                  encode(9999999999999, 9999, device),
                  {"id": key, "rating": 1, "notes": "poison"})
    store = open_event_file(path)
    try:
        with store.transaction():
            sync_rows.ingest_one(store, poisoned)
        assert store.scalar("SELECT hlc FROM ops WHERE op_id = ?", (poisoned.op_id,)) == \
            encode(0, 0, device)
    finally:
        store.close()
    return poisoned


def test_an_organizer_edit_wins_over_a_field_a_poisoned_op_overwrote(tmp_path: Path) -> None:
    path = tmp_path / "hub.fairdesk"
    build_demo(path, DemoSpec(10, 2, seed=3)).close()
    store = open_event_file(path)
    key = str(store.scalar("SELECT id FROM visits LIMIT 1"))
    store.close()
    _poison_through_ingest(path, key, "booth-1")
    session = open_session(path)  # a new process: heals on open
    update_visit(session, key, rating=5, notes="organizer")
    session.close()
    assert _rating(path, key) == (5, "organizer")


def test_a_pushed_edit_wins_on_a_hub_opened_on_a_poisoned_file(tmp_path: Path) -> None:
    """The hub's first write after it opens may be a device's push, not its own edit:
    the file is healed before any op is projected on it."""
    from fairdesk.services.devices import invite
    from fairdesk.services.employers import all_employers
    from fairdesk.services.hub_server import HubServer
    from fairdesk.services.sync import join, sync_file

    path = tmp_path / "hub.fairdesk"
    fair = build_demo(path, DemoSpec(10, 2, seed=3, resumes=False))
    employer = all_employers(fair)[0].id
    key = str(fair.store.scalar("SELECT id FROM visits WHERE employer_id = ? LIMIT 1",
                                (employer,)))
    hub = HubServer(path, port=0)
    hub.start()
    booth_path = tmp_path / "booth.fairdesk"
    join(booth_path, invite(fair, "booth", hub.url, employer=employer).code, "booth")
    sync_file(booth_path)  # the booth now holds its visit
    hub.stop()
    fair.close()

    _poison_by_hand(path, key, "old-booth")
    port = int(hub.url.rstrip("/").rsplit(":", 1)[1])
    hub = HubServer(path, port=port)  # a new hub process on the poisoned file
    hub.start()
    try:
        booth = open_session(booth_path, role="booth", employer_id=employer)
        update_visit(booth, key, rating=4, notes="booth")
        booth.close()
        sync_file(booth_path)
    finally:
        hub.stop()
    assert _rating(path, key) == (4, "booth")
