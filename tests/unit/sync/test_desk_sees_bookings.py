"""Issue 15 item 6: a desk pulls the bookings (time and employer), so it can show a
candidate's interviews at check-in on a later day; it sends none and sees no slot,
visit, rating or note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fairdesk.domain.errors import NotAllowedForRole
from fairdesk.domain.interviews import SlotPattern
from fairdesk.domain.model import Op
from fairdesk.services import desk as desk_service
from fairdesk.services import interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.services.sync import sync_file
from fairdesk.sync import policy

Pair = Callable[..., Path]
Open = Callable[..., EventSession]
DAY = "2030-05-02"


def test_a_desk_gets_bookings_but_no_slots_or_visits(
        fair: EventSession, pair: Pair, device: Open) -> None:
    first = all_employers(fair)[0]
    candidate = find_candidate(fair, "C-0007")
    interviews.add_slots(fair, first.id, DAY, SlotPattern("10:00", "11:00", 20))
    booked = interviews.book(fair, first.id, candidate.id).booking
    path = pair("desk", desk=1)
    sync_file(path)
    desk = device(path)
    mine = interviews.interviews_of(desk, candidate.id)
    assert [(b.id, b.start, b.end, b.employer_name, b.state) for b in mine] == [
        (booked.id, "10:00", "10:20", first.name, "booked")]
    store = desk.store
    assert store.scalar("SELECT COUNT(*) FROM interview_slots") == 0
    assert store.scalar("SELECT COUNT(*) FROM visits") == 0
    assert store.scalar("SELECT COUNT(*) FROM parked_ops") == 0
    interviews.unbook(fair, first.id, candidate.id)
    sync_file(path)
    assert interviews.interviews_of(desk, candidate.id) == []


def test_a_desk_card_shows_the_days_interviews_from_bookings_alone(
        fair: EventSession, pair: Pair, device: Open) -> None:
    from datetime import UTC, datetime

    first = all_employers(fair)[0]
    candidate = find_candidate(fair, "C-0007")
    interviews.add_slots(fair, first.id, DAY, SlotPattern("10:00", "11:00", 20))
    interviews.book(fair, first.id, candidate.id)
    path = pair("desk", desk=1)
    sync_file(path)
    desk = device(path, clock=lambda: datetime(2030, 5, 2, 12, 0, tzinfo=UTC))  # 08:00 local
    card = desk_service.card(desk, find_candidate(desk, candidate.id))
    booth = f" · booth {first.booth}" if first.booth else ""
    assert [i.line for i in card.interviews] == [f"10:00–10:20  {first.name}{booth}"]
    assert card.has_slip


def test_a_desk_may_not_book(fair: EventSession, pair: Pair, device: Open) -> None:
    first = all_employers(fair)[0]
    interviews.add_slots(fair, first.id, DAY, SlotPattern("10:00", "11:00", 20))
    path = pair("desk", desk=1)
    sync_file(path)
    desk = device(path)
    desk.role = "desk"
    with pytest.raises(NotAllowedForRole):
        interviews.book(desk, first.id, "C-0007")


@pytest.mark.parametrize("kind", sorted(policy.BOOKING_KINDS))
def test_the_role_rule_refuses_a_desks_booking_op(kind: str) -> None:
    from datetime import UTC, datetime

    desk = policy.Caller("d1", "desk", desk=1)
    op = Op("o1", "d1", 1, kind, datetime(2030, 5, 2, tzinfo=UTC), "x",
            {"id": "b1", "employer_id": "e1", "candidate_id": "c1"})
    assert policy.may_see(desk, op, None)
    assert policy.op_refusal(desk, op, "e1") == f"a desk may not send {kind} ops (op o1)"
    assert not policy.may_see(desk, Op("o2", "x", 1, "slot.add", op.at, "x", {}), None)
