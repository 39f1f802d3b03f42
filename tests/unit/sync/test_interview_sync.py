"""Two booths book the same candidate offline into overlapping slots, then sync
in either order: the hub and both booths agree (the earlier booking stands)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import Forbidden, SlotTaken
from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.sync import client_for, sync_file
from fairdesk.services.visits import record_visit
from fairdesk.storage import interviews as interview_rows
from fairdesk.storage import oplog

Pair = Callable[..., Path]
Open = Callable[..., EventSession]
DAY = "2030-05-02"


def _states(session: EventSession, candidate_id: str) -> dict[str, str]:
    return {r["id"]: r["state"] for r in session.store.rows(
        "SELECT id, state FROM interview_bookings WHERE candidate_id = ?", (candidate_id,))}


def _setup(fair: EventSession) -> tuple[str, str, str]:
    first, second = (e.id for e in all_employers(fair)[:2])
    candidate = find_candidate(fair, "C-0007").id
    for employer in (first, second):
        record_visit(fair, employer, candidate)
    interviews.add_slots(fair, first, DAY, SlotPattern("10:00", "11:00", 20))
    interviews.add_slots(fair, second, DAY, SlotPattern("10:10", "11:10", 30))
    return first, second, candidate


@pytest.mark.parametrize("first_to_sync", ["a", "b"])
def test_offline_clash_converges_whatever_order_they_sync(
        fair: EventSession, pair: Pair, device: Open, first_to_sync: str) -> None:
    first, second, candidate = _setup(fair)
    path_a, path_b = pair("booth", 0), pair("booth", 1)
    booth_a = device(path_a, role="booth", employer_id=first)
    booth_b = device(path_b, role="booth", employer_id=second)
    early = interviews.book(booth_a, first, candidate).booking  # 10:00–10:20, offline
    time.sleep(0.01)
    late = interviews.book(booth_b, second, candidate).booking  # 10:10–10:40, offline
    order = [path_a, path_b] if first_to_sync == "a" else [path_b, path_a]
    for path in (*order, *order):  # everyone syncs twice: all have seen everything
        sync_file(path)
    expected = {early.id: "booked", late.id: "clash"}
    assert _states(fair, candidate) == expected
    assert _states(booth_a, candidate) == expected
    assert _states(booth_b, candidate) == expected
    assert [b.id for b in interviews.clashes(booth_b)] == [late.id]
    assert interviews.clashes(booth_a) == []
    # booth B knows the other interview by its time and employer name only
    theirs = interviews.interviews_of(booth_b, candidate)[0]
    assert (theirs.start, theirs.employer_name) == ("10:00", all_employers(fair)[0].name)
    assert [e.id for e in all_employers(booth_b)] == [second]
    slots_b = {r["employer_id"] for r in booth_b.store.rows("SELECT * FROM interview_slots")}
    assert slots_b == {second}


def test_rebooking_the_clash_clears_it_everywhere(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, second, candidate = _setup(fair)
    path_a, path_b = pair("booth", 0), pair("booth", 1)
    booth_a = device(path_a, role="booth", employer_id=first)
    booth_b = device(path_b, role="booth", employer_id=second)
    interviews.book(booth_a, first, candidate)
    time.sleep(0.01)
    interviews.book(booth_b, second, candidate)
    for path in (path_a, path_b):
        sync_file(path)
    moved = interviews.book(booth_b, second, candidate)  # "clash: rebook" → --next
    assert (moved.slot.start, moved.booking.state) == ("10:40", "booked")
    for path in (path_b, path_a):
        sync_file(path)
    assert interviews.clashes(fair) == [] and interviews.clashes(booth_a) == []
    assert interviews.booked_counts(fair) == {first: 1, second: 1}
    assert interviews.booked_counts(booth_a) == {first: 1, second: 1}


def test_a_booth_sees_earlier_bookings_of_a_candidate_it_visits_later(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, second, _ = _setup(fair)
    later = find_candidate(fair, "C-0011").id
    path_b = pair("booth", 1)
    booked = interviews.book(fair, first, later).booking  # before booth B ever saw them
    sync_file(path_b)
    record_visit(fair, second, later)  # now the candidate visits booth B
    sync_file(path_b)
    booth_b = device(path_b, role="booth", employer_id=second)
    assert _states(booth_b, later) == {booked.id: "booked"}


def test_the_hub_refuses_a_booth_booking_another_employers_slot(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, second, candidate = _setup(fair)
    path_a = pair("booth", 0)
    booth_a = device(path_a, role="booth", employer_id=first)
    slot_b = interviews.slots_of(fair, second)[0]
    with booth_a.store.transaction():  # forged: names its own employer, B's slot
        op = oplog.emit(booth_a.store, "booking.add", {
            "id": "forged", "slot_id": slot_b.id, "candidate_id": candidate,
            "employer_id": first, "employer_name": "x", "day": DAY, "start": slot_b.start,
            "end": slot_b.end}, booth_a.now())
    with client_for(booth_a.store) as client, pytest.raises(Forbidden, match="book only"):
        client.push([op], pending=0)


def test_a_booking_made_offline_of_a_record_merged_meanwhile_reaches_everyone(
        fair: EventSession, pair: Pair, device: Open) -> None:
    """Booth A books C-0012 offline while the organizer merges C-0012 into C-0011,
    whom booth B visited: the hub keeps the booking on C-0011 (it used to park it
    for ever, waiting for the dropped record), and booth B sees it, so its own
    booking at the same time is a clash there too."""
    from fairdesk.services.merging import merge

    first, second, _ = _setup(fair)
    kept, dropped = find_candidate(fair, "C-0011").id, find_candidate(fair, "C-0012").id
    record_visit(fair, first, dropped)
    record_visit(fair, second, kept)
    path_a, path_b = pair("booth", 0), pair("booth", 1)
    for path in (path_a, path_b):
        sync_file(path)
    booth_a = device(path_a, role="booth", employer_id=first)
    booked = interviews.book(booth_a, first, dropped).booking  # 10:00–10:20, offline
    merge(fair, "C-0011", "C-0012")
    sync_file(path_a)
    assert fair.store.scalar("SELECT COUNT(*) FROM parked_ops") == 0
    assert _states(fair, kept) == {booked.id: "booked"}
    sync_file(path_b)
    booth_b = device(path_b, role="booth", employer_id=second)
    assert _states(booth_b, kept) == {booked.id: "booked"}
    time.sleep(0.01)
    late = interviews.book(booth_b, second, kept, slot_id=None)
    sync_file(path_b)
    assert late.booking.state == "booked" and late.slot.start >= "10:20"  # it saw 10:00


def test_a_booth_sees_an_earlier_booking_of_a_record_merged_into_the_one_it_visits(
        fair: EventSession, pair: Pair, device: Open) -> None:
    from fairdesk.services.merging import merge

    first, second, _ = _setup(fair)
    kept, dropped = find_candidate(fair, "C-0011").id, find_candidate(fair, "C-0012").id
    path_b = pair("booth", 1)
    booked = interviews.book(fair, first, dropped).booking  # before booth B ever saw them
    merge(fair, "C-0011", "C-0012")
    sync_file(path_b)
    record_visit(fair, second, kept)  # the kept person visits booth B
    sync_file(path_b)
    booth_b = device(path_b, role="booth", employer_id=second)
    assert _states(booth_b, kept) == {booked.id: "booked"}


def test_a_slot_removed_while_a_booth_booked_it_offline_is_a_clash_everywhere(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, _second, candidate = _setup(fair)
    path_a = pair("booth", 0)
    sync_file(path_a)  # booth A holds its slots
    booth_a = device(path_a, role="booth", employer_id=first)
    slot = interviews.slots_of(booth_a, first)[0]
    booked = interviews.book(booth_a, first, candidate, slot.id).booking  # offline
    assert [s.id for s in interviews.remove_slots(fair, [slot.id])] == [slot.id]  # hub: free
    sync_file(path_a)
    sync_file(path_a)
    assert _states(fair, candidate) == {booked.id: "clash"}
    assert _states(booth_a, candidate) == {booked.id: "clash"}
    assert [b.id for b in interviews.clashes(fair)] == [booked.id]
    assert slot.id not in {s.id for s in interviews.slots_of(booth_a, first)}
    assert slot.id not in {s.id for s in interviews.free_slots(booth_a, first, upcoming=False)}
    schedule = [r for r in interview_rows.schedule_rows(fair.store, first)
                if r["slot_id"] == slot.id]  # the schedules list the clash at its old slot
    assert [(r["booking_id"], r["state"]) for r in schedule] == [(booked.id, "clash")]
    moved = interviews.book(booth_a, first, candidate)  # "clash: rebook" → the next free slot
    sync_file(path_a)
    assert moved.booking.state == "booked" and moved.slot.id != slot.id
    assert interviews.clashes(fair) == [] and interviews.clashes(booth_a) == []
    assert slot.id not in {r["slot_id"] for r in interview_rows.schedule_rows(fair.store, first)}


def test_a_slot_whose_booking_reached_the_hub_is_not_removed(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, _second, candidate = _setup(fair)
    path_a = pair("booth", 0)
    sync_file(path_a)
    booth_a = device(path_a, role="booth", employer_id=first)
    slot = interviews.slots_of(booth_a, first)[0]
    interviews.book(booth_a, first, candidate, slot.id)
    sync_file(path_a)
    with pytest.raises(SlotTaken, match="C-0007 holds the slot"):
        interviews.remove_slots(fair, [slot.id])


def test_a_booth_cannot_push_a_slot_removal(fair: EventSession, pair: Pair,
                                           device: Open) -> None:
    first, _second, _candidate = _setup(fair)
    path_a = pair("booth", 0)
    sync_file(path_a)
    booth_a = device(path_a, role="booth", employer_id=first)
    slot = interviews.slots_of(booth_a, first)[0]
    with booth_a.store.transaction():  # forged: only the organizer takes slots back
        op = oplog.emit(booth_a.store, "slot.remove", {"id": slot.id, "employer_id": first},
                        booth_a.now())
    with client_for(booth_a.store) as client, pytest.raises(Forbidden):
        client.push([op], pending=0)
    assert slot.id in {s.id for s in interviews.slots_of(fair, first)}
