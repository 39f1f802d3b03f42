"""Phase Two attendance: whether a booked interview took place (issue 15 item 7).

``booking.attend`` is its own op, last writer (by HLC) wins, like a visit's
field: tapping "No-show" after "Interviewed" is the undo. Recorded by the
employer's booth or the organizer, for the standing booking once its slot
has started in venue time; a removed or clashing booking cannot be marked.
"""

from __future__ import annotations

from fairdesk.domain.errors import BookingInClash, InterviewNotStarted, NotBooked
from fairdesk.domain.interviews import Booking
from fairdesk.domain.model import Candidate, Employer
from fairdesk.services.candidates import find_candidate
from fairdesk.services.interviews import acting_for, now_local
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import event as event_rows
from fairdesk.storage import interviews as rows
from fairdesk.storage import oplog


def record_attendance(session: EventSession, employer_key: str, candidate_key: str,
                      attended: bool) -> Booking:
    """Record whether the candidate's interview at this employer took place
    (``False``: a no-show). Tapping the other answer later changes it: the
    last record (by HLC) wins everywhere."""
    employer = acting_for(session, employer_key, "records interviews")
    candidate = find_candidate(session, candidate_key)
    store = session.store
    with store.transaction():
        booking = _attendable(session, employer, candidate)
        op = oplog.emit(store, "booking.attend", {
            "id": booking.id, "employer_id": employer.id, "candidate_id": candidate.id,
            "attended": attended}, session.now())
        event_rows.audit(store, op.at, "booking.attend", candidate.ref, {
            "employer_id": employer.id, "booking_id": booking.id, "attended": attended})
        marked = rows.booking(store, booking.id)
    assert marked is not None
    session.publish(Change("interviews", (booking.id, candidate.id)))
    return marked


def _attendable(session: EventSession, employer: Employer, candidate: Candidate) -> Booking:
    """The candidate's standing interview here whose slot has started."""
    mine = [b for b in rows.for_candidate(session.store, candidate.id)
            if b.employer_id == employer.id]
    standing = next((b for b in mine if b.state == "booked"), None)
    if standing is None and mine:
        raise BookingInClash(
            f"{candidate.ref}'s interview at {mine[0].when()} with {employer.name} is in "
            "clash with an earlier booking; rebook it before recording whether it took place.",
            ref=candidate.ref, employer=employer.id)
    if standing is None:
        raise NotBooked(f"{candidate.ref} has no interview with {employer.name} to record.",
                        ref=candidate.ref, employer=employer.id)
    if (standing.day.isoformat(), standing.start) > now_local(session):
        raise InterviewNotStarted(
            f"{candidate.ref}'s interview with {employer.name} is at {standing.when()}; it "
            "has not started yet.", ref=candidate.ref, employer=employer.id)
    return standing


def has_started(session: EventSession, booking: Booking) -> bool:
    """Whether the booked slot's start (venue time) has passed: attendance can be recorded."""
    return (booking.day.isoformat(), booking.start) <= now_local(session)
