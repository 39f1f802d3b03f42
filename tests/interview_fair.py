"""A small Phase Two fair for the export, report, bundle and desk tests.

Two employers; Acme BPO has two rooms on 21 August and one on 22 August,
Bluewave one room on 21 August. All five candidates visited Acme, the first
also Bluewave; three are booked at Acme (the first at Bluewave too), the
fifth is shortlisted without a booking. ``lose_to_another_booth`` turns a
booking into a clash, as a sync would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fairdesk.domain.clock import encode
from fairdesk.domain.interviews import SlotPattern
from fairdesk.domain.model import Op
from fairdesk.services import interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.storage import sync_rows

DAY1, DAY2 = "2026-08-21", "2026-08-22"


@dataclass
class Fair:
    session: EventSession
    people: list[str]
    acme: str
    blue: str

    def ref(self, n: int) -> str:
        return str(self.session.store.scalar("SELECT ref FROM candidates WHERE id = ?",
                                             (self.people[n],)))


def make_fair(session: EventSession, make_people: Callable[..., list[str]]) -> Fair:
    people = make_people(5)  # people[3] has no consent (conftest: every fourth)
    acme = add_employer(session, "Acme BPO", booth="4").id
    blue = add_employer(session, "Bluewave").id
    interviews.add_slots(session, acme, DAY1, SlotPattern("10:00", "11:00", 20, 0, 2))
    interviews.add_slots(session, acme, DAY2, SlotPattern("09:00", "10:00", 30))
    interviews.add_slots(session, blue, DAY1, SlotPattern("11:00", "12:00", 30))
    for person in people:
        visit = record_visit(session, acme, person).visit
        if person == people[4]:
            update_visit(session, visit.id, shortlist=True)
    record_visit(session, blue, people[0])
    acme1 = [s for s in interviews.slot_rows(session, acme) if s["day"] == DAY1]
    interviews.book(session, acme, people[0], str(acme1[0]["id"]))  # 10:00 Room 1
    interviews.book(session, acme, people[3], str(acme1[1]["id"]))  # 10:00 Room 2
    interviews.book(session, blue, people[0])  # 11:00 at Bluewave
    interviews.book(session, acme, people[1], str(acme1[2]["id"]))  # 10:20 Room 1
    return Fair(session, people, acme, blue)


def lose_to_another_booth(fair: Fair, slot_id: str, candidate: str) -> None:
    """Another booth booked ``candidate`` into ``slot_id`` earlier (by HLC): the
    local booking of that slot becomes a clash."""
    slot = next(s for s in interviews.slot_rows(fair.session, fair.acme) if s["id"] == slot_id)
    op = Op("far-booking", "booth-far", 1, "booking.add", datetime(2026, 8, 20, 12, tzinfo=UTC),
            encode(1, 0, "booth-far"), {
                "id": "far-booking", "slot_id": slot_id, "candidate_id": candidate,
                "employer_id": fair.acme, "employer_name": "Acme BPO", "day": slot["day"],
                "start": slot["start"], "end": slot["end"]})
    store = fair.session.store
    with store.transaction():
        sync_rows.ingest_one(store, op)
