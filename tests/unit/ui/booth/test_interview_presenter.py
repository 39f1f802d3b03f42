"""The card's interview panel walked with no window (issue 15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit
from fairdesk.storage import oplog
from fairdesk.ui.booth.presenters.booth import BoothPresenter
from fairdesk.ui.booth.presenters.interviews import InterviewPresenter
from tests.conftest import FakeClock

DAY = "2026-08-21"


@pytest.fixture
def panel(session: EventSession, make_people: Callable[..., list[str]]
          ) -> tuple[InterviewPresenter, list[str], str]:
    people = make_people(2)
    acme = add_employer(session, "Acme Contact")
    blue = add_employer(session, "Bluewave").id
    interviews.add_slots(session, acme.id, DAY, SlotPattern("10:00", "12:00", 20, rooms=1))
    interviews.add_slots(session, blue, DAY, SlotPattern("10:00", "10:30", 30))
    interviews.book(session, blue, people[0])  # elsewhere first: 10:00–10:30
    for person in people:
        record_visit(session, acme.id, person)
    session.role, session.employer_id = "booth", acme.id
    p = InterviewPresenter(session, acme)
    p.show(people[0])
    return p, people, blue


def test_offers_skip_the_other_interview_and_one_tap_books(panel: tuple) -> None:
    p, people, _ = panel
    assert [s.start for s in p.offers] == ["10:40", "11:00", "11:20"]  # 10:00 and 10:20 clash
    assert p.other_lines == ["Fri 21 Aug 10:00–10:30 — Bluewave"]
    assert p.headline.startswith("No interview booked") and p.book_label == "Book interview"
    booked: list[bool] = []
    p.on_booked = lambda: booked.append(True)
    assert p.book_next()
    assert booked == [True] and p.mine is not None and p.mine.start == "10:40"
    assert p.headline.startswith("Interview Fri 21 Aug 10:40–11:00 · Room 1")
    assert p.book_label == "Move to"
    assert p.session.store.scalar("SELECT shortlist FROM visits WHERE candidate_id = ?",
                                  (people[0],)) == 1


def test_move_and_unbook_are_one_tap_each(panel: tuple) -> None:
    p, _people, _ = panel
    p.book_next()
    p.book(p.offers[-1].id)
    assert p.mine is not None and p.mine.start == "11:40"
    assert p.last_message is not None and p.last_message.text.startswith("Moved to")
    assert p.unbook() and p.mine is None


def test_a_refused_booking_says_why(panel: tuple) -> None:
    p, people, _ = panel
    slot = p.offers[0].id
    p.show(people[1])
    p.book(slot)
    p.show(people[0])
    assert not p.book(slot)
    assert p.last_message is not None and p.last_message.code == "slot_taken"


def test_a_clash_from_sync_shows_red_on_the_card_and_in_the_list(panel: tuple) -> None:
    p, people, blue = panel
    session = p.session
    # another booth's earlier booking of the same time arrives later (as from a sync)
    mine_slot = interviews.slots_of(session, p.employer.id)[2]  # 10:40–11:00
    p.book(mine_slot.id)
    with session.store.transaction():
        oplog.apply(session.store, oplog.Op(
            "other-op", "boothX", 1, "booking.add", session.now(), "0000000000001.0000.boothX",
            {"id": "other", "slot_id": "elsewhere", "candidate_id": people[0],
             "employer_id": blue, "employer_name": "Bluewave", "day": DAY, "start": "10:45",
             "end": "11:05"}))
    p.reload()
    assert p.clash and p.headline.startswith("clash: rebook")
    booth = BoothPresenter(session)
    booth.load()
    assert people[0] in booth.clashing
    rows = {card.candidate_id: booth.row(card) for card in booth.visits}
    assert rows[people[0]][-1] == "clash: rebook"
    assert p.book_next() and not p.clash  # rebook: moved to a time that fits


def test_once_started_one_tap_records_the_interview_and_the_other_tap_changes_it(
        panel: tuple, clock: FakeClock) -> None:
    p, _people, _ = panel
    assert p.book_next()  # Fri 21 Aug 10:40–11:00
    assert not p.can_record and p.headline.endswith("tap a time to move")
    assert not p.record(True) and p.last_message is not None
    assert p.last_message.code == "interview_not_started"
    clock.advance(days=1, hours=1, minutes=15)  # Fri 10:45 at the venue
    p.reload()
    assert p.can_record and p.attended is None
    assert p.headline == "Interview Fri 21 Aug 10:40–11:00 · Room 1: did it take place?"
    assert p.record(True)
    assert p.attended is True and p.headline.startswith("Interviewed Fri 21 Aug 10:40")
    assert p.last_message is not None and "recorded as interviewed" in p.last_message.text
    assert p.record(False)  # the other tap: undone, now a no-show
    assert p.attended is False and p.headline.startswith("No-show Fri 21 Aug 10:40")
    assert p.unbook() and not p.can_record and p.attended is None
