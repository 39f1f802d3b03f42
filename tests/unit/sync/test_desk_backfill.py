"""A desk paired before desks saw bookings (issue 15 item 6) catches up without
pairing again: the hub sends it, once, the booking ops below its cursor that it
was not shown then, with the same redaction as new ones (no slot, no visit)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairdesk.domain.interviews import SlotPattern
from fairdesk.domain.model import Op
from fairdesk.services import hub_interviews, interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_server import HubServer
from fairdesk.services.session import EventSession
from fairdesk.services.sync import sync_file
from fairdesk.storage import device_rows, open_event_file, oplog
from fairdesk.storage.migrations import LATEST
from fairdesk.storage.store import new_store
from fairdesk.sync import policy
from fairdesk.sync.client import HubClient
from fairdesk.sync.wire import PullPage, WireError

Pair = Callable[..., Path]
Open = Callable[..., EventSession]
DAY = "2030-05-02"
BACKFILL = 10  # the migration that marks the desks paired before


@pytest.fixture
def pulled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PullPage]]:
    """Every page the devices of the test pulled from the hub."""
    pages: list[PullPage] = []
    real = HubClient.pull

    def spy(self: HubClient, *args: object, **kwargs: object) -> PullPage:
        page = real(self, *args, **kwargs)  # type: ignore[arg-type]
        pages.append(page)
        return page

    monkeypatch.setattr(HubClient, "pull", spy)
    yield pages


def _booking_ops(pages: list[PullPage]) -> list[str]:
    return [p.op.op_id for page in pages for p in page.ops if p.op.kind in policy.BOOKING_KINDS]


def _upgrade_hub(hub: HubServer, path: Path) -> HubServer:
    """The hub file as it was before the backfill migration, served by this version
    again at the address the desk knows."""
    hub.stop()
    store = open_event_file(path)
    columns = {r["name"] for r in store.rows("PRAGMA table_info(devices)")}
    for column in sorted(columns & {"backfill_from", "backfill_to"}):
        store.execute(f"ALTER TABLE devices DROP COLUMN {column}")
    store.execute("DROP INDEX IF EXISTS candidates_name_order")  # migrations 11 and 12, after it
    store.execute("ALTER TABLE interview_slots DROP COLUMN removed_hlc")
    store.execute(f"PRAGMA user_version = {BACKFILL - 1}")
    store.close()
    store = open_event_file(path)  # migrated again, as the new version opens an old file
    assert store.schema_version == LATEST
    store.close()
    again = HubServer(path, port=int(hub.url.rsplit(":", 1)[1]))
    again.start()
    return again


def test_a_desk_paired_before_gets_the_older_bookings_once(
        fair: EventSession, hub: HubServer, pair: Pair, device: Open,
        pulled: list[PullPage]) -> None:
    first, second = all_employers(fair)[:2]
    candidate, other = find_candidate(fair, "C-0007"), find_candidate(fair, "C-0008")
    interviews.add_slots(fair, first.id, DAY, SlotPattern("10:00", "11:00", 20))
    interviews.add_slots(fair, second.id, DAY, SlotPattern("14:00", "15:00", 30))
    interviews.book(fair, first.id, candidate.id)
    interviews.book(fair, second.id, other.id)
    interviews.unbook(fair, second.id, other.id)
    with pytest.MonkeyPatch.context() as before:  # desks saw no booking then
        before.setitem(policy.SEE_KINDS, "desk", policy.SEE_KINDS["desk"] - policy.BOOKING_KINDS)
        path = pair("desk", desk=1)
        sync_file(path)
    desk = device(path)
    assert interviews.interviews_of(desk, candidate.id) == []
    older = {str(r["op_id"]) for r in fair.store.rows(
        "SELECT op_id FROM ops WHERE kind IN ('booking.add', 'booking.remove')")}
    assert len(older) == 3

    upgraded = _upgrade_hub(hub, fair.store.path or Path())
    try:
        _catches_up(fair, path, desk, pulled, older)
    finally:
        upgraded.stop()


def _catches_up(fair: EventSession, path: Path, desk: EventSession, pulled: list[PullPage],
                older: set[str]) -> None:
    first, second = all_employers(fair)[:2]
    candidate, other = find_candidate(fair, "C-0007"), find_candidate(fair, "C-0008")
    kept = interviews.interviews_of(fair, candidate.id)[0]
    pulled.clear()
    sync_file(path)
    assert sorted(_booking_ops(pulled)) == sorted(older)
    caught_up = [p.op for page in pulled for p in page.ops if p.op.kind == "booking.add"]
    mine = interviews.interviews_of(desk, candidate.id)
    assert [(b.id, b.start, b.end, b.employer_name, b.state) for b in mine] == [
        (kept.id, "10:00", "10:20", first.name, "booked")]
    assert interviews.interviews_of(desk, other.id) == []  # the removal came too
    store = desk.store
    assert store.scalar("SELECT COUNT(*) FROM interview_slots") == 0
    assert store.scalar("SELECT COUNT(*) FROM visits") == 0
    assert store.scalar("SELECT COUNT(*) FROM ops WHERE kind IN ('slot.add', 'visit.record')") == 0
    assert store.scalar("SELECT COUNT(*) FROM parked_ops") == 0

    pulled.clear()  # once: the next rounds bring only what is new
    sync_file(path)
    sync_file(path)
    assert _booking_ops(pulled) == []
    later = interviews.book(fair, second.id, other.id).booking
    pulled.clear()
    sync_file(path)
    new = [p.op for page in pulled for p in page.ops if p.op.kind == "booking.add"]
    assert [op.body["id"] for op in new] == [later.id]
    assert {frozenset(op.body) for op in caught_up} == {frozenset(new[0].body)}  # same fields


# ---------------------------------------------------------------- the pieces
def _op(n: int, kind: str) -> Op:
    return Op(f"op-{n:03d}", "org", n, kind, datetime(2030, 5, 1, tzinfo=UTC),
              f"{1_900_000_000_000 + n:013d}0000org", {"id": f"b{n}", "candidate_id": "c1"})


def _hub_file(path: Path, upto: int, kinds: list[str]) -> None:
    """A hub file at schema ``upto`` holding a desk, a booth and a kiosk, and ``kinds``."""
    store = new_store(path, upto=upto)
    for device, role in (("d1", "desk"), ("b1", "booth"), ("k1", "kiosk")):
        store.execute("INSERT INTO devices (id, name, role) VALUES (?, ?, ?)",
                      (device, device, role))
    ops = [_op(n, kind) for n, kind in enumerate(kinds, start=1)]
    oplog.record_many(store, ops, list(range(1, len(ops) + 1)))
    store.close()


def test_the_migration_marks_the_desks_the_hub_knew(tmp_path: Path) -> None:
    _hub_file(tmp_path / "old.fairdesk", BACKFILL - 1, ["checkin.add", "booking.add"] * 3)
    _hub_file(tmp_path / "empty.fairdesk", BACKFILL - 1, [])
    old, empty = open_event_file(tmp_path / "old.fairdesk"), open_event_file(
        tmp_path / "empty.fairdesk")
    assert [device_rows.backfill(old, d) for d in ("d1", "b1", "k1")] == [(0, 6), None, None]
    assert device_rows.backfill(empty, "d1") is None  # it has sent nothing yet
    old.close()
    empty.close()


@pytest.mark.parametrize("held", [0, None])
def test_owed_ops_come_a_page_at_a_time_and_stop(tmp_path: Path, held: int | None) -> None:
    path = tmp_path / "hub.fairdesk"
    _hub_file(path, BACKFILL - 1, ["booking.add", "checkin.add", "booking.remove",
                                   "booking.attend", "slot.add", "booking.add"])
    store = open_event_file(path)  # the desk's cursor is 5: op 6 comes in a normal page
    desk = policy.Caller("d1", "desk", desk=1)
    sent: list[list[int]] = []
    for _ in range(5):
        rows, through = hub_interviews.desk_backfill(store, desk, 5, 2, held)
        sent.append([seq for _, seq in rows])
        if held is not None:
            held = max(held, through)  # the desk applied the page
    assert sent == [[1, 3], [4], [], [], []]
    assert device_rows.backfill(store, "d1") is None
    for caller in (policy.Caller("b1", "booth", "e1"), policy.Caller("k1", "kiosk")):
        assert hub_interviews.desk_backfill(store, caller, 5, 2, 0) == ([], 0)
    store.close()


def test_a_lost_page_is_sent_again_until_the_desk_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "hub.fairdesk"
    _hub_file(path, BACKFILL - 1, ["booking.add", "booking.add"])
    store = open_event_file(path)
    desk = policy.Caller("d1", "desk", desk=1)
    first = hub_interviews.desk_backfill(store, desk, 9, 10, 0)
    assert hub_interviews.desk_backfill(store, desk, 9, 10, 0) == first  # its answer was lost
    assert first[1] == 2
    assert hub_interviews.desk_backfill(store, desk, 9, 10, 2) == ([], 0)
    assert device_rows.backfill(store, "d1") is None
    store.close()


def test_a_bad_backfill_number_is_a_wire_error() -> None:
    with pytest.raises(WireError, match="backfill"):
        PullPage.from_wire({"next": 3, "ops": [], "backfill": "many"})
    assert PullPage.from_wire({"next": 3, "ops": []}).backfill == 0  # a hub that does not say
