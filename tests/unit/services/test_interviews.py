"""Laying out slots, booking, moving and unbooking (one transaction each)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fairdesk.domain.errors import (
    InterviewClash,
    InvalidField,
    NoFreeSlot,
    NotAllowedForRole,
    NotBooked,
    SlotTaken,
    UnknownSlot,
)
from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit
from fairdesk.storage import event as event_rows

DAY = "2026-08-21"  # the fake clock's next day


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]
         ) -> tuple[EventSession, list[str], list[str]]:
    people = make_people(3)
    acme = add_employer(session, "Acme BPO").id
    blue = add_employer(session, "Bluewave").id
    interviews.add_slots(session, acme, DAY, SlotPattern("10:00", "11:00", 20))
    interviews.add_slots(session, blue, DAY, SlotPattern("10:10", "11:10", 30))
    return session, people, [acme, blue]


def test_slots_are_listed_free_then_with_the_ref(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    listing = interviews.slot_rows(session, acme)
    assert [(r["start"], r["end"], r["ref"]) for r in listing] == [
        ("10:00", "10:20", None), ("10:20", "10:40", None), ("10:40", "11:00", None)]
    done = interviews.book(session, acme, people[0], str(listing[1]["id"]))
    assert done.booking.state == "booked"
    ref = session.store.scalar("SELECT ref FROM candidates WHERE id = ?", (people[0],))
    assert [r["ref"] for r in interviews.slot_rows(session, acme)] == [None, ref, None]
    assert interviews.booked_counts(session) == {acme: 1}


def test_same_slots_twice_are_refused(fair: tuple) -> None:
    session, _people, (acme, _blue) = fair
    with pytest.raises(InvalidField, match="already has a slot"):
        interviews.add_slots(session, acme, DAY, SlotPattern("10:30", "11:30", 20))
    assert len(interviews.slot_rows(session, acme)) == 3


def test_a_taken_slot_and_a_clash_are_refused_with_the_other_interview(fair: tuple) -> None:
    session, people, (acme, blue) = fair
    first = interviews.slot_rows(session, acme)[0]["id"]
    interviews.book(session, acme, people[0], str(first))
    with pytest.raises(SlotTaken, match=r"10:00–10:20 .* at Acme BPO is already taken"):
        interviews.book(session, acme, people[1], str(first))
    blue_first = interviews.slot_rows(session, blue)[0]["id"]  # 10:10–10:40
    with pytest.raises(InterviewClash, match="10:00–10:20 with Acme BPO") as clash:
        interviews.book(session, blue, people[0], str(blue_first))
    assert clash.value.code == "interview_clash"
    assert interviews.booked_counts(session) == {acme: 1}


def test_next_skips_taken_and_clashing_slots(fair: tuple) -> None:
    session, people, (acme, blue) = fair
    interviews.book(session, acme, people[0])  # 10:00–10:20
    done = interviews.book(session, blue, people[0])  # 10:10 clashes: 10:40–11:10
    assert (done.slot.start, done.slot.end) == ("10:40", "11:10")
    assert interviews.book(session, acme, people[1]).slot.start == "10:20"


def test_booking_again_moves_and_unbook_frees(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    slots = interviews.slot_rows(session, acme)
    interviews.book(session, acme, people[0], str(slots[0]["id"]))
    moved = interviews.book(session, acme, people[0], str(slots[2]["id"]))
    assert moved.moved_from is not None and moved.moved_from.slot_id == slots[0]["id"]
    assert [r["ref"] is None for r in interviews.slot_rows(session, acme)] == [True, True, False]
    interviews.unbook(session, acme, people[0])
    assert all(r["ref"] is None for r in interviews.slot_rows(session, acme))
    with pytest.raises(NotBooked):
        interviews.unbook(session, acme, people[0])
    actions = [a["action"] for a in event_rows.audit_entries(session.store)]
    assert actions.count("booking.add") == 2 and actions.count("booking.remove") == 1


def test_booking_marks_phase_two_on_the_visit(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    visit = record_visit(session, acme, people[2]).visit
    assert not visit.shortlist
    interviews.book(session, acme, people[2])
    assert session.store.scalar("SELECT shortlist FROM visits WHERE id = ?", (visit.id,)) == 1


def test_unknown_slot_and_no_free_slot(fair: tuple) -> None:
    session, people, (acme, blue) = fair
    blue_slot = str(interviews.slot_rows(session, blue)[0]["id"])
    with pytest.raises(UnknownSlot):
        interviews.book(session, acme, people[0], blue_slot)
    for person in people:
        interviews.book(session, acme, person)
    with pytest.raises(NoFreeSlot):
        interviews.book(session, acme, find_candidate(session, "C-0001").id)


def test_a_booth_books_only_for_its_own_employer(fair: tuple) -> None:
    session, people, (acme, blue) = fair
    session.role, session.employer_id = "booth", acme
    with pytest.raises(NotAllowedForRole):
        interviews.book(session, blue, people[0])
    with pytest.raises(NotAllowedForRole):
        interviews.add_slots(session, acme, DAY, SlotPattern("14:00", "15:00"))
    assert interviews.book(session, acme, people[0]).booking.employer_id == acme


def test_copy_a_day_to_every_employer(fair: tuple) -> None:
    session, _people, (acme, _blue) = fair
    third = add_employer(session, "Caribtech").id
    made = interviews.copy_day_to_all(session, acme, DAY)
    assert [(s.employer_id, s.start) for s in made] == [  # Bluewave has its own
        (third, "10:00"), (third, "10:20"), (third, "10:40")]
    assert [r["start"] for r in interviews.slot_rows(session, third)] == [
        "10:00", "10:20", "10:40"]


# ---------------------------------------------------------------- taking slots back
def test_free_slots_laid_out_by_mistake_are_removed(fair: tuple) -> None:
    session, _people, (acme, blue) = fair
    listing = interviews.slot_rows(session, acme)
    gone = interviews.remove_slots(session, [str(listing[0]["id"]), str(listing[2]["id"]),
                                             "no-such-slot", str(listing[0]["id"])])
    assert [s.start for s in gone] == ["10:00", "10:40"]
    assert [r["start"] for r in interviews.slot_rows(session, acme)] == ["10:20"]
    assert [s.start for s in interviews.free_slots(session, acme, upcoming=False)] == ["10:20"]
    assert len(interviews.slot_rows(session, blue)) == 2  # the other employer's stay
    assert interviews.remove_slots(session, [str(listing[0]["id"])]) == []  # already gone
    # the same window can be laid out again
    again = interviews.add_slots(session, acme, DAY, SlotPattern("10:00", "10:20", 20))
    assert [s.start for s in again] == ["10:00"]


def test_a_held_slot_is_not_removed_and_nothing_is(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    listing = interviews.slot_rows(session, acme)
    interviews.book(session, acme, people[0], str(listing[1]["id"]))
    ref = find_candidate(session, people[0]).ref
    with pytest.raises(SlotTaken, match=f"{ref} holds the slot at Fri 21 Aug 10:20–10:40"):
        interviews.remove_slots(session, [str(r["id"]) for r in listing])
    assert len(interviews.slot_rows(session, acme)) == 3
    assert session.store.scalar("SELECT COUNT(*) FROM ops WHERE kind = 'slot.remove'") == 0
    interviews.unbook(session, acme, people[0])
    assert len(interviews.remove_slots(session, [str(r["id"]) for r in listing])) == 3


def test_a_booth_cannot_remove_slots(fair: tuple) -> None:
    session, _people, (acme, _blue) = fair
    ids = [s.id for s in interviews.slots_of(session, acme)]
    session.role, session.employer_id = "booth", acme
    with pytest.raises(NotAllowedForRole):
        interviews.remove_slots(session, ids)
    assert len(interviews.slots_of(session, acme)) == 3


def test_a_removed_slot_cannot_be_booked(fair: tuple) -> None:
    session, people, (acme, _blue) = fair
    first = str(interviews.slot_rows(session, acme)[0]["id"])
    interviews.remove_slots(session, [first])
    with pytest.raises(UnknownSlot):
        interviews.book(session, acme, people[0], first)
    assert interviews.book(session, acme, people[0]).slot.start == "10:20"  # the next free
