"""The dashboard's figures against ones counted by hand on a small event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fairdesk.services import live
from fairdesk.services.checkin import check_in, undo_check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.storage import device_rows
from tests.conftest import FakeClock

DAY = "2026-08-20"


def _morning(session: EventSession, clock: FakeClock, make_people: Callable[..., list[str]]
             ) -> list[str]:
    """09:30 p0 at desk 1, 09:31 p1 at desk 1 (undone), 09:46 p2 at desk 2, 09:47 p3 at
    desk 2; p0 visits A (shortlisted) at 09:40; p3 visits B at 09:50; now 10:00."""
    people = make_people(5)
    a = add_employer(session, "Alpha BPO", booth="1")
    b = add_employer(session, "Beta Tech", booth="2")
    add_employer(session, "Gamma Care", booth="3")
    check_in(session, people[0], desk=1)
    clock.advance(minutes=1)
    check_in(session, people[1], desk=1)
    undo_check_in(session, people[1], "wrong person")
    clock.advance(minutes=9)
    visit = record_visit(session, a.id, people[0]).visit
    update_visit(session, visit.id, shortlist=True)
    clock.advance(minutes=6)
    check_in(session, people[2], desk=2)
    clock.advance(minutes=1)
    check_in(session, people[3], desk=2)
    clock.advance(minutes=3)
    record_visit(session, b.id, people[3])
    clock.now = datetime(2026, 8, 20, 14, 0, tzinfo=UTC)
    return people


def test_figures_match_the_hand_count(session: EventSession, clock: FakeClock,
                                      make_people: Callable[..., list[str]]) -> None:
    _morning(session, clock, make_people)
    figures = live.stats(session)
    assert figures["arrivals"] == [
        {"day": DAY, "slot": "09:30", "desk": 1, "count": 1},
        {"day": DAY, "slot": "09:45", "desk": 2, "count": 2},
    ]
    assert figures["booths"] == [
        {"employer": "Alpha BPO", "today": 1, "last_hour": 1},
        {"employer": "Beta Tech", "today": 1, "last_hour": 1},
        {"employer": "Gamma Care", "today": 0, "last_hour": 0},
    ]
    assert figures["no_visit"] == 1  # p2; p1's check-in was undone
    assert figures["phase_two"] == [
        {"employer": "Alpha BPO", "shortlisted": 1, "booked": 0, "interviewed": 0},
        {"employer": "Beta Tech", "shortlisted": 0, "booked": 0, "interviewed": 0},
        {"employer": "Gamma Care", "shortlisted": 0, "booked": 0, "interviewed": 0},
    ]
    assert figures["devices"] == []


def test_rates_queue_and_marks(session: EventSession, clock: FakeClock,
                               make_people: Callable[..., list[str]]) -> None:
    _morning(session, clock, make_people)
    snap = live.snapshot(session)
    assert snap.rate_now == 0 and snap.rate_peak == 2 / 5  # 09:46 + 09:47 in one window
    assert snap.checked_in_today == 3 and snap.waiting_roster == 2
    assert not snap.desks_busy and snap.minutes_to_clear is None
    assert [b.mark for b in snap.booths] == ["", "", "empty"]
    clock.now = datetime(2026, 8, 20, 13, 48, tzinfo=UTC)  # 09:48: just after the two
    snap = live.snapshot(session)
    assert snap.rate_now == 2 / 5 and snap.desks_busy and snap.minutes_to_clear == 5.0


def test_a_duplicate_check_in_from_another_desk_counts_once(
        session: EventSession, clock: FakeClock, make_people: Callable[..., list[str]]) -> None:
    from fairdesk.domain.ids import new_id
    from fairdesk.storage import codec, oplog

    people = make_people(1)
    check_in(session, people[0], desk=1)
    with session.store.transaction():
        oplog.emit(session.store, "checkin.add", {
            "id": new_id(), "candidate_id": people[0], "day": DAY,
            "at": codec.ts(clock.now + timedelta(minutes=20)), "desk": 2}, clock.now)
    assert live.stats(session)["arrivals"] == [
        {"day": DAY, "slot": "09:30", "desk": 1, "count": 1}]


def test_crowded_booth_and_silent_device(session: EventSession, clock: FakeClock) -> None:
    rows = [{"id": str(n), "employer": f"E{n}", "booth": str(n), "today": 9,
             "last_hour": hour} for n, hour in enumerate([1, 2, 1, 8, 0])]
    assert [b.mark for b in live.mark_booths(rows)] == ["", "", "", "crowded", "empty"]
    quiet = [{**row, "last_hour": 0} for row in rows]  # lunch: no booth stands out
    assert [b.mark for b in live.mark_booths(quiet)] == [""] * 5
    with session.store.transaction():
        device_rows.add_device(session.store, "dev-1", name="Desk 1", role="desk", desk=1,
                               employer_id=None, token_hash="x",
                               at=clock.now - timedelta(minutes=6))
        device_rows.add_device(session.store, "dev-2", name="Desk 2", role="desk", desk=2,
                               employer_id=None, token_hash="y",
                               at=clock.now - timedelta(minutes=6))
        device_rows.seen(session.store, "dev-2", clock.now - timedelta(minutes=1), 4)
    snap = live.snapshot(session)
    assert [(d.id, d.silent, d.pending) for d in snap.devices] == [
        ("dev-1", True, 0), ("dev-2", False, 4)]
    assert live.as_stats(snap)["devices"][1]["pending"] == 4


def test_booked_counts_only_the_interviews_that_stand(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    """A move leaves a removed booking behind and an unbook removes one: neither is
    booked any more (the figure once counted every booking row ever made)."""
    from fairdesk.domain.interviews import SlotPattern
    from fairdesk.services import interviews

    people = make_people(3)
    employer = add_employer(session, "Alpha BPO", booth="1")
    slots = interviews.add_slots(session, employer.id, "2030-05-02",
                                 SlotPattern("09:00", "11:00", 20))
    for person, slot in zip(people, slots, strict=False):
        interviews.book(session, employer.id, person, slot.id)
    interviews.book(session, employer.id, people[0], slots[5].id)  # moved
    interviews.unbook(session, employer.id, people[1])
    row = next(p for p in live.stats(session)["phase_two"] if p["employer"] == "Alpha BPO")
    assert row["booked"] == 2
