"""Phase Two interviews: lay out (and take back) slots, book, move and unbook (issue 15).

Every function is one user action and one transaction; each booking change
is an op (``booking.add`` / ``booking.remove``; ``booking.attend``, whether
the interview took place, is :mod:`fairdesk.services.interview_attendance`)
so it syncs like a visit. A
device refuses, before writing, a booking into a slot that is held
(``slot_taken``) or one that overlaps another interview of the candidate
(``interview_clash``), each with a sentence naming the other interview.
Offline devices can still book the same candidate twice; the rule in
:mod:`fairdesk.domain.interviews` then decides the same everywhere, and the
later booking shows as a clash to rebook (:func:`clashes`).

Decisions:

* A candidate holds at most one interview per employer: booking again at the
  same employer *moves* the interview (remove + add, one transaction).
* Booking marks the visit for Phase Two (``visit.update shortlist``) when the
  candidate visited that employer's booth.
* A booth books only for its own employer; the organizer for any.
* Only the organizer lays out or removes slots, and only a free slot can be
  removed; a booking made offline into a slot removed meanwhile is a clash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fairdesk.domain.errors import (
    InterviewClash,
    InvalidField,
    NoFreeSlot,
    NotAllowedForRole,
    NotBooked,
    SlotTaken,
    UnknownSlot,
)
from fairdesk.domain.ids import new_id
from fairdesk.domain.interviews import Booking, Slot, SlotPattern, clean_day, overlaps, when
from fairdesk.domain.model import Candidate, Employer
from fairdesk.domain.rules import zone
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import all_employers, find_employer
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import event as event_rows
from fairdesk.storage import interviews as rows
from fairdesk.storage import oplog
from fairdesk.storage import visits as visit_rows


@dataclass(frozen=True)
class BookResult:
    booking: Booking
    slot: Slot
    moved_from: Booking | None = None  # the interview this booking replaced


# ---------------------------------------------------------------- slots
def add_slots(session: EventSession, employer_key: str, day: str | date,
              pattern: SlotPattern) -> list[Slot]:
    """Cut a window of ``day`` into slots in each room of ``pattern`` for one employer.

    Refuses (``invalid_field``) a slot that would overlap one the employer
    already has in the same room; nothing is added then.
    """
    _organizer_only(session, "lay out interview slots")
    employer = find_employer(session, employer_key)
    the_day = day if isinstance(day, date) else clean_day(day)
    windows = pattern.windows()
    store = session.store
    with store.transaction():
        made = _add(session, employer, the_day, windows, pattern.room_names())
    session.publish(Change("interviews", tuple(s.id for s in made)))
    return made


def _add(session: EventSession, employer: Employer, day: date,
         windows: list[tuple[str, str]], rooms: list[str]) -> list[Slot]:
    store = session.store
    existing = rows.slots(store, employer.id, day)
    made = []
    for room in rooms:
        for start, end in windows:
            taken = next((s for s in existing
                          if s.room == room and s.overlaps(day, start, end)), None)
            if taken is not None:
                raise InvalidField("start", f"{employer.name} already has a slot at "
                                   f"{when(day, taken.start, taken.end)} in {room}.")
            slot = Slot(new_id(), employer.id, day, start, end, room)
            oplog.emit(store, "slot.add", {
                "id": slot.id, "employer_id": employer.id, "day": day.isoformat(),
                "start": start, "end": end, "room": room}, session.now())
            made.append(slot)
    return made


def remove_slots(session: EventSession, slot_ids: Sequence[str]) -> list[Slot]:
    """Take back free slots (laid out by mistake), in one transaction.

    Refuses (``slot_taken``) a slot someone holds, naming them: unbook them
    first; nothing is removed then. Unknown or already removed ids are skipped.
    """
    _organizer_only(session, "remove interview slots")
    store = session.store
    gone: list[Slot] = []
    with store.transaction():
        holders = rows.slot_holders(store)
        for slot_id in dict.fromkeys(slot_ids):
            slot = rows.slot(store, slot_id)
            if slot is None:
                continue
            holder = holders.get(slot.id)
            if holder is not None:
                room = f" in {slot.room}" if slot.room else ""
                raise SlotTaken(f"{holder.ref} holds the slot at "
                                f"{when(slot.day, slot.start, slot.end)}{room}: unbook them "
                                "before removing it.", slot=slot.id, employer=slot.employer_id)
            oplog.emit(store, "slot.remove", {"id": slot.id, "employer_id": slot.employer_id},
                       session.now())
            gone.append(slot)
    session.publish(Change("interviews", tuple(s.id for s in gone)))
    return gone


def copy_day_to_all(session: EventSession, employer_key: str, day: str | date) -> list[Slot]:
    """The slots ``employer_key`` has on ``day``, laid out for every other employer
    that has none that day (one transaction); returns the slots made."""
    _organizer_only(session, "lay out interview slots")
    source = find_employer(session, employer_key)
    the_day = day if isinstance(day, date) else clean_day(day)
    pattern = rows.slots(session.store, source.id, the_day)
    if not pattern:
        raise InvalidField("day", f"{source.name} has no slots on {the_day} to copy.")
    rooms = sorted({s.room for s in pattern})
    windows = sorted({(s.start, s.end) for s in pattern})
    made: list[Slot] = []
    with session.store.transaction():
        for employer in all_employers(session):
            if employer.id != source.id and not rows.slots(session.store, employer.id, the_day):
                made += _add(session, employer, the_day, windows, rooms)
    session.publish(Change("interviews", tuple(s.id for s in made)))
    return made


def slot_rows(session: EventSession, employer_key: str | None = None) -> list[dict[str, object]]:
    """The rows of ``fairdesk slots``: ref, name and state of the holder, null when free."""
    employer_id = find_employer(session, employer_key).id if employer_key else None
    if session.role == "booth":
        employer_id = session.employer_id
    holders = rows.slot_holders(session.store, employer_id)
    out: list[dict[str, object]] = []
    for s in rows.slots(session.store, employer_id):
        holder = holders.get(s.id)
        out.append({"id": s.id, "employer": s.employer_id, "day": s.day.isoformat(),
                    "start": s.start, "end": s.end, "room": s.room,
                    "ref": holder.ref if holder else None,
                    "name": holder.name if holder else None,
                    "state": holder.state if holder else None})
    return out


def slots_of(session: EventSession, employer_id: str) -> list[Slot]:
    return rows.slots(session.store, employer_id)


def free_slots(session: EventSession, employer_key: str, candidate_key: str | None = None,
               limit: int | None = None, upcoming: bool = True) -> list[Slot]:
    """The employer's free slots from now on; with a candidate, only those that
    do not overlap the candidate's other interviews."""
    employer = find_employer(session, employer_key)
    store = session.store
    held = set(rows.slot_holders(store, employer.id))
    others: list[Booking] = []
    if candidate_key is not None:
        candidate = find_candidate(session, candidate_key)
        others = [b for b in rows.for_candidate(store, candidate.id)
                  if b.employer_id != employer.id]
    after = now_local(session) if upcoming else ("", "")
    out = []
    for s in rows.slots(store, employer.id):
        if s.id in held or (s.day.isoformat(), s.start) <= after:
            continue
        if any(s.overlaps(b.day, b.start, b.end) for b in others):
            continue
        out.append(s)
        if limit is not None and len(out) >= limit:
            break
    return out


def now_local(session: EventSession) -> tuple[str, str]:
    local = session.now().astimezone(zone(session.event.timezone))
    return local.date().isoformat(), local.strftime("%H:%M")


# ---------------------------------------------------------------- booking
def book(session: EventSession, employer_key: str, candidate_key: str,
         slot_id: str | None = None) -> BookResult:
    """Book the candidate into ``slot_id`` (``None``: the employer's next free slot
    the candidate can take). Moves the candidate's interview at this employer."""
    employer = acting_for(session, employer_key)
    candidate = find_candidate(session, candidate_key)
    store = session.store
    with store.transaction():
        slot = _chosen_slot(session, employer, candidate, slot_id)
        _check_free(session, employer, candidate, slot)
        moved = _remove_all(session, employer, candidate, "moved")
        booking_id = new_id()
        op = oplog.emit(store, "booking.add", {
            "id": booking_id, "slot_id": slot.id, "candidate_id": candidate.id,
            "employer_id": employer.id, "employer_name": employer.name,
            "day": slot.day.isoformat(), "start": slot.start, "end": slot.end,
        }, session.now())
        _shortlist(session, employer, candidate)
        event_rows.audit(store, op.at, "booking.add", candidate.ref, {
            "employer_id": employer.id, "slot_id": slot.id, "booking_id": booking_id,
            "moved_from": moved[0].slot_id if moved else None})
        made = rows.booking(store, booking_id)
    assert made is not None
    session.publish(Change("interviews", (booking_id, candidate.id)))
    session.publish(Change("visits", ()))
    return BookResult(made, slot, moved[0] if moved else None)


def _chosen_slot(session: EventSession, employer: Employer, candidate: Candidate,
                 slot_id: str | None) -> Slot:
    if slot_id is None:
        found = free_slots(session, employer.id, candidate.id, limit=1)
        if not found:
            raise NoFreeSlot(f"{employer.name} has no free slot left that {candidate.ref} "
                             "can take.", employer=employer.id, ref=candidate.ref)
        return found[0]
    slot = rows.slot(session.store, slot_id.strip())
    if slot is None or slot.employer_id != employer.id:
        raise UnknownSlot(f"{employer.name} has no interview slot {slot_id!r}.",
                          slot=slot_id)
    return slot


def _check_free(session: EventSession, employer: Employer, candidate: Candidate,
                slot: Slot) -> None:
    store = session.store
    holders = [b for b in rows.for_slot(store, slot.id) if b.candidate_id != candidate.id]
    if holders:
        raise SlotTaken(f"The {slot.room or 'interview'} slot at {slot.start}–{slot.end} on "
                        f"{slot.day:%a %d %b} at {employer.name} is already taken; choose "
                        "another.", slot=slot.id, employer=employer.id)
    for other in rows.for_candidate(store, candidate.id):
        if other.employer_id == employer.id and other.slot_id != slot.id:
            continue  # the interview being moved
        if other.slot_id == slot.id:
            raise SlotTaken(f"{candidate.ref} is already booked at {other.when()} with "
                            f"{other.employer_name}.", slot=slot.id, employer=employer.id)
        if overlaps(other.day, other.start, other.end, slot.day, slot.start, slot.end):
            raise InterviewClash(
                f"{candidate.ref} already has an interview at {other.when()} with "
                f"{other.employer_name or 'another employer'}; choose another time.",
                ref=candidate.ref, other_employer=other.employer_name,
                other_day=other.day.isoformat(), other_start=other.start,
                other_end=other.end)


def _remove_all(session: EventSession, employer: Employer, candidate: Candidate,
                why: str) -> list[Booking]:
    """Emit ``booking.remove`` for each of the candidate's bookings at ``employer``."""
    store = session.store
    mine = [b for b in rows.for_candidate(store, candidate.id) if b.employer_id == employer.id]
    for b in mine:
        oplog.emit(store, "booking.remove", {
            "id": b.id, "candidate_id": candidate.id, "employer_id": employer.id,
            "reason": why}, session.now())
    return mine


def _shortlist(session: EventSession, employer: Employer, candidate: Candidate) -> None:
    visit = visit_rows.find(session.store, employer.id, candidate.id)
    if visit is not None and not visit.shortlist:
        oplog.emit(session.store, "visit.update", {"id": visit.id, "shortlist": True},
                   session.now())


def unbook(session: EventSession, employer_key: str, candidate_key: str) -> list[Booking]:
    """Take back the candidate's interview at this employer (audited)."""
    employer = acting_for(session, employer_key)
    candidate = find_candidate(session, candidate_key)
    store = session.store
    with store.transaction():
        gone = _remove_all(session, employer, candidate, "unbooked")
        if not gone:
            raise NotBooked(f"{candidate.ref} has no interview with {employer.name}.",
                            ref=candidate.ref, employer=employer.id)
        event_rows.audit(store, session.now(), "booking.remove", candidate.ref, {
            "employer_id": employer.id, "slots": [b.slot_id for b in gone]})
    session.publish(Change("interviews", (candidate.id,)))
    return gone


def acting_for(session: EventSession, employer_key: str,
               what: str = "books interviews") -> Employer:
    employer = find_employer(session, employer_key)
    if session.role in ("desk", "kiosk") or (
            session.role == "booth" and session.employer_id not in (None, employer.id)):
        raise NotAllowedForRole(f"A booth {what} only for its own employer.",
                                role=session.role)
    return employer


def _organizer_only(session: EventSession, what: str) -> None:
    if session.role != "organizer":
        raise NotAllowedForRole(f"Only the organizer may {what}.", role=session.role)


# ---------------------------------------------------------------- reading
def interviews_of(session: EventSession, candidate_key: str) -> list[Booking]:
    """A candidate's interviews (booked or clashing) in time order."""
    return rows.for_candidate(session.store, find_candidate(session, candidate_key).id)


def clashes(session: EventSession, employer_id: str | None = None) -> list[Booking]:
    """Bookings that lost to an earlier one: to rebook (a booth: its own)."""
    if session.role == "booth":
        employer_id = session.employer_id
    return rows.clashes(session.store, employer_id)


@dataclass(frozen=True)
class ClashLine:
    """A booking that lost to an earlier one, as the hub's Devices page lists it."""

    booking: Booking
    ref: str
    name: str
    device: str  # the paired device that made the losing booking (its name)
    winner: Booking | None  # the earlier booking that stands
    same_slot: bool  # lost the slot itself (else: the candidate's overlapping interview)

    @property
    def reason(self) -> str:
        w = self.winner
        if w is None:
            return "an earlier booking (no longer held here)"
        if self.same_slot:
            return f"slot taken first by another candidate ({w.when()})"
        return f"{self.ref} booked first at {w.when()} with {w.employer_name or 'another employer'}"


def clash_lines(session: EventSession) -> list[ClashLine]:
    """Every booking in clash with who holds it and what it lost to (organizer)."""
    from fairdesk.services.devices import list_devices  # organizer only: not at import

    store = session.store
    names = {d.id: d.name or d.id[:8] for d in list_devices(session)}
    names[str(store.setting("device_id"))] = "this computer"
    out = []
    for b in rows.clashes(store):
        person = candidate_rows.by_id(store, b.candidate_id)
        winner = rows.beaten_by(store, b.id)
        out.append(ClashLine(b, person.ref if person else "?",
                             person.display_name if person else "",
                             names.get(b.device_id, b.device_id[:8]), winner,
                             winner is not None and winner.slot_id == b.slot_id))
    return out


def booked_counts(session: EventSession) -> dict[str, int]:
    """Standing interviews per employer id (for the dashboard, issue 16)."""
    return rows.booked_counts(session.store)


def slot_of(session: EventSession, slot_id: str) -> Slot | None:
    return rows.slot(session.store, slot_id)


def booking_dict(booking: Booking, ref: str) -> dict[str, object]:
    return {"id": booking.id, "slot": booking.slot_id, "ref": ref,
            "employer": booking.employer_id, "employer_name": booking.employer_name,
            "day": booking.day.isoformat(), "start": booking.start, "end": booking.end,
            "state": booking.state}
