"""Joining, role filtering, push/pull round trips and parking, against a real hub."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.clock import HybridClock
from fairdesk.domain.errors import HubUnreachable
from fairdesk.services.candidates import edit_candidate, find_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.services.sync import pending_count, sync_file
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.services.walkins import register_walk_in
from fairdesk.storage import oplog, resumes, sync_rows
from fairdesk.sync.wire import RejectedByHub

Pair = Callable[..., Path]
Open = Callable[..., EventSession]


def _count(session: EventSession, table: str) -> int:
    return int(session.store.scalar(f"SELECT COUNT(*) FROM {table}"))


def test_desk_gets_roster_and_signing_key_but_no_visits_or_resumes(
        fair: EventSession, pair: Pair, device: Open) -> None:
    desk = device(pair("desk", desk=2), role="desk", desk=2)
    assert _count(desk, "candidates") == _count(fair, "candidates")
    assert _count(desk, "checkins") == _count(fair, "checkins")
    assert _count(desk, "employers") == _count(fair, "employers")
    assert _count(desk, "visits") == 0
    assert resumes.count(desk.store) == 0
    assert desk.event.signing_key == fair.event.signing_key
    assert desk.store.setting("role") == "desk"


def test_booth_gets_only_its_employer_visits_and_name_stubs(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[0]
    booth = device(pair("booth", 0), role="booth", employer_id=employer.id)
    ours = fair.store.rows("SELECT * FROM visits WHERE employer_id = ?", (employer.id,))
    assert _count(booth, "visits") == len(ours) > 0
    assert {r["employer_id"] for r in booth.store.rows("SELECT * FROM visits")} == {employer.id}
    assert [e.id for e in all_employers(booth)] == [employer.id]
    assert _count(booth, "checkins") == 0 and resumes.count(booth.store) == 0
    assert booth.event.signing_key is None
    assert booth.event.public_key == fair.event.public_key
    stubs = booth.store.rows("SELECT * FROM candidates")
    assert {s["id"] for s in stubs} == {r["candidate_id"] for r in ours}
    assert all(s["email"] == "" and s["phone"] == "" and s["resume_sha"] is None for s in stubs)
    kinds = {r["kind"] for r in booth.store.rows("SELECT kind FROM ops")}
    assert kinds <= {"event.create", "event.update", "employer.upsert", "visit.record",
                     "visit.update", "visit.unrecord"}


def test_device_changes_reach_the_hub_once_and_other_devices(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path_a, path_b = pair("desk", desk=1), pair("desk", desk=2)
    desk_a = device(path_a, role="desk", desk=1)
    person = register_walk_in(desk_a, desk=1, first_name="Nia", last_name="Joseph")
    check_in(desk_a, person.id, 1)
    assert pending_count(desk_a.store) == 2
    first = sync_file(path_a)
    assert (first.pushed, first.pending) == (2, 0)
    again = sync_file(path_a)
    assert again.pushed == 0
    assert find_candidate(fair, person.id).first_name == "Nia"
    assert fair.store.scalar("SELECT COUNT(*) FROM checkins WHERE candidate_id = ?",
                             (person.id,)) == 1
    sync_file(path_b)
    desk_b = device(path_b, role="desk", desk=2)
    assert find_candidate(desk_b, person.id).ref == person.ref


def test_pushing_the_same_ops_twice_is_acknowledged_with_the_same_hub_seq(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    register_walk_in(desk, desk=1, first_name="Twice")
    ops = sync_rows.pending(desk.store, None)
    from fairdesk.services.sync import client_for

    with client_for(desk.store) as client:
        assert client.push(ops) == client.push(ops)
    assert oplog.count(fair.store) == fair.store.scalar("SELECT MAX(hub_seq) FROM ops")


def test_hub_down_keeps_everything_pending_until_it_is_back(
        fair: EventSession, hub: HubServer, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk", desk=1)
    hub.stop()
    register_walk_in(desk, desk=1, first_name="Offline")
    with pytest.raises(HubUnreachable):
        sync_file(path, timeout=2)
    assert pending_count(desk.store) == 1
    restarted = HubServer(hub.path, port=int(hub.url.rsplit(":", 1)[1]))
    restarted.start()
    try:
        assert sync_file(path).pushed == 1
    finally:
        restarted.stop()
    assert pending_count(desk.store) == 0


def test_a_visit_for_a_walk_in_the_hub_has_not_seen_is_parked_then_applied(
        fair: EventSession, pair: Pair, device: Open) -> None:
    employer = all_employers(fair)[1]
    desk_path, booth_path = pair("desk", desk=3), pair("booth", 1)
    desk = device(desk_path, role="desk", desk=3)
    walk_in = register_walk_in(desk, desk=3, first_name="Parked", last_name="Person")
    booth = device(booth_path, role="booth", employer_id=employer.id)
    with booth.store.transaction():
        sync_rows.put_stubs(booth.store, [{"id": walk_in.id, "ref": walk_in.ref,
                                           "first_name": "Parked", "created_at": ""}])
    visit = record_visit(booth, employer.id, walk_in.id).visit
    update_visit(booth, visit.id, rating=4, notes="strong")
    sync_file(booth_path)
    assert sync_rows.parked_count(fair.store) == 2
    sync_file(desk_path)
    assert sync_rows.parked_count(fair.store) == 0
    row = fair.store.row("SELECT * FROM visits WHERE candidate_id = ?", (walk_in.id,))
    assert row is not None and row["rating"] == 4 and row["notes"] == "strong"


def test_last_writer_wins_by_hybrid_clock_despite_skewed_wall_clocks(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path_a, path_b = pair("desk", desk=1), pair("desk", desk=2)
    desk_a, desk_b = device(path_a, role="desk"), device(path_b, role="desk")
    target = fair.store.scalar("SELECT id FROM candidates LIMIT 1")
    real = HybridClock("x")._wall()
    desk_a.store.cache["clock"] = HybridClock(oplog.device_id(desk_a.store),
                                              wall=lambda: real + 240_000)  # 4 minutes fast
    desk_b.store.cache["clock"] = HybridClock(oplog.device_id(desk_b.store),
                                              wall=lambda: real - 3_600_000)  # an hour slow
    edit_candidate(desk_a, target, district="Castries")
    sync_file(path_a)
    sync_file(path_b)  # B observes A's stamp, so its later edit orders after it
    edit_candidate(desk_b, target, district="Vieux Fort")
    sync_file(path_b)
    sync_file(path_a)
    for session in (fair, desk_a, desk_b):
        assert find_candidate(session, target).district == "Vieux Fort"


def test_a_device_clock_far_ahead_is_refused_naming_the_op(
        fair: EventSession, pair: Pair, device: Open) -> None:
    path = pair("desk", desk=1)
    desk = device(path, role="desk")
    target = fair.store.scalar("SELECT id FROM candidates LIMIT 1")
    real = HybridClock("x")._wall()
    desk.store.cache["clock"] = HybridClock(oplog.device_id(desk.store),
                                            wall=lambda: real + 3_600_000)  # an hour fast
    edit_candidate(desk, target, district="Far Ahead")
    op_id = desk.store.scalar("SELECT op_id FROM ops WHERE hub_seq IS NULL")
    with pytest.raises(RejectedByHub, match=f"{op_id}.*minutes ahead"):
        sync_file(path)
    assert find_candidate(fair, target).district != "Far Ahead"
