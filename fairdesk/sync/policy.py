"""Who may send and see which ops (DESIGN.md "Identity and sync", issue 8).

Pure rules, shared by the hub (which enforces them) and the devices (which
push only what their role may send, so nothing waits forever for the hub).

- **desk**: sends candidates (walk-ins, edits), check-ins and badge prints;
  sees the event, the employers and the whole roster, never a visit, a
  rating or a note (résumé blobs never travel as ops at all: a desk uploads
  the blobs of its walk-ins to ``POST /api/resumes``, and nothing sends a
  blob back down).
- **booth**: sends visits of its own employer only; sees the event (with
  the public key), its own employer and its own employer's visits, plus a
  stub of each candidate those visits reference: the card's columns (name,
  ref, roles, languages, education, district, experience), never contact
  details or consent; sent again whenever the hub learns more of them.
- **booth**, Phase Two (issue 15): also sends bookings of its own employer's
  slots (``booking.add`` / ``booking.remove``) and whether its own
  employer's interviews took place (``booking.attend``); sees its own employer's slots
  and bookings, and the bookings other employers made of a candidate it has
  visited or booked. A booking carries only the slot's ids and times and the
  employer's name, so that is all a booth learns of another employer's
  interview: no slot list, room, notes or ratings of theirs.
- **desk**, Phase Two (issue 15 item 6): also sees every booking op, so that
  on a later fair day it can tell a candidate checking in their interviews
  and print the slip. A booking carries the candidate, the employer's id and
  name, the day and the times; a desk already holds the roster and the
  employers, and it gets no slots (rooms), visits, ratings or notes. It
  sends no booking (``PUSH_KINDS`` is unchanged), and the booking service
  refuses a desk. A desk paired before it saw bookings gets the older ones
  once (``services.hub_interviews.desk_backfill``).
- **kiosk** (self check-in, issue 17): sends check-ins and badge prints
  only (no walk-ins, no edits); sees what a desk sees for checking in and
  printing (the event with the signing key, the roster, check-ins and
  prints), no employers, no visits; never uploads a résumé.
- **organizer** (the hub's own file): everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairdesk.domain import clock, ids
from fairdesk.domain.model import Op

VISIT_KINDS = frozenset({"visit.record", "visit.update", "visit.unrecord"})
ROSTER_KINDS = frozenset({
    "candidate.add", "candidate.update", "checkin.add", "checkin.undo", "badge.print",
})
EVENT_KINDS = frozenset({"event.create", "event.update"})
# The organizer's corrections (issue 16): made only on the hub, seen by every
# device that may hold the people concerned. Their bodies carry ids and refs,
# never personal data, so a booth may get them whole.
CORRECTION_KINDS = frozenset({"candidate.merge", "candidate.erase"})
BOOKING_KINDS = frozenset({"booking.add", "booking.remove", "booking.attend"})
SLOT_KINDS = frozenset({"slot.add", "slot.remove"})  # the body names the employer
KIOSK_KINDS = frozenset({"checkin.add", "badge.print"})
PUSH_KINDS: dict[str, frozenset[str]] = {
    "desk": ROSTER_KINDS, "booth": VISIT_KINDS | BOOKING_KINDS, "kiosk": KIOSK_KINDS,
}
SEE_KINDS: dict[str, frozenset[str]] = {
    "desk": EVENT_KINDS | ROSTER_KINDS | BOOKING_KINDS | CORRECTION_KINDS | {"employer.upsert"},
    "booth": EVENT_KINDS | VISIT_KINDS | BOOKING_KINDS | SLOT_KINDS | CORRECTION_KINDS
    | {"employer.upsert"},
    "kiosk": EVENT_KINDS | ROSTER_KINDS | CORRECTION_KINDS,
}
# The candidate columns a booth gets: what its card shows, nothing to contact.
STUB_FIELDS = ("id", "ref", "first_name", "last_name", "source", "desk", "district",
               "education", "languages", "roles", "experience")
CANDIDATE_KINDS = frozenset({"candidate.add", "candidate.update"})


@dataclass(frozen=True)
class Caller:
    """A paired device as the hub knows it (role and employer set on the hub)."""

    device_id: str
    role: str
    employer_id: str | None = None
    desk: int | None = None
    name: str = ""


def may_push_kind(role: str, kind: str) -> bool:
    return role == "organizer" or kind in PUSH_KINDS.get(role, frozenset())


def op_refusal(caller: Caller, op: Op, owner: str | None) -> str | None:
    """Why ``caller`` may not emit ``op`` (``None``: it may): the one rule of
    every way an op comes in (a push, a USB file, a parked op applied later).

    ``owner`` is the employer of the visit a visit op is about, as the
    receiver knows it (``None``: unknown yet). A booth's ``visit.record``
    proves its visit is its own: the id must be the uuid5 of the booth's own
    employer and the candidate the body names (the one id every device mints
    for that pair), and the body's employer the booth's. An edit or an undo
    names only the visit id, so the receiver must know that visit as the
    booth's own; one it does not know is refused, never parked (a booth edits
    only visits it recorded or pulled, which the hub holds before them).
    """
    if op.device_id != caller.device_id:
        return f"op {op.op_id} was made by another device"
    if not may_push_kind(caller.role, op.kind):
        return f"a {caller.role} may not send {op.kind} ops (op {op.op_id})"
    if caller.role != "booth":
        return None
    own = caller.employer_id
    if op.kind in BOOKING_KINDS:
        # the hub's own record (the slot's or the booking's employer) and the body's
        if {op.body.get("employer_id"), owner} != {own}:
            what = ("record attendance only at" if op.kind == "booking.attend"
                    else "book only")
            return f"op {op.op_id}: a booth may {what} its own employer's interviews"
        return None
    if owner is not None and owner != own:
        return f"op {op.op_id} changes another employer's visit"
    if op.kind == "visit.record":
        body = op.body
        if body.get("employer_id") != own:
            return f"op {op.op_id} records a visit of another employer"
        if owner is None and body.get("id") != ids.visit_id(str(own),
                                                            str(body.get("candidate_id"))):
            return (f"op {op.op_id}: a visit's id must be the one of this booth's employer "
                    "and its candidate")
        return None
    if owner is None:
        return f"op {op.op_id} changes visit {op.body.get('id')!r}, not one of this booth's"
    return None


def clock_ahead(ops: list[Op], now_ms: int) -> Op | None:
    """The first op stamped more than the bounded skew ahead of ``now_ms``
    (the receiver's clock), refused at the hub and in a USB file."""
    return next((op for op in ops if clock.too_far_ahead(op.hlc, now_ms)), None)


def may_see(caller: Caller, op: Op, visit_employer: str | None,
            concerned: bool = False) -> bool:
    """``concerned``: a booking op is about a candidate this booth visited or booked."""
    if caller.role == "organizer":
        return True
    if op.kind not in SEE_KINDS.get(caller.role, frozenset()):
        return False
    if caller.role != "booth":
        return True
    if op.kind == "employer.upsert":
        return bool(op.body.get("id") == caller.employer_id)
    if op.kind in VISIT_KINDS:
        return visit_employer is not None and visit_employer == caller.employer_id
    if op.kind in SLOT_KINDS:
        return bool(op.body.get("employer_id") == caller.employer_id)
    if op.kind == "booking.attend":  # whether another employer's interview took place: theirs
        return bool(op.body.get("employer_id") == caller.employer_id)
    if op.kind in BOOKING_KINDS:
        return op.body.get("employer_id") == caller.employer_id or concerned
    return True


def may_ask_employer(caller: Caller, employer_id: str | None) -> bool:
    """A pull narrowed to one employer: a booth may ask only for its own."""
    if employer_id is None or caller.role == "organizer":
        return True
    return caller.role == "booth" and employer_id == caller.employer_id


def may_upload_resumes(caller: Caller) -> bool:
    """Desks attach résumés to walk-ins and send the blobs; a booth never holds one."""
    return caller.role == "desk"


def may_have_signing_key(caller: Caller) -> bool:
    """Desks and kiosks print badges; booths only verify them with the public key."""
    return caller.role in ("organizer", "desk", "kiosk")
