"""Hub.push: a batch in one go, or op by op when one op cannot be taken in a batch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairdesk.domain.clock import HybridClock
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.services import devices
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.hub import Hub
from fairdesk.services.session import EventSession
from fairdesk.storage import sync_rows
from fairdesk.sync.pairing import decode
from fairdesk.sync.policy import Caller

AT = datetime(2026, 8, 20, 13, 30, tzinfo=UTC)


@pytest.fixture
def organizer(tmp_path: Path) -> Iterator[EventSession]:
    session = build_demo(tmp_path / "hub.fairdesk", DemoSpec(20, 2, seed=5, resumes=False))
    yield session
    session.close()


def _desk(organizer: EventSession, hub: Hub) -> Caller:
    made = devices.invite(organizer, "desk", "https://127.0.0.1:8765", desk=1)
    answer = devices.redeem(organizer.store, decode(made.code).secret, "desk 1", AT)
    return hub.authenticate(str(answer["token"]))


def _checkins(caller: Caller, candidates: list[str], start: int = 1) -> list[Op]:
    clock = HybridClock(caller.device_id)
    return [Op(new_id(), caller.device_id, start + n, "checkin.add", AT, clock.tick(),
               {"id": new_id(), "candidate_id": c, "day": "2026-08-20",
                "at": AT.isoformat(), "desk": 1})
            for n, c in enumerate(candidates)]


def _count(hub: Hub, sql: str) -> int:
    return int(hub.store.scalar(sql))


def test_a_batch_is_taken_in_one_go_and_again_changes_nothing(
        organizer: EventSession, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = Hub(organizer.store)
    caller = _desk(organizer, hub)
    candidates = [r["id"] for r in organizer.store.rows("SELECT id FROM candidates LIMIT 5")]
    ops = _checkins(caller, candidates)
    checkins, last = _count(hub, "SELECT COUNT(*) FROM checkins"), sync_rows.last_hub_seq(
        organizer.store)
    monkeypatch.setattr(sync_rows, "hub_ingest_each", None)  # the batch path only
    acks = hub.push(caller, ops, pending=0)
    assert acks == [(op.op_id, last + n) for n, op in enumerate(ops, start=1)]
    assert hub.push(caller, ops[::-1], pending=0) == acks[::-1]
    assert _count(hub, "SELECT COUNT(*) FROM checkins") == checkins + 5
    assert _count(hub, "SELECT pending FROM devices WHERE role = 'desk'") == 0


def test_a_bad_op_sends_the_batch_op_by_op_and_is_parked(organizer: EventSession) -> None:
    hub = Hub(organizer.store)
    caller = _desk(organizer, hub)
    candidates = [r["id"] for r in organizer.store.rows("SELECT id FROM candidates LIMIT 3")]
    *ops, last = _checkins(caller, [*candidates, candidates[0]])
    bad = replace(last, body={"id": new_id(), "candidate_id": candidates[0]})  # no day
    before = _count(hub, "SELECT COUNT(*) FROM ops")
    acks = hub.push(caller, [*ops, bad], pending=2)
    assert [a[0] for a in acks] == [op.op_id for op in [*ops, bad]]
    assert _count(hub, "SELECT COUNT(*) FROM ops") == before + 4  # written once, not twice
    assert hub.store.rows("SELECT op_id FROM parked_ops") == [{"op_id": bad.op_id}]
    assert _count(hub, "SELECT pending FROM devices WHERE role = 'desk'") == 2
