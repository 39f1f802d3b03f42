"""The hub's batched ingest leaves exactly the tables that op-by-op ingest leaves."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from fairdesk.domain.clock import HybridClock, encode
from fairdesk.domain.ids import visit_id
from fairdesk.domain.model import Op
from fairdesk.storage import hub_rows, sync_rows
from fairdesk.storage.store import EventStore, new_store

AT = datetime(2026, 8, 20, 13, 0, tzinfo=UTC)
TABLES = {  # table → ORDER BY (rowid too where there is one: insertion order counts)
    "ops": "rowid", "parked_ops": "op_id", "candidates": "rowid", "checkins": "id",
    "visits": "rowid", "badge_prints": "rowid", "employers": "rowid", "event": "rowid",
}
Ingest = Callable[[EventStore, list[Op]], tuple[int, dict[str, int]]]


def _hub() -> EventStore:
    store = new_store(None)
    store.set_setting("device_id", "hub")
    store.set_setting("role", "organizer")  # the file whose ops get hub sequences
    store.cache["clock"] = HybridClock("hub", wall=lambda: 0)
    return store


def _push(store: EventStore, ops: list[Op], batched: bool) -> tuple[int, dict[str, int]]:
    """One push as :meth:`fairdesk.services.hub.Hub.push` runs it (or did, op by op)."""
    try:
        return _ingest(store, ops, hub_rows.hub_ingest if batched else hub_rows.hub_ingest_each)
    except hub_rows.BatchFailed:  # rolled back; again, op by op
        return _ingest(store, ops, hub_rows.hub_ingest_each)


def _ingest(store: EventStore, ops: list[Op], ingest: Ingest) -> tuple[int, dict[str, int]]:
    with store.transaction():
        added, seqs = ingest(store, ops)
        if added:
            sync_rows.retry_parked(store)
    return added, seqs


def _tables(store: EventStore) -> dict[str, list[tuple[object, ...]]]:
    found = {}
    for table, order in TABLES.items():
        columns = "rowid, *" if order == "rowid" else "*"
        found[table] = [tuple(r.values()) for r in
                        store.rows(f"SELECT {columns} FROM {table} ORDER BY {order}")]
    found["clock"] = [(store.cache["clock"].tick(),)]
    return found


Answer = tuple[int, dict[str, int]]


def _both(batches: list[list[Op]]) -> tuple[EventStore, EventStore, list[Answer]]:
    """Ingest ``batches`` op by op in one hub file and batched in another."""
    old, new = _hub(), _hub()
    answers = []
    for batch in batches:
        expected = _push(old, batch, batched=False)
        got = _push(new, batch, batched=True)
        assert got == expected, batch
        answers.append(got)
    return old, new, answers


class _Ops:
    """Ops from a few devices with their own seqs and clocks."""

    def __init__(self) -> None:
        self.seqs: dict[str, int] = {}

    def __call__(self, device: str, kind: str, body: dict[str, object], wall: int) -> Op:
        seq = self.seqs[device] = self.seqs.get(device, 0) + 1
        return Op(f"{device}-{seq}", device, seq, kind, AT, encode(wall, 0, device), body)


def _candidate(op: _Ops, key: str, wall: int, device: str = "desk") -> Op:
    return op(device, "candidate.add", {"id": key, "ref": f"W2-{key}", "first_name": key,
                                        "last_name": "Base", "source": "walk_in"}, wall)


def _checkin(op: _Ops, key: str, candidate: str, wall: int) -> Op:
    return op("desk", "checkin.add", {"id": key, "candidate_id": candidate, "day": "2026-08-20",
                                      "at": AT.isoformat(), "desk": 2}, wall)


def _scan(op: _Ops, device: str, employer: str, candidate: str, wall: int) -> Op:
    return op(device, "visit.record", {"id": visit_id(employer, candidate),
                                       "candidate_id": candidate, "employer_id": employer,
                                       "at": f"2026-08-20T13:{wall % 60:02d}:00.000+00:00"}, wall)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The op ids that went through the op-by-op path inside :func:`hub_ingest`."""
    calls: list[str] = []
    real = sync_rows.ingest_one

    def counted(store: EventStore, op: Op) -> int:
        calls.append(op.op_id)
        return real(store, op)

    monkeypatch.setattr(sync_rows, "ingest_one", counted)
    yield calls


def test_a_mixed_batch_is_ingested_in_one_go_with_the_same_tables(spy: list[str]) -> None:
    op = _Ops()
    employer = op("org", "employer.upsert", {"id": "e1", "name": "Helios"}, 10)
    first = [employer, _candidate(op, "c1", 20), _candidate(op, "c2", 21),
             _checkin(op, "k1", "c1", 30)]
    scan = _scan(op, "tab-a", "e1", "c1", 40)
    newer = op("org", "candidate.update", {"id": "c1", "last_name": "Newer"}, 90)
    older = op("desk", "candidate.update", {"id": "c1", "last_name": "Older"}, 80)
    early = _checkin(op, "k3", "c3", 50)  # its walk-in comes later in this batch
    orphan = _scan(op, "tab-a", "e1", "c9", 55)  # its walk-in comes in the next batch
    second = [
        first[3],  # already on the hub
        _checkin(op, "k2", "c2", 31), scan, scan,  # a duplicate inside the batch
        _scan(op, "tab-b", "e1", "c1", 41),  # a second tablet: the same visit, counted
        op("tab-a", "visit.update", {"id": visit_id("e1", "c1"), "rating": 4}, 42),
        newer, older, early, orphan,
        op("desk", "checkin.undo", {"id": "k2", "reason": "twice"}, 60),
        op("desk", "badge.print", {"id": "p1", "candidate_id": "c1", "at": AT.isoformat(),
                                   "layout": "a6"}, 61),
        op("desk", "kiosk.hello", {"id": "x"}, 62),  # a kind from a newer version
        _candidate(op, "c3", 63), _checkin(op, "k4", "c1", 64),
    ]
    third = [_candidate(op, "c9", 70), orphan, _checkin(op, "k5", "c9", 71)]
    old, new, answers = _both([first, second, third])
    assert spy == [op.op_id for batch in (first, second, third) for op in batch]  # old only
    assert _tables(new) == _tables(old)
    assert answers[1][0] == len(second) - 2  # the known op and the duplicate: not new
    assert new.scalar("SELECT last_name FROM candidates WHERE id = 'c1'") == "Newer"
    assert new.scalar("SELECT seen_count FROM visits WHERE candidate_id = 'c1'") == 2
    assert new.scalar("SELECT COUNT(*) FROM parked_ops") == 0  # c3 and c9 arrived
    assert new.scalar("SELECT COUNT(*) FROM checkins WHERE undone_at IS NULL") == 4
    hub_seqs = [r["hub_seq"] for r in new.rows("SELECT hub_seq FROM ops ORDER BY rowid")]
    assert hub_seqs == list(range(1, len(hub_seqs) + 1))


def test_a_parked_op_waits_for_a_later_batch(spy: list[str]) -> None:
    op = _Ops()
    base = [op("org", "employer.upsert", {"id": "e1", "name": "Helios"}, 1)]
    orphan = _scan(op, "tab-a", "e1", "c7", 5)
    old, new, _ = _both([base, [orphan], [_candidate(op, "c7", 2)], [orphan]])
    assert _tables(new) == _tables(old)
    assert new.scalar("SELECT COUNT(*) FROM visits") == 1
    assert new.scalar("SELECT COUNT(*) FROM parked_ops") == 0


def test_a_batch_with_a_bad_op_goes_op_by_op_with_the_same_result(spy: list[str]) -> None:
    op = _Ops()
    base = [_candidate(op, "c1", 1)]
    bad = op("desk", "checkin.add", {"id": "k2", "candidate_id": "c1"}, 3)  # no day
    odd = op("desk", "badge.print", {"id": "p1", "candidate_id": "c1", "at": AT.isoformat(),
                                     "layout": ["a6"]}, 5)  # a list where SQLite wants text
    batch = [_checkin(op, "k1", "c1", 2), bad, _checkin(op, "k3", "c1", 4), odd]
    old, new, _ = _both([base, batch])
    assert _tables(new) == _tables(old)
    assert new.rows("SELECT op_id FROM parked_ops ORDER BY op_id") == [
        {"op_id": bad.op_id}, {"op_id": odd.op_id}]
    assert spy.count(bad.op_id) == 2  # the batch fell back to the op-by-op path


KINDS = ("add", "edit", "checkin", "undo", "scan", "rate", "unscan", "print", "bad", "again")


def _random_op(rng: random.Random, op: _Ops, made: list[Op], wall: int, bad: bool) -> Op:
    candidate, employer = f"c{rng.randint(1, 3)}", f"e{rng.randint(1, 2)}"
    kind = rng.choices(KINDS, weights=(3, 3, 4, 2, 5, 3, 1, 2, 1 if bad else 0, 2))[0]
    if kind == "again" and made:
        return rng.choice(made)
    if kind == "add":
        return _candidate(op, candidate, wall, rng.choice(["desk", "booth"]))
    if kind == "edit":
        return op(rng.choice(["desk", "org"]), "candidate.update",
                  {"id": candidate, "phone": f"+1758555{wall:04d}"}, rng.randint(1, 999))
    if kind == "checkin":
        return _checkin(op, f"k{rng.randint(1, 6)}", candidate, wall)
    if kind == "undo":
        return op("desk", "checkin.undo", {"id": f"k{rng.randint(1, 6)}"}, wall)
    if kind == "scan":
        return _scan(op, f"tab-{employer}", employer, candidate, wall)
    if kind in ("rate", "unscan"):
        body: dict[str, object] = {"id": visit_id(employer, candidate)}
        body.update({"rating": rng.randint(1, 5)} if kind == "rate" else {"remove": True})
        return op(f"tab-{employer}", f"visit.{'update' if kind == 'rate' else 'unrecord'}",
                  body, rng.randint(1, 999))
    if kind == "print":
        return op("desk", "badge.print", {"id": f"p{wall}", "candidate_id": candidate,
                                          "at": AT.isoformat(), "layout": "a6"}, wall)
    return op("desk", "checkin.add", {"id": f"k{wall}", "candidate_id": candidate}, wall)


@pytest.mark.parametrize("seed", range(12))
def test_random_batches_give_the_same_tables(seed: int, spy: list[str]) -> None:
    """Some seeds send a bad op now and then (that batch goes op by op)."""
    rng, op = random.Random(seed), _Ops()
    made = [op("org", "employer.upsert", {"id": e, "name": e}, 1) for e in ("e1", "e2")]
    for wall in range(2, 120):
        made.append(_random_op(rng, op, made, wall, bad=seed % 3 == 0))
    rng.shuffle(made)
    cuts = sorted(rng.sample(range(1, len(made)), 6))
    batches = [made[a:b] for a, b in zip([0, *cuts], [*cuts, len(made)], strict=True)]
    old, new, _ = _both([*batches, made[:40]])  # the last push: all known already
    assert _tables(new) == _tables(old)
    if seed % 3:
        assert len(spy) == len(made) + 40  # no batch needed the op-by-op path


def test_visit_employers_from_the_table_else_the_first_record_op() -> None:
    op = _Ops()
    hub = _hub()
    base = [op("org", "employer.upsert", {"id": e, "name": e}, 1) for e in ("e1", "e2")]
    here, parked = _scan(op, "tab-a", "e1", "c1", 5), _scan(op, "tab-b", "e2", "c9", 6)
    _push(hub, [*base, _candidate(op, "c1", 2), here, parked], batched=True)
    assert hub.scalar("SELECT COUNT(*) FROM parked_ops") == 1  # c9 has not arrived
    wanted = {str(here.body["id"]), str(parked.body["id"]), "nobody"}
    assert hub_rows.visit_employers(hub, wanted) == {
        here.body["id"]: "e1", parked.body["id"]: "e2"}
    assert hub_rows.visit_employers(hub, set()) == {}
