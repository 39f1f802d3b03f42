"""Whether a booked interview took place (issue 15 item 7: "interviewed if recorded")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from fairdesk.domain import clock as hlc
from fairdesk.domain.errors import (
    BookingInClash,
    InterviewNotStarted,
    NotAllowedForRole,
    NotBooked,
)
from fairdesk.domain.ids import new_id
from fairdesk.domain.interviews import SlotPattern
from fairdesk.domain.model import Op
from fairdesk.services import interview_attendance, interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.storage import interviews as rows
from fairdesk.storage import oplog
from tests.conftest import FakeClock

DAY = "2026-08-20"  # the fake clock's day: 09:30 at the venue


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]
         ) -> tuple[EventSession, list[str], list[str]]:
    people = make_people(3)
    acme = add_employer(session, "Acme BPO").id
    blue = add_employer(session, "Bluewave").id
    interviews.add_slots(session, acme, DAY, SlotPattern("09:00", "10:00", 20))
    return session, people, [acme, blue]


def _slot(session: EventSession, employer: str, start: str) -> str:
    return next(str(s["id"]) for s in interviews.slot_rows(session, employer)
                if s["start"] == start)


def test_recorded_once_started_and_changed_by_the_other_tap(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    interviews.book(session, acme, people[0], _slot(session, acme, "09:00"))
    assert interviews.interviews_of(session, people[0])[0].attended is None
    marked = interview_attendance.record_attendance(session, acme, people[0], attended=True)
    assert marked.attended is True and marked.state == "booked"
    assert interview_attendance.record_attendance(session, acme, people[0], False).attended is False
    assert session.store.scalar(
        "SELECT COUNT(*) FROM audit WHERE action = 'booking.attend'") == 2


def test_not_yet_started_is_refused_until_its_start(fair: tuple, clock: FakeClock) -> None:
    session, people, (acme, _blue) = fair
    interviews.book(session, acme, people[0], _slot(session, acme, "09:40"))
    with pytest.raises(InterviewNotStarted, match="09:40–10:00; it has not started yet"):
        interview_attendance.record_attendance(session, acme, people[0], True)
    clock.advance(minutes=10)  # 09:40 at the venue
    assert interview_attendance.record_attendance(session, acme, people[0], True).attended is True


def test_no_booking_a_removed_one_or_a_clash_cannot_be_marked(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    with pytest.raises(NotBooked, match="has no interview with Acme BPO"):
        interview_attendance.record_attendance(session, acme, people[0], True)
    slot = _slot(session, acme, "09:00")
    interviews.book(session, acme, people[0], slot)
    interviews.unbook(session, acme, people[0])
    with pytest.raises(NotBooked):
        interview_attendance.record_attendance(session, acme, people[0], True)
    interviews.book(session, acme, people[1], slot)
    with session.store.transaction():  # an offline booth's later booking of the same slot
        oplog.emit(session.store, "booking.add", {
            "id": new_id(), "slot_id": slot, "candidate_id": people[2], "employer_id": acme,
            "employer_name": "Acme BPO", "day": DAY, "start": "09:00", "end": "09:20"},
            session.now())
    with pytest.raises(BookingInClash, match="rebook it") as refused:
        interview_attendance.record_attendance(session, acme, people[2], True)
    assert refused.value.code == "booking_in_clash"


def test_a_desk_or_another_employers_booth_may_not(fair: tuple) -> None:
    session, people, (acme, blue) = fair
    interviews.book(session, acme, people[0], _slot(session, acme, "09:00"))
    session.role = "desk"
    with pytest.raises(NotAllowedForRole):
        interview_attendance.record_attendance(session, acme, people[0], True)
    session.role, session.employer_id = "booth", blue
    with pytest.raises(NotAllowedForRole, match="records interviews only for its own"):
        interview_attendance.record_attendance(session, acme, people[0], True)


def _attend(op: Op, booking: str, attended: bool, ms: int) -> Op:
    return replace(op, op_id=new_id(), hlc=hlc.encode(ms, 0, op.device_id),
                   body={**op.body, "id": booking, "attended": attended})


def test_the_latest_by_hlc_wins_and_a_removed_booking_keeps_its_record(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    made = interviews.book(session, acme, people[0], _slot(session, acme, "09:00")).booking
    first = interview_attendance.record_attendance(session, acme, people[0], True)
    op = oplog.by_ids(session.store, [str(session.store.scalar(
        "SELECT op_id FROM ops WHERE kind = 'booking.attend'"))])[0]
    ms = hlc.wall_ms()
    rows.project_booking_attend(session.store, _attend(op, made.id, False, ms + 2))
    rows.project_booking_attend(session.store, _attend(op, made.id, True, ms + 1))  # older
    assert first.attended is True
    assert interviews.interviews_of(session, people[0])[0].attended is False
    interviews.unbook(session, acme, people[0])
    rows.project_booking_attend(session.store, _attend(op, made.id, True, ms + 3))
    gone = rows.booking(session.store, made.id)
    assert gone is not None and (gone.state, gone.attended) == ("removed", False)
