"""The card's "Book interview" panel, without Qt (issue 15).

For the candidate on the card: this employer's interview (or a red "clash:
rebook" when another booth booked the candidate at that time first), the
candidate's other interviews as time and employer name only, and the next
free slots that fit around them. One tap books a slot (booking again moves
the interview), one tap unbooks; :meth:`picker` lists every free slot that
fits, for the "Other time…" list. Once the booked slot has started, one tap
records whether the interview took place ("Interviewed" / "No-show"); the
other tap changes it.
"""

from __future__ import annotations

from collections.abc import Callable

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.interviews import Booking, Slot, when
from fairdesk.domain.model import Employer
from fairdesk.services import interview_attendance, interviews
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.base import Presenter

OFFERS = 3  # slot buttons on the card; the rest in the picker


def slot_text(slot: Slot) -> str:
    """``Thu 02 May 10:00`` and the room when there are several."""
    text = f"{slot.day:%a %d %b} {slot.start}"
    return f"{text} · {slot.room}" if slot.room else text


def button_text(slot: Slot) -> str:
    """Two short lines for a slot button: ``Fri 10:00`` over ``Room 1``."""
    text = f"{slot.day:%a} {slot.start}"
    return f"{text}\n{slot.room}" if slot.room else text


class InterviewPresenter(Presenter):
    def __init__(self, session: EventSession, employer: Employer) -> None:
        super().__init__()
        self.session = session
        self.employer = employer
        self.candidate_id: str | None = None
        self.mine: Booking | None = None
        self.others: list[Booking] = []
        self.offers: list[Slot] = []
        self.on_booked: Callable[[], None] = lambda: None  # the card re-reads Phase Two

    def show(self, candidate_id: str | None) -> None:
        """Load the panel for the card's candidate (``None``: no card)."""
        self.candidate_id = candidate_id
        self.reload()

    def reload(self) -> None:
        self.mine, self.others, self.offers = None, [], []
        if self.candidate_id is not None:
            found = interviews.interviews_of(self.session, self.candidate_id)
            mine = [b for b in found if b.employer_id == self.employer.id]
            self.mine = mine[0] if mine else None
            self.others = [b for b in found if b.employer_id != self.employer.id]
            self.offers = self.picker()[:OFFERS]
        self.changed()

    def picker(self) -> list[Slot]:
        """Every free slot of this employer, from now on, that fits the candidate."""
        if self.candidate_id is None:
            return []
        return interviews.free_slots(self.session, self.employer.id, self.candidate_id)

    # ---------------------------------------------------------- actions
    def book(self, slot_id: str) -> bool:
        """One tap: book (or move to) this slot; False with the reason when refused."""
        if self.candidate_id is None:
            return False
        try:
            done = interviews.book(self.session, self.employer.id, self.candidate_id, slot_id)
        except FairDeskError as error:
            self.refused(error)
            self.reload()
            return False
        verb = "Moved to" if done.moved_from else "Booked"
        self.say("info", f"{verb} {when(done.slot.day, done.slot.start, done.slot.end)}"
                 f"{' · ' + done.slot.room if done.slot.room else ''}; marked for Phase Two.")
        self.reload()
        self.on_booked()
        return True

    def book_next(self) -> bool:
        return bool(self.offers) and self.book(self.offers[0].id)

    def record(self, attended: bool) -> bool:
        """One tap: the interview took place (``False``: a no-show); the other tap undoes."""
        mine = self.mine
        if self.candidate_id is None or mine is None:
            return False
        try:
            interview_attendance.record_attendance(self.session, self.employer.id,
                                                   self.candidate_id, attended)
        except FairDeskError as error:
            self.refused(error)
            self.reload()
            return False
        self.say("info", f"{mine.when()}: recorded as "
                 f"{'interviewed' if attended else 'a no-show'}.")
        self.reload()
        return True

    def unbook(self) -> bool:
        mine = self.mine
        if self.candidate_id is None or mine is None:
            return False
        try:
            interviews.unbook(self.session, self.employer.id, self.candidate_id)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.say("info", f"Interview at {mine.when()} taken back.")
        self.reload()
        return True

    # ---------------------------------------------------------- texts
    @property
    def clash(self) -> bool:
        return self.mine is not None and self.mine.state == "clash"

    @property
    def headline(self) -> str:
        if self.candidate_id is None:
            return ""
        if self.mine is None:
            return ("No interview booked: tap a time to book" if self.offers
                    else "No free interview slot left")
        if self.clash:
            return (f"clash: rebook — {self.mine.when()} was taken first elsewhere; "
                    "tap a time to move")
        where = f"{self.mine.when()}{self._room(self.mine)}"
        if self.can_record:
            return {None: f"Interview {where}: did it take place?",
                    True: f"Interviewed {where}",
                    False: f"No-show {where}"}[self.mine.attended]
        return f"Interview {where}: tap a time to move"

    @property
    def can_record(self) -> bool:
        """This booth's standing interview has started: "Interviewed" / "No-show" show."""
        mine = self.mine
        return (mine is not None and mine.state == "booked"
                and interview_attendance.has_started(self.session, mine))

    @property
    def attended(self) -> bool | None:
        return None if self.mine is None else self.mine.attended

    def _room(self, booking: Booking) -> str:
        slot = interviews.slot_of(self.session, booking.slot_id)
        return f" · {slot.room}" if slot is not None and slot.room else ""

    @property
    def other_lines(self) -> list[str]:
        """The candidate's other interviews: time and employer name, nothing else."""
        return [f"{b.when()} — {b.employer_name or 'another employer'}" for b in self.others]

    @property
    def book_label(self) -> str:
        return "Move to" if self.mine is not None else "Book interview"
