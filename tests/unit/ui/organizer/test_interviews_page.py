"""The organizer's Interviews page: presenter walked with no window, and its wiring."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from fairdesk.services import erasure, interviews, merging
from fairdesk.services.candidates import edit_candidate
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.interviews_page import InterviewsPage
from fairdesk.ui.organizer.presenters.interviews import (
    COLUMNS,
    NAME_COLUMN,
    InterviewsPresenter,
)


@pytest.fixture
def presenter(session: EventSession) -> Iterator[InterviewsPresenter]:
    for name in ("Acme BPO", "Bluewave", "Caribtech"):
        add_employer(session, name)
    p = InterviewsPresenter(session)
    p.load()
    yield p
    p.close()


def test_lay_out_one_employer_then_copy_the_day_to_all(presenter: InterviewsPresenter) -> None:
    assert presenter.rows == [] and "Add slots" in presenter.empty_text
    presenter.edit(day="2026-08-21", start="09:00", end="10:00", length=20, rooms=2)
    assert presenter.preview == "3 slots × 2 rooms (09:00–10:00)"
    assert presenter.add_slots()
    assert presenter.last_message is not None
    assert presenter.last_message.text == ("Added 6 slots for Acme BPO on Fri 21 Aug "
                                           "(Ctrl+Z takes them back).")
    assert len(presenter.rows) == 6
    assert presenter.rows[0] == ("Fri 21 Aug", "09:00–09:20", "Room 1", "free", "", "")
    assert presenter.copy_to_all()
    assert presenter.last_message is not None
    assert presenter.last_message.text == ("Copied Acme BPO's slots of Fri 21 Aug to the other "
                                           "employers: 12 slots (Ctrl+Z takes them back).")
    assert presenter.undo()  # the copy comes back off; Acme's own stay
    labels = [presenter.employer_label(e) for e in presenter.employers]
    assert labels == ["Acme BPO — 6 slots, 0 booked", "Bluewave — 0 slots, 0 booked",
                      "Caribtech — 0 slots, 0 booked"]
    assert presenter.copy_to_all()
    labels = [presenter.employer_label(e) for e in presenter.employers]
    assert labels == ["Acme BPO — 6 slots, 0 booked", "Bluewave — 6 slots, 0 booked",
                      "Caribtech — 6 slots, 0 booked"]
    assert presenter.clash_text == "No clashes."


def test_undo_takes_back_the_slots_just_added(presenter: InterviewsPresenter) -> None:
    presenter.edit(day="2026-08-21", start="09:00", end="10:00", length=20)
    assert presenter.add_slots() and presenter.can_undo
    presenter.edit(day="2026-08-21", start="14:00", end="15:00", length=30)
    assert presenter.add_slots()  # Undo takes back the last add only
    assert presenter.undo() and not presenter.can_undo
    assert presenter.last_message is not None
    assert presenter.last_message.text == "Took back the 2 slots just added."
    assert [r[1] for r in presenter.rows] == ["09:00–09:20", "09:20–09:40", "09:40–10:00"]
    assert not presenter.undo()


def test_remove_takes_free_slots_and_refuses_a_booked_one(
        session: EventSession, presenter: InterviewsPresenter, make_people: Any) -> None:
    presenter.edit(day="2026-08-21", start="09:00", end="10:00", length=20)
    presenter.add_slots()
    person = make_people(1)[0]
    interviews.book(session, str(presenter.employer_id), person, presenter.slot_ids[2])
    assert presenter.remove([0])
    assert presenter.last_message is not None
    assert presenter.last_message.text == "Removed 1 slot of Acme BPO."
    assert [r[1] for r in presenter.rows] == ["09:20–09:40", "09:40–10:00"]
    assert not presenter.remove([0, 1])  # the 09:40 slot is booked: nothing goes
    assert presenter.last_message.code == "slot_taken"
    assert "C-0001 holds the slot" in presenter.last_message.text
    assert len(presenter.rows) == 2
    assert not presenter.undo()  # what was removed or is booked is not taken back again
    assert presenter.last_message.code == "slot_taken"


def test_a_bad_window_says_why_and_adds_nothing(presenter: InterviewsPresenter) -> None:
    presenter.edit(day="2026-08-21", start="10:00", end="09:00")
    assert "not after the start" in presenter.preview
    assert not presenter.add_slots()
    assert presenter.last_message is not None and presenter.last_message.code == "invalid_field"
    assert presenter.rows == []


def test_the_page_adds_slots_from_its_form(qtbot: Any, presenter: InterviewsPresenter) -> None:
    page = InterviewsPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    page.day.setDate(QDate(2026, 8, 21))
    page.start.setTime(QTime(14, 0))
    page.end.setTime(QTime(15, 0))
    page.length.setValue(30)
    assert page.preview.text() == "2 slots (14:00–15:00)"
    assert presenter.form.day == "2026-08-21"
    page.end.setTime(QTime(13, 0))
    assert "not after the start" in page.preview.text()
    page.end.setTime(QTime(15, 0))
    page._add()
    assert page.model.rowCount() == 2
    assert page.employer.currentText() == "Acme BPO — 2 slots, 0 booked"
    assert page.day.text() == "Fri 21 Aug 2026"
    page.employer.setCurrentIndex(1)
    page._chosen(1)
    assert page.model.rowCount() == 0 and page.empty.text().startswith("No slots")


def test_the_page_takes_slots_back_by_undo_and_by_delete(
        qtbot: Any, presenter: InterviewsPresenter) -> None:
    page = InterviewsPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)  # key presses go through the shortcut map, as a user's do
    assert not page.undo_button.isEnabled() and not page.remove_button.isEnabled()
    page.day.setDate(QDate(2026, 8, 21))
    page.start.setTime(QTime(9, 0))
    page.end.setTime(QTime(10, 0))
    page._add()
    assert page.model.rowCount() == 3 and page.undo_button.isEnabled()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    page.table.selectRow(0)
    assert page.remove_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 2 and not page.remove_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)  # a button's shortcut clicks it animated
    assert not page.undo_button.isEnabled()


def test_the_day_starts_on_the_event_s_first_day_and_follows_the_form(
        qtbot: Any, session: EventSession, presenter: InterviewsPresenter) -> None:
    page = InterviewsPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    days = session.event.days
    first = (days[0] if days else session.fair_day()).isoformat()
    assert page.day.date().toString(Qt.DateFormat.ISODate) == first
    presenter.edit(day="2026-09-02")
    page.redraw()
    assert page.day.date() == QDate(2026, 9, 2)
    assert page.day.calendarPopup()


# ---------------------------------------------------------------- who holds a slot
@pytest.fixture
def booked(session: EventSession, presenter: InterviewsPresenter,
           make_people: Any) -> list[str]:
    """Three of Acme's 09:00–10:00 slots held by Kerlisha, Désirée and Marie."""
    people = make_people(3)
    presenter.edit(day="2026-08-21", start="09:00", end="10:00", length=20)
    presenter.add_slots()
    slots = interviews.slot_rows(session, presenter.employer_id)
    for person, slot in zip(people, slots, strict=True):
        interviews.book(session, str(presenter.employer_id), person, str(slot["id"]))
    return people


def test_a_held_slot_shows_the_candidate_s_name_beside_the_ref(
        presenter: InterviewsPresenter, booked: list[str]) -> None:
    assert presenter.rows == [
        ("Fri 21 Aug", "09:00–09:20", "Room 1", "C-0001", "Kerlisha Joseph", "booked"),
        ("Fri 21 Aug", "09:20–09:40", "Room 1", "C-0002", "Désirée O'Neil", "booked"),
        ("Fri 21 Aug", "09:40–10:00", "Room 1", "C-0003", "Marie Jn Baptiste", "booked")]


def test_an_erased_candidate_shows_no_name(session: EventSession,
                                           presenter: InterviewsPresenter,
                                           booked: list[str]) -> None:
    erasure.erase(session, "C-0002", "asked by e-mail")
    assert presenter.rows[1][3:] == ("C-0002", "erased candidate", "booked")
    assert "O'Neil" not in repr(presenter.rows)


def test_a_merged_away_booking_shows_the_kept_person(session: EventSession,
                                                     presenter: InterviewsPresenter,
                                                     booked: list[str]) -> None:
    merging.merge(session, "C-0001", "C-0003")  # Marie was a duplicate of Kerlisha
    rows = presenter.rows
    assert rows[0][3:] == ("C-0001", "Kerlisha Joseph", "booked")
    # both slots moved over; one person holds one interview per employer: the later clashes
    assert rows[2][3:] == ("C-0001", "Kerlisha Joseph", "clash: rebook")


def test_the_table_shows_names_and_cuts_no_column(qtbot: Any, session: EventSession,
                                                  presenter: InterviewsPresenter,
                                                  booked: list[str]) -> None:
    edit_candidate(session, booked[2], first_name="Marie-Thérèse Augustine",
                   last_name="Jn Baptiste-Fontenelle")  # a long name: the page redraws
    page = InterviewsPage(presenter)
    qtbot.addWidget(page)
    page.resize(1080, 700)  # the organizer window's page area at its default size
    presenter.load()
    page.show()
    qtbot.waitExposed(page)
    model, table = page.model, page.table
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert headers == ["Day", "Time", "Room", "Candidate", "Name", "State"]
    assert model.data(model.index(1, NAME_COLUMN)) == "Désirée O'Neil"
    assert model.data(model.index(1, NAME_COLUMN - 1)) == "C-0002"
    assert model.data(model.index(2, NAME_COLUMN)) == ("Marie-Thérèse Augustine "
                                                       "Jn Baptiste-Fontenelle")
    header = table.horizontalHeader()
    for column in range(len(COLUMNS)):
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= needed, COLUMNS[column]
