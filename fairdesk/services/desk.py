"""What the registration desk asks of the event beyond the core services:
best-first lookup, the candidate card, duplicate offers for walk-ins and the
status-bar figures. Reads only; the writes are the core's (check-in, walk-in,
edit) and the badges service's (print log)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from fairdesk.domain.model import Candidate, CheckIn
from fairdesk.domain.rules import is_ref, normalise_ref
from fairdesk.domain.text import digits, fold
from fairdesk.services import badges
from fairdesk.services.candidates import search
from fairdesk.services.session import EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import checkins, desk_rows
from fairdesk.storage import employers as employer_rows
from fairdesk.storage import interviews as interview_rows

RECENT_MINUTES = 10
_PHONEISH = re.compile(r"^[\d\s+().-]+$")


# ---------------------------------------------------------------- lookup
def find(session: EventSession, text: str, limit: int = 30) -> list[Candidate]:
    """Search as you type, best first: an exact ref, an exact e-mail, phone
    digits, then name/e-mail/ref word prefixes (accent- and case-insensitive)."""
    text = text.strip()
    if not text:
        return []
    store = session.store
    found: list[Candidate] = []
    if is_ref(text):
        found += _maybe(rows.by_ref(store, normalise_ref(text)))
    if "@" in text:
        found += rows.by_email(store, text)
    if _PHONEISH.match(text):
        found += desk_rows.by_phone_digits(store, digits(text), limit)
    found += desk_rows.search(store, text, limit)
    return _unique(found)[:limit]


def _maybe(candidate: Candidate | None) -> list[Candidate]:
    return [candidate] if candidate is not None else []


def _unique(found: Iterable[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for candidate in found:
        if candidate.id not in seen:
            seen.add(candidate.id)
            out.append(candidate)
    return out


# ---------------------------------------------------------------- the card
@dataclass(frozen=True)
class TodayInterview:
    """One of the candidate's Phase Two interviews on this fair day: time and employer
    only (all a desk is sent of a booking), the room when this file knows the slot."""

    start: str
    end: str
    employer: str
    place: str = ""  # "Room 1 · booth 4"
    clash: bool = False  # lost to an earlier booking: the booth must rebook

    @property
    def line(self) -> str:
        where = f" · {self.place}" if self.place else ""
        state = " · clash: to be rebooked at the booth" if self.clash else ""
        return f"{self.start}–{self.end}  {self.employer}{where}{state}"


@dataclass(frozen=True)
class CandidateCard:
    """A candidate as the desk's panel shows them."""

    candidate: Candidate
    today: CheckIn | None  # today's standing check-in
    status: str  # "Checked in 09:42 at desk 2" / "Not checked in today"
    printed: str  # "Badge printed at 09:14 on desk 2" / "No badge printed yet"
    has_print: bool
    interviews: tuple[TodayInterview, ...] = ()  # today's, in time order

    @property
    def has_slip(self) -> bool:
        """Today holds a standing interview: the desk offers to print the slip."""
        return any(not i.clash for i in self.interviews)

    @property
    def checked_in(self) -> bool:
        return self.today is not None


def card(session: EventSession, candidate: Candidate) -> CandidateCard:
    today = checkins.active_on(session.store, candidate.id, session.fair_day())
    if today is not None:
        where = f" at desk {today.desk}" if today.desk else ""
        status = f"Checked in {session.local_time(today.at)}{where}"
    else:
        earlier = checkins.latest(session.store, candidate.id)
        status = ("Not checked in today" if earlier is None else
                  f"Not checked in today (last: {earlier.day:%d %b})")
    printed = badges.last_print(session, candidate)
    note = ("No badge printed yet" if printed is None else
            "Badge " + badges.printed_note(session, printed).removeprefix("already "))
    return CandidateCard(candidate, today, status, note, printed is not None,
                         interviews_today(session, candidate))


def interviews_today(session: EventSession, candidate: Candidate) -> tuple[TodayInterview, ...]:
    store = session.store
    day = session.fair_day()
    out = []
    for booking in interview_rows.for_candidate(store, candidate.id):
        if booking.day != day:
            continue
        slot = interview_rows.slot(store, booking.slot_id)
        employer = employer_rows.by_id(store, booking.employer_id)
        booth = f"booth {employer.booth}" if employer is not None and employer.booth else ""
        place = " · ".join(p for p in (slot.room if slot else "", booth) if p)
        name = booking.employer_name or (employer.name if employer else "") or "an employer"
        out.append(TodayInterview(booking.start, booking.end, name, place,
                                  booking.state == "clash"))
    return tuple(out)


# ---------------------------------------------------------------- walk-ins
@dataclass(frozen=True)
class Duplicate:
    candidate: Candidate
    reason: str  # "same e-mail", "same phone", "same name"


def duplicates(session: EventSession, *, first_name: str = "", last_name: str = "",
               email: str = "", phone: str = "") -> list[Duplicate]:
    """People already in the event who look like the walk-in being typed."""
    store = session.store
    out: list[Duplicate] = []
    email = email.strip()
    if "@" in email and "." in email.split("@")[-1]:
        out += [Duplicate(c, "same e-mail") for c in rows.by_email(store, email)]
    phone_digits = digits(phone)
    if len(phone_digits) >= 7:
        out += [Duplicate(c, "same phone")
                for c in desk_rows.by_phone_digits(store, phone_digits[-7:], 10)]
    name = fold(f"{first_name} {last_name}")
    if fold(first_name) and fold(last_name):
        out += [Duplicate(c, "same name") for c in search(session, name, 20)
                if fold(c.display_name) == name]
    seen: set[str] = set()
    unique = []
    for dup in out:
        if dup.candidate.id not in seen:
            seen.add(dup.candidate.id)
            unique.append(dup)
    return unique


# ---------------------------------------------------------------- status bar
@dataclass(frozen=True)
class DeskFigures:
    checked_in: int
    expected: int
    walk_ins: int
    walk_ins_here: int
    recent: int  # check-ins in the last RECENT_MINUTES
    desk: int | None


def figures(session: EventSession) -> DeskFigures:
    now = session.now()
    counts = desk_rows.counts(session.store, session.fair_day(now),
                              now - timedelta(minutes=RECENT_MINUTES), session.desk)
    return DeskFigures(counts.checked_in_today, counts.expected, counts.walk_ins,
                       counts.walk_ins_here, counts.recent, session.desk)


def checked_in_today(session: EventSession, candidates: Iterable[Candidate]) -> dict[str, CheckIn]:
    """Today's standing check-ins of ``candidates`` (the result list's ticks)."""
    day = session.fair_day()
    out = {}
    for candidate in candidates:
        found = checkins.active_on(session.store, candidate.id, day)
        if found is not None:
            out[candidate.id] = found
    return out


def district_suggestions(session: EventSession) -> list[str]:
    return desk_rows.districts(session.store)
