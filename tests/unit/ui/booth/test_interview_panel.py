"""The booking flow on the booth window at 1280×800, with qtbot (issue 15)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fairdesk.domain.interviews import SlotPattern
from fairdesk.services import interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.booth.window import BoothWindow
from tests.conftest import FakeClock
from tests.unit.ui.booth.test_booth_window import badge, booth_window


@pytest.fixture
def window(qtbot: Any, session: EventSession) -> Iterator[BoothWindow]:
    acme = add_employer(session, "Acme Contact", booth="B1")
    other = add_employer(session, "Bluewave", booth="B2")
    interviews.add_slots(session, acme.id, "2026-08-21", SlotPattern("10:00", "11:00", 20))
    interviews.add_slots(session, other.id, "2026-08-21", SlotPattern("10:00", "10:20", 20))
    win = booth_window(qtbot, session, acme.id)
    yield win
    win.close()


def test_scan_then_one_tap_books_and_one_tap_unbooks(
        qtbot: Any, window: BoothWindow, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    assert (window.width(), window.height()) == (1280, 800)
    window.presenter.scan(badge(window.presenter.session, person))
    panel = window.card.interviews
    assert panel.headline.text() == "No interview booked: tap a time to book"
    assert panel.offers[0].text() == "Fri 10:00\nRoom 1"
    assert panel.offers[0].accessibleName() == "Book interview Fri 21 Aug 10:00 · Room 1"
    qtbot.mouseClick(panel.offers[0], Qt.MouseButton.LeftButton)
    assert panel.headline.text().startswith("Interview Fri 21 Aug 10:00–10:20")
    assert "Booked" in window.banner.text()
    assert window.card.phase_two.isChecked()  # booking marks Phase Two
    assert not panel.unbook.isHidden()
    panel.other.activated.emit(1)  # "Other time…" → the first free one: a move
    assert panel.headline.text().startswith("Interview Fri 21 Aug 10:20")
    qtbot.mouseClick(panel.unbook, Qt.MouseButton.LeftButton)
    assert panel.headline.text().startswith("No interview") and panel.unbook.isHidden()


def test_other_interviews_show_time_and_employer(
        qtbot: Any, window: BoothWindow, make_people: Callable[..., list[str]]) -> None:
    [person] = make_people(1)
    session = window.presenter.session
    session.role = "organizer"  # the organizer books the candidate elsewhere first
    interviews.book(session, "Bluewave", person)
    session.role = "booth"
    window.presenter.scan(badge(session, person))
    panel = window.card.interviews
    assert panel.elsewhere.text() == "Also interviewing: Fri 21 Aug 10:00–10:20 — Bluewave"
    assert panel.offers[0].text() == "Fri 10:20\nRoom 1"  # 10:00 would clash


def test_after_its_start_interviewed_and_no_show_are_one_tap_each(
        qtbot: Any, window: BoothWindow, make_people: Callable[..., list[str]],
        clock: FakeClock) -> None:
    [person] = make_people(1)
    session = window.presenter.session
    window.presenter.scan(badge(session, person))
    panel = window.card.interviews
    assert panel.interviewed.isHidden() and panel.no_show.isHidden()  # nothing booked
    qtbot.mouseClick(panel.offers[0], Qt.MouseButton.LeftButton)  # Fri 10:00
    assert panel.interviewed.isHidden()  # not started yet
    clock.advance(days=1, hours=1)  # Fri 10:30 at the venue
    window.presenter.scan(badge(session, person))  # the candidate comes back to the booth
    assert not panel.interviewed.isHidden() and not panel.no_show.isHidden()
    assert not panel.interviewed.isChecked() and not panel.no_show.isChecked()
    qtbot.mouseClick(panel.interviewed, Qt.MouseButton.LeftButton)
    assert panel.interviewed.isChecked() and not panel.no_show.isChecked()
    assert panel.headline.text().startswith("Interviewed Fri 21 Aug 10:00")
    qtbot.mouseClick(panel.no_show, Qt.MouseButton.LeftButton)  # changed: a no-show
    assert panel.no_show.isChecked() and not panel.interviewed.isChecked()
    assert panel.headline.text().startswith("No-show Fri 21 Aug 10:00")
    assert "no-show" in window.banner.text()
