"""The organizer's "Interviews" page, without Qt (issue 15).

Pick an employer and a day, type a window (start, end, slot length, buffer,
rooms) and add its slots; then copy that day's pattern to every employer
that has no slots that day, in one step. Slots added by mistake come back
off with Undo (the last "Add slots" or copy, while still free), any free
ones with Remove. The table lists the employer's
slots in time order with who holds each (ref and name; an erased person
shows no name, a merged-away booking the kept person); the clash line
counts bookings that lost to an earlier one on another device and wait for
their booth to rebook.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.interviews import DEFAULT_LENGTH_MIN, SlotPattern
from fairdesk.domain.model import Employer
from fairdesk.services import interviews
from fairdesk.services.employers import all_employers
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Day", "Time", "Room", "Candidate", "Name", "State")
NAME_COLUMN = COLUMNS.index("Name")
_STATES = {"clash": "clash: rebook", "booked": "booked"}


@dataclass(frozen=True)
class SlotForm:
    day: str = ""
    start: str = "09:00"
    end: str = "12:00"
    length: int = DEFAULT_LENGTH_MIN
    buffer: int = 0
    rooms: int = 1

    def pattern(self) -> SlotPattern:
        return SlotPattern(self.start, self.end, self.length, self.buffer, self.rooms)


def _row(slot: dict[str, object]) -> tuple[str, ...]:
    """One table row; slots come in day, time, room order (the table does not re-sort)."""
    ref, name, state = slot["ref"], slot["name"], slot["state"]
    who = ("free", "") if ref is None else (str(ref), str(name or ""))
    return (date.fromisoformat(str(slot["day"])).strftime("%a %d %b"),
            f"{slot['start']}–{slot['end']}", str(slot["room"]), *who,
            _STATES.get(str(state), ""))


class InterviewsPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.employers: list[Employer] = []
        self.employer_id: str | None = None
        self.form = SlotForm()
        self.rows: list[tuple[str, ...]] = []
        self.slot_ids: list[str] = []  # beside rows
        self.just_added: list[str] = []  # what Undo takes back
        self.counts: dict[str, int] = {}
        self.clash_count = 0
        self._unsubscribe = session.subscribe(self._on_change)

    def load(self) -> None:
        self.employers = all_employers(self.session)
        ids = [e.id for e in self.employers]
        if self.employer_id not in ids:
            self.employer_id = ids[0] if ids else None
        if not self.form.day:
            days = self.session.event.days
            self.form = replace(self.form, day=(days[0] if days else self.session.fair_day())
                                .isoformat())
        self._read()
        self.changed()

    def _read(self) -> None:
        slots = [] if self.employer_id is None else interviews.slot_rows(self.session,
                                                                          self.employer_id)
        self.rows = [_row(r) for r in slots]
        self.slot_ids = [str(r["id"]) for r in slots]
        self.counts = interviews.booked_counts(self.session)
        self.clash_count = len(interviews.clashes(self.session))

    def _on_change(self, change: Change) -> None:
        if change.topic in ("interviews", "employers", "candidates"):  # names change too
            self.load()

    def close(self) -> None:
        self._unsubscribe()

    # ---------------------------------------------------------- input
    def choose(self, employer_id: str) -> None:
        self.employer_id = employer_id
        self._read()
        self.changed()

    def edit(self, **fields: object) -> None:
        self.form = replace(self.form, **fields)  # type: ignore[arg-type]

    @property
    def preview(self) -> str:
        """``9 slots × 2 rooms (09:00–12:00)`` or why the form does not fit."""
        try:
            windows = self.form.pattern().windows()
        except FairDeskError as error:
            return error.message
        rooms = f" × {self.form.rooms} rooms" if self.form.rooms > 1 else ""
        return f"{len(windows)} slots{rooms} ({windows[0][0]}–{windows[-1][1]})"

    def add_slots(self) -> bool:
        if self.employer_id is None:
            return False
        try:
            made = interviews.add_slots(self.session, self.employer_id, self.form.day,
                                        self.form.pattern())
        except FairDeskError as error:
            self.refused(error)
            return False
        self.just_added = [slot.id for slot in made]  # after the redraw the change made
        self.say("info", f"Added {len(made)} slots for {self._name()} on {self._day()} "
                 "(Ctrl+Z takes them back).")
        self.changed()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self.just_added)

    def undo(self) -> bool:
        """Take back the slots the last "Add slots" or copy made (refused if one is
        booked now)."""
        if not self.just_added:
            return False
        try:
            gone = interviews.remove_slots(self.session, self.just_added)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.just_added = []
        self.say("info", f"Took back the {len(gone)} slots just added.")
        self.changed()
        return True

    def remove(self, rows: list[int]) -> bool:
        """Remove the slots of these table rows; a booked one refuses them all."""
        chosen = [self.slot_ids[i] for i in sorted(set(rows)) if 0 <= i < len(self.slot_ids)]
        if not chosen:
            return False
        try:
            gone = interviews.remove_slots(self.session, chosen)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.just_added = [i for i in self.just_added if i not in chosen]
        self.say("info", f"Removed {len(gone)} slot{'' if len(gone) == 1 else 's'} "
                 f"of {self._name()}.")
        self.changed()
        return True

    def copy_to_all(self) -> bool:
        if self.employer_id is None:
            return False
        try:
            made = interviews.copy_day_to_all(self.session, self.employer_id, self.form.day)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.just_added = [slot.id for slot in made]
        self.say("info", f"Copied {self._name()}'s slots of {self._day()} to the other "
                 f"employers: {len(made)} slots (Ctrl+Z takes them back).")
        self.changed()
        return True

    # ---------------------------------------------------------- texts
    def _day(self) -> str:
        """The form's day as people read it: ``Fri 21 Aug``."""
        return date.fromisoformat(self.form.day).strftime("%a %d %b")

    def _name(self) -> str:
        return next((e.name for e in self.employers if e.id == self.employer_id), "")

    def employer_label(self, employer: Employer) -> str:
        slots = len(interviews.slots_of(self.session, employer.id))
        booked = self.counts.get(employer.id, 0)
        return f"{employer.name} — {slots} slots, {booked} booked"

    @property
    def clash_text(self) -> str:
        if not self.clash_count:
            return "No clashes."
        return (f"{self.clash_count} booking(s) in clash: another booth booked the candidate "
                "at that time first; their booth shows “clash: rebook”.")

    @property
    def empty_text(self) -> str:
        if not self.employers:
            return "Add employers first (Employers page)."
        return "No slots yet: choose a day and a window, then Add slots."
