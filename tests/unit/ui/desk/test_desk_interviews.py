"""Issue 15 item 6, walked with no window: on a later fair day a candidate with
interviews checks in, the desk lists today's and prints the slip on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest

from fairdesk.services import badges, interviews
from fairdesk.services.candidates import find_candidate
from fairdesk.services.checkin import check_in
from fairdesk.services.session import EventSession
from fairdesk.storage import badge_prints
from fairdesk.ui.common.presenters.badge_output import BadgeJob, Done, Failed, FolderSync
from fairdesk.ui.desk.presenters.desk import DeskPresenter
from tests.conftest import FakeClock
from tests.interview_fair import Fair, lose_to_another_booth, make_fair


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]],
         clock: FakeClock) -> Fair:
    made = make_fair(session, make_people)
    session.role, session.desk = "desk", 2
    for person in made.people:  # day one (20 Aug): in, badge printed
        check_in(session, person)
        badges.record_print(session, find_candidate(session, person), "brother-62", None)
    clock.advance(days=1, minutes=-60)  # 21 Aug, 08:30 at the venue: interview day
    return made


@pytest.fixture
def desk(fair: Fair, tmp_path: Path) -> Iterator[DeskPresenter]:
    presenter = DeskPresenter(fair.session, FolderSync(tmp_path / "out"), layout="brother-62")
    yield presenter
    presenter.close()


def _message(desk: DeskPresenter) -> str:
    assert desk.last_message is not None
    return desk.last_message.text


def test_check_in_lists_todays_interviews_and_offers_the_slip(desk: DeskPresenter,
                                                             fair: Fair) -> None:
    desk.set_query(fair.ref(0))
    desk.enter()
    assert desk.card is not None and desk.card.checked_in
    assert desk.interview_lines == ["10:00–10:20  Acme BPO · Room 1 · booth 4",
                                    "11:00–11:30  Bluewave · Room 1"]
    text = _message(desk)
    assert "Interviews today: 10:00 Acme BPO, 11:00 Bluewave — print the slip (Ctrl+I)." \
        in text
    assert desk.offers_slip


def test_the_slip_prints_todays_interviews_and_is_no_badge(desk: DeskPresenter, fair: Fair,
                                                          tmp_path: Path) -> None:
    desk.set_query(fair.ref(0))
    desk.enter()
    prints = len(badge_prints.for_candidate(fair.session.store, fair.people[0]))
    badges_before = set((tmp_path / "out").glob("*.pdf"))
    desk.print_slip()
    assert _message(desk) == f"✓ Interview slip printed for Kerlisha Joseph ({fair.ref(0)})."
    (slip,) = set((tmp_path / "out").glob("*.pdf")) - badges_before
    with pikepdf.open(slip) as pdf:
        assert len(pdf.pages) == 2  # a label per interview today
    assert len(badge_prints.for_candidate(fair.session.store, fair.people[0])) == prints
    assert desk.printing == set()


def test_no_interview_today_no_slip(desk: DeskPresenter, fair: Fair) -> None:
    desk.set_query(fair.ref(4))  # shortlisted, never booked
    desk.enter()
    assert desk.interview_lines == [] and not desk.offers_slip
    assert "Interviews" not in _message(desk)
    desk.print_slip()
    assert _message(desk) == f"Akeem Fontenelle ({fair.ref(4)}) has no interview today."
    assert desk.last_message is not None and desk.last_message.level == "warning"


def test_interviews_of_another_day_are_not_today(desk: DeskPresenter, fair: Fair,
                                                 clock: FakeClock) -> None:
    clock.advance(days=1)  # 22 Aug: only Acme's free slots that day
    desk.set_query(fair.ref(0))
    desk.enter()
    assert desk.interview_lines == [] and not desk.offers_slip


def test_a_clash_is_shown_but_not_printed(desk: DeskPresenter, fair: Fair) -> None:
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    lose_to_another_booth(fair, str(held["id"]), fair.people[2])
    desk.set_query(fair.ref(1))
    desk.enter()
    assert desk.interview_lines == [
        "10:20–10:40  Acme BPO · Room 1 · booth 4 · clash: to be rebooked at the booth"]
    assert "10:20 Acme BPO (clash: rebook at the booth)." in _message(desk)
    assert not desk.offers_slip


def test_nothing_selected(desk: DeskPresenter) -> None:
    desk.print_slip()
    assert _message(desk) == "Select a candidate to print their interview slip."


class _Jammed:
    description = "Jammed printer"
    ready = True

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        failed(job, "the printer is out of labels")


def test_a_slip_that_does_not_print_says_so(desk: DeskPresenter, fair: Fair) -> None:
    desk.set_query(fair.ref(0))
    desk.enter()
    desk.set_output(_Jammed())
    desk.print_slip()
    assert _message(desk) == (f"The interview slip of Kerlisha Joseph ({fair.ref(0)}) did "
                              "not print: the printer is out of labels")
    assert desk.printing == set()


def test_a_booking_made_elsewhere_shows_on_the_card(desk: DeskPresenter, fair: Fair) -> None:
    desk.set_query(fair.ref(2))
    desk.enter()
    assert desk.interview_lines == []
    fair.session.role = "organizer"
    interviews.book(fair.session, fair.blue, fair.people[2])  # the hub's pull, in effect
    assert desk.interview_lines == ["11:30–12:00  Bluewave · Room 1"]


def test_a_first_badge_on_the_interview_day_keeps_the_note(
        session: EventSession, make_people: Callable[..., list[str]], tmp_path: Path,
        clock: FakeClock) -> None:
    """No badge yet (first day here): the 'badge printed' line still lists them."""
    made = make_fair(session, make_people)
    session.role, session.desk = "desk", 2
    clock.advance(days=1)
    desk = DeskPresenter(session, FolderSync(tmp_path / "out"), layout="brother-62")
    try:
        desk.set_query(made.ref(1))
        desk.enter()
        assert _message(desk) == (
            f"✓ Badge printed for Désirée O'Neil ({made.ref(1)}). Interviews today: "
            "10:20 Acme BPO — print the slip (Ctrl+I).")
    finally:
        desk.close()
