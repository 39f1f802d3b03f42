"""Ops from several devices converge whatever order they arrive in."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

from fairdesk.domain.clock import encode
from fairdesk.domain.model import Op
from fairdesk.storage import oplog, sync_rows
from fairdesk.storage.store import EventStore, new_store

AT = datetime(2026, 8, 20, 13, 0, tzinfo=UTC)


def _store(path: Path) -> EventStore:
    store = new_store(path)
    store.set_setting("device_id", "here")
    return store


def _op(n: int, device: str, kind: str, body: dict[str, object], wall: int) -> Op:
    return Op(f"op-{device}-{n}", device, n, kind, AT, encode(wall, 0, device), body)


ADD = _op(1, "desk", "candidate.add",
          {"id": "c1", "ref": "W2-0001", "first_name": "Zoë", "last_name": "Cenac",
           "phone": "+17585550001", "source": "walk_in"}, 1000)
STUB = _op(1, "booth", "candidate.add",
           {"id": "c1", "ref": "W?-ABC123", "first_name": "Zoë C.", "source": "walk_in"}, 0)
EDIT_OLD = _op(2, "desk", "candidate.update", {"id": "c1", "last_name": "Old"}, 2000)
EDIT_NEW = _op(1, "organizer", "candidate.update", {"id": "c1", "last_name": "New"}, 3000)
CHECKIN = _op(3, "desk", "checkin.add",
              {"id": "k1", "candidate_id": "c1", "day": "2026-08-20", "at": AT.isoformat(),
               "desk": 2}, 1500)


def _state(store: EventStore) -> tuple[object, ...]:
    row = store.row("SELECT ref, first_name, last_name, phone FROM candidates WHERE id = 'c1'")
    return (row, store.scalar("SELECT COUNT(*) FROM checkins"),
            store.scalar("SELECT search_text FROM candidates"))


def test_every_order_gives_the_same_truth(tmp_path: Path) -> None:
    states = set()
    for n, order in enumerate(itertools.permutations([ADD, STUB, EDIT_OLD, EDIT_NEW])):
        store = _store(tmp_path / f"{n}.fairdesk")
        with store.transaction():
            for op in order:
                sync_rows.ingest_one(store, op)  # an edit before its record is parked
                sync_rows.retry_parked(store)
            sync_rows.ingest_one(store, CHECKIN)
        states.add(repr(_state(store)))
        store.close()
    assert len(states) == 1
    only = states.pop()
    assert "'ref': 'W2-0001'" in only and "'first_name': 'Zoë'" in only
    assert "'last_name': 'New'" in only


def test_an_op_applied_twice_counts_once(tmp_path: Path) -> None:
    store = _store(tmp_path / "e.fairdesk")
    with store.transaction():
        assert oplog.apply(store, ADD)
        assert oplog.apply(store, CHECKIN)
        assert not oplog.apply(store, CHECKIN)
        assert not oplog.apply(store, ADD)
    assert store.scalar("SELECT COUNT(*) FROM checkins") == 1
    assert store.scalar("SELECT COUNT(*) FROM ops") == 2
    store.close()


def test_two_tablets_at_one_booth_share_the_visit(tmp_path: Path) -> None:
    """Both scan the same candidate offline; edits from either land on one visit."""
    from fairdesk.domain.ids import visit_id

    key = visit_id("e1", "c1")
    assert key == visit_id("e1", "c1") != visit_id("e2", "c1")
    store = _store(tmp_path / "hub.fairdesk")
    employer = _op(1, "org", "employer.upsert", {"id": "e1", "name": "Helios"}, 500)
    scan_a = _op(1, "tab-a", "visit.record",
                 {"id": key, "candidate_id": "c1", "employer_id": "e1", "at": AT.isoformat()}, 4000)
    scan_b = _op(1, "tab-b", "visit.record",
                 {"id": key, "candidate_id": "c1", "employer_id": "e1", "at": AT.isoformat()}, 4100)
    rate_b = _op(2, "tab-b", "visit.update", {"id": key, "rating": 5}, 4200)
    with store.transaction():
        for op in (employer, ADD, scan_a, scan_b, rate_b):
            sync_rows.ingest_one(store, op)
    row = store.row("SELECT id, seen_count, rating FROM visits")
    assert row == {"id": key, "seen_count": 2, "rating": 5}
    assert store.scalar("SELECT COUNT(*) FROM parked_ops") == 0
    store.close()


def test_a_new_row_keeps_one_clock_for_all_its_fields(tmp_path: Path) -> None:
    """The creating op's stamp is stored once (``"*"``), not once per field, and
    still orders later writes: older loses, newer wins and gets its own entry."""
    store = _store(tmp_path / "e.fairdesk")
    with store.transaction():
        sync_rows.ingest_one(store, ADD)
        clocks = json.loads(store.scalar("SELECT clocks FROM candidates WHERE id = 'c1'"))
        assert clocks == {"*": ADD.hlc}
        older = _op(9, "other", "candidate.update", {"id": "c1", "phone": "+17580000000",
                                                      "district": "Micoud"}, 900)
        sync_rows.ingest_one(store, older)
        sync_rows.ingest_one(store, EDIT_OLD)
    row = store.row("SELECT phone, district, last_name, clocks FROM candidates")
    assert row is not None
    assert (row["phone"], row["district"], row["last_name"]) == ("+17585550001", "", "Old")
    assert json.loads(row["clocks"]) == {"*": ADD.hlc, "last_name": EDIT_OLD.hlc}
    store.close()
