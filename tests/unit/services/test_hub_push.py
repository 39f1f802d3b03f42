"""Hub.push: a batch in one go, or op by op when one op cannot be taken in a batch."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fairdesk.domain.clock import HybridClock
from fairdesk.domain.errors import Forbidden, SeqClash
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Op
from fairdesk.services import devices
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.hub import Hub
from fairdesk.services.session import EventSession
from fairdesk.storage import EventStore, device_rows, hub_rows
from fairdesk.sync.pairing import decode
from fairdesk.sync.policy import Caller

AT = datetime(2026, 8, 20, 13, 30, tzinfo=UTC)


@pytest.fixture
def organizer(tmp_path: Path) -> Iterator[EventSession]:
    session = build_demo(tmp_path / "hub.fairdesk", DemoSpec(20, 2, seed=5, resumes=False))
    yield session
    session.close()


def _desk(organizer: EventSession, hub: Hub, number: int = 1) -> Caller:
    made = devices.invite(organizer, "desk", "https://127.0.0.1:8765", desk=number)
    answer = devices.redeem(organizer.store, decode(made.code).secret, f"desk {number}", AT)
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
    checkins, last = _count(hub, "SELECT COUNT(*) FROM checkins"), hub_rows.last_hub_seq(
        organizer.store)
    monkeypatch.setattr(hub_rows, "hub_ingest_each", None)  # the batch path only
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


def _transactions(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the transactions the hub opens."""
    opened: list[int] = []
    real = hub.store.transaction

    def counted() -> AbstractContextManager[EventStore]:
        opened.append(1)
        return real()

    monkeypatch.setattr(hub.store, "transaction", counted)
    return opened


async def _together(hub: Hub, *pushes: tuple[Caller, list[Op]]) -> list[Any]:
    return await asyncio.gather(*(hub.push_soon(caller, ops, 0) for caller, ops in pushes),
                                return_exceptions=True)


def test_pushes_that_arrive_together_share_one_commit(
        organizer: EventSession, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = Hub(organizer.store)
    one, two = _desk(organizer, hub, 1), _desk(organizer, hub, 2)
    candidates = [r["id"] for r in organizer.store.rows("SELECT id FROM candidates LIMIT 4")]
    first, second = _checkins(one, candidates[:2]), _checkins(two, candidates[2:])
    visit = Op(new_id(), one.device_id, 3, "visit.record", AT, first[-1].hlc,
               {"id": new_id(), "candidate_id": candidates[0], "employer_id": "e"})
    last = hub_rows.last_hub_seq(organizer.store)
    opened = _transactions(hub, monkeypatch)
    answers = asyncio.run(_together(hub, (one, first), (one, [visit]), (two, second)))
    assert opened == [1]
    assert answers[0] == [(op.op_id, last + n) for n, op in enumerate(first, start=1)]
    assert isinstance(answers[1], Forbidden)  # a desk sends no visits: refused alone
    assert answers[2] == [(op.op_id, last + n) for n, op in enumerate(second, start=3)]


def test_a_failing_push_in_a_group_fails_alone(
        organizer: EventSession, monkeypatch: pytest.MonkeyPatch) -> None:
    hub = Hub(organizer.store)
    one, two = _desk(organizer, hub, 1), _desk(organizer, hub, 2)
    candidates = [r["id"] for r in organizer.store.rows("SELECT id FROM candidates LIMIT 4")]
    *good, last = _checkins(one, candidates[:3])
    bad = replace(last, body={"id": new_id(), "candidate_id": candidates[0]})  # no day
    three = _desk(organizer, hub, 3)
    broken, others = _checkins(three, candidates[3:]), _checkins(two, candidates[:2])
    seen = device_rows.seen

    def failing(store: EventStore, device_id: str, *args: Any) -> None:
        if device_id == three.device_id:
            raise sqlite3.OperationalError("disk I/O error")
        seen(store, device_id, *args)

    monkeypatch.setattr(device_rows, "seen", failing)
    opened = _transactions(hub, monkeypatch)
    answers = asyncio.run(_together(hub, (one, [*good, bad]), (three, broken), (two, others)))
    assert len(opened) == 5  # the group, then each push alone (the bad op's twice: batched,
    # then op by op)
    assert [a[0] for a in answers[0]] == [op.op_id for op in [*good, bad]]
    assert isinstance(answers[1], sqlite3.Error)
    assert [a[0] for a in answers[2]] == [op.op_id for op in others]
    assert hub.store.rows("SELECT op_id FROM parked_ops") == [{"op_id": bad.op_id}]


def test_another_op_under_a_taken_seq_is_refused_with_a_reason(organizer: EventSession) -> None:
    hub = Hub(organizer.store)
    caller = _desk(organizer, hub)
    candidates = [r["id"] for r in organizer.store.rows("SELECT id FROM candidates LIMIT 2")]
    first, second = _checkins(caller, candidates)
    hub.push(caller, [first], pending=0)
    before = _count(hub, "SELECT COUNT(*) FROM ops")
    copied = replace(second, seq=first.seq)  # a device file restored from a backup
    with pytest.raises(SeqClash, match=f"already sent another op as its number {first.seq}"
                       ) as refused:
        hub.push(caller, [copied], pending=0)
    assert refused.value.details == {"op_id": copied.op_id, "last_seq": first.seq}
    answers = asyncio.run(_together(hub, (caller, [copied]), (caller, [second])))
    assert isinstance(answers[0], SeqClash) and answers[1][0][0] == second.op_id
    assert _count(hub, "SELECT COUNT(*) FROM ops") == before + 1
