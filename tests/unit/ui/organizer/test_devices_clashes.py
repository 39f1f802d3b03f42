"""Issue 15 item 4: the hub's Devices page lists the bookings in clash ("clash:
rebook" on their booth), with and without a window."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from fairdesk.domain.clock import encode
from fairdesk.domain.interviews import SlotPattern
from fairdesk.domain.model import Op
from fairdesk.services import interviews
from fairdesk.services.devices import invite, redeem
from fairdesk.services.session import EventSession
from fairdesk.storage import sync_rows
from fairdesk.sync.pairing import decode
from fairdesk.ui.organizer.presenters.devices import CLASH_COLUMNS, DevicesPresenter
from tests.interview_fair import DAY1, Fair, make_fair
from tests.unit.ui.organizer.hub_helpers import FakeHub

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
AT = datetime(2026, 8, 20, 12, tzinfo=UTC)


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]) -> Fair:
    return make_fair(session, make_people)


def _pair(session: EventSession, employer: str, name: str) -> str:
    made = invite(session, "booth", "https://127.0.0.1:8765", employer=employer)
    return str(redeem(session.store, decode(made.code).secret, name, session.now())["device_id"])


def _booth_books(fair: Fair, device: str, slot: dict[str, object], candidate: str,
                 wall: int, n: int) -> None:
    """A booking op as a paired booth pushes it (stamped ``wall`` by its clock)."""
    op = Op(f"op-{n}", device, n, "booking.add", AT, encode(wall, 0, device), {
        "id": f"booking-{n}", "slot_id": slot["id"], "candidate_id": candidate,
        "employer_id": slot["employer"], "employer_name": "Bluewave", "day": slot["day"],
        "start": slot["start"], "end": slot["end"]})
    with fair.session.store.transaction():
        sync_rows.ingest_one(fair.session.store, op)


def _presenter(session: EventSession) -> DevicesPresenter:
    presenter = DevicesPresenter(session, make_hub=FakeHub, addresses=list)
    presenter.load()
    return presenter


def test_no_clash_no_list(fair: Fair) -> None:
    presenter = _presenter(fair.session)
    assert presenter.clash_text == "" and presenter.clash_rows == []
    assert "clash" not in presenter.summary_text


def test_a_booking_that_lost_the_candidate_is_listed_with_the_booth(fair: Fair) -> None:
    device = _pair(fair.session, fair.blue, "Bluewave tablet")
    (early,) = interviews.add_slots(fair.session, fair.blue, DAY1,
                                    SlotPattern("10:30", "11:00", 30))
    overlapping = {"id": early.id, "employer": fair.blue, "day": DAY1, "start": "10:30",
                   "end": "11:00"}  # people[1] is at Acme 10:20–10:40, booked earlier
    _booth_books(fair, device, overlapping, fair.people[1], wall=int(time.time() * 1000), n=1)
    presenter = _presenter(fair.session)
    assert presenter.clash_rows == [(
        f"{fair.ref(1)} · Désirée O'Neil", "Bluewave", "Fri 21 Aug 10:30–11:00",
        "Bluewave tablet", f"{fair.ref(1)} booked first at Fri 21 Aug 10:20–10:40 with "
        "Acme BPO")]
    assert presenter.clash_text.startswith("1 booking lost to an earlier one (clash: rebook).")
    assert presenter.summary_text.endswith("· 1 in clash")


def test_a_booking_that_lost_the_slot_names_the_organizers_own(fair: Fair) -> None:
    device = _pair(fair.session, fair.acme, "Acme laptop")
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    _booth_books(fair, device, held, fair.people[2], wall=1, n=1)  # earlier by HLC: wins
    (row,) = _presenter(fair.session).clash_rows
    assert row[0].startswith(fair.ref(1)) and row[3] == "this computer"
    assert row[4] == "slot taken first by another candidate (Fri 21 Aug 10:20–10:40)"


def test_the_page_shows_the_list_only_when_there_are_clashes(qtbot: Any, fair: Fair) -> None:
    from fairdesk.ui.organizer.devices_page import DevicesPage

    presenter = _presenter(fair.session)
    page = DevicesPage(presenter)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    assert not page.clash_list.isVisible()
    device = _pair(fair.session, fair.acme, "Acme laptop")
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    _booth_books(fair, device, held, fair.people[2], wall=1, n=1)
    presenter.load()
    assert page.clash_list.isVisible()
    model = page.clash_list.model
    assert model.rowCount() == 1 and model.columnCount() == len(CLASH_COLUMNS)
    assert "clash: rebook" in page.clash_list.line.text()
    page.close()
