"""A booth records offline whether an interview took place; after a sync the
hub and the other devices agree (issue 15 item 7), and a booth of another
employer cannot mark it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import Forbidden
from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interview_attendance, interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.sync import client_for, sync_file
from fairdesk.services.visits import record_visit
from fairdesk.storage import oplog

Pair = Callable[..., Path]
Open = Callable[..., EventSession]
PAST = "2020-05-02"  # a slot that has started, whatever the real clock says


def _attended(session: EventSession, booking_id: str) -> str | None:
    value = session.store.scalar(
        "SELECT attended FROM interview_bookings WHERE id = ?", (booking_id,))
    return None if value is None else str(value)


def test_attendance_recorded_offline_reaches_the_hub_and_the_other_devices(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first, second = (e.id for e in all_employers(fair)[:2])
    candidate = find_candidate(fair, "C-0007").id
    for employer in (first, second):
        record_visit(fair, employer, candidate)
    interviews.add_slots(fair, first, PAST, SlotPattern("10:00", "11:00", 20))
    path_a, path_a2, path_b, path_desk = (pair("booth", 0), pair("booth", 0),
                                          pair("booth", 1), pair("desk", desk=1))
    for path in (path_a, path_a2, path_b, path_desk):
        sync_file(path)
    booth_a = device(path_a, role="booth", employer_id=first)
    booking = interviews.book(booth_a, first, candidate,
                              interviews.slots_of(booth_a, first)[0].id).booking
    marked = interview_attendance.record_attendance(booth_a, first, candidate,  # offline
                                                    attended=True)
    assert marked.attended is True and _attended(fair, booking.id) is None
    for path in (path_a, path_a2, path_b, path_desk):
        sync_file(path)
    assert _attended(fair, booking.id) == "yes"
    booth_a2 = device(path_a2, role="booth", employer_id=first)
    desk = device(path_desk, role="desk")
    assert _attended(booth_a2, booking.id) == _attended(desk, booking.id) == "yes"
    booth_b = device(path_b, role="booth", employer_id=second)
    assert _attended(booth_b, booking.id) is None  # the other employer's interview: theirs

    time.sleep(0.01)  # the second booth of A taps "No-show": the later record wins
    interview_attendance.record_attendance(booth_a2, first, candidate, attended=False)
    for path in (path_a2, path_a, path_desk):
        sync_file(path)
    assert _attended(fair, booking.id) == _attended(booth_a, booking.id) == "no"
    assert _attended(desk, booking.id) == "no"

    with booth_b.store.transaction():  # forged: booth B marks A's interview
        op = oplog.emit(booth_b.store, "booking.attend", {
            "id": booking.id, "employer_id": second, "candidate_id": candidate,
            "attended": True}, booth_b.now())
    with client_for(booth_b.store) as client, pytest.raises(
            Forbidden, match="record attendance only at its own"):
        client.push([op], pending=0)
    assert _attended(fair, booking.id) == "no"
