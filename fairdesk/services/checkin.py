"""Checking candidates in, and undoing a check-in."""

from __future__ import annotations

from fairdesk.domain.errors import AlreadyCheckedIn, ReasonRequired, UnknownCheckIn
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Candidate, CheckIn
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import checkins, codec, oplog
from fairdesk.storage import event as event_rows


def check_in(session: EventSession, key: str, desk: int | None = None) -> CheckIn:
    """Check a candidate in for today's fair day; once per day, the badge serves all days.

    A second check-in on the same day changes nothing and raises
    :class:`AlreadyCheckedIn` ("already checked in at 09:42 at desk 2").
    """
    with session.store.transaction():
        result = record_check_in(session, find_candidate(session, key), desk)
    session.publish(Change("checkins", (result.candidate_id,)))
    return result


def record_check_in(session: EventSession, candidate: Candidate,
                    desk: int | None = None) -> CheckIn:
    """The check-in op of :func:`check_in`, inside the caller's transaction; no notice.

    For actions that check in and write more in one transaction (the kiosk:
    check-in and badge print); the caller publishes the change after commit.
    """
    store = session.store
    desk = desk if desk is not None else session.desk
    with store.transaction():
        now = session.now()
        day = session.fair_day(now)
        existing = checkins.active_on(store, candidate.id, day)
        if existing is not None:
            raise already_checked_in(session, candidate, existing)
        op = oplog.emit(store, "checkin.add", {
            "id": new_id(), "candidate_id": candidate.id, "day": day.isoformat(),
            "at": codec.ts(now), "desk": desk,
        }, now)
    return CheckIn(op.body["id"], candidate.id, day, now, desk, op.device_id)


def already_checked_in(session: EventSession, candidate: Candidate,
                       existing: CheckIn) -> AlreadyCheckedIn:
    """The refusal of a second check-in today ("… already checked in at 09:42 at desk 2.")."""
    where = f" at desk {existing.desk}" if existing.desk else ""
    return AlreadyCheckedIn(
        f"{candidate.display_name} ({candidate.ref}) is already checked in at "
        f"{session.local_time(existing.at)}{where}.",
        ref=candidate.ref, at=codec.ts(existing.at), desk=existing.desk)


def undo_check_in(session: EventSession, key: str, reason: str) -> CheckIn:
    """Take back today's check-in of a candidate; the reason goes to the audit log."""
    reason = " ".join(reason.split())
    if not reason:
        raise ReasonRequired("Say why the check-in is undone (it goes to the audit log).")
    store = session.store
    with store.transaction():
        candidate = find_candidate(session, key)
        now = session.now()
        existing = checkins.active_on(store, candidate.id, session.fair_day(now))
        if existing is None:
            raise UnknownCheckIn(
                f"{candidate.display_name} ({candidate.ref}) is not checked in today.",
                ref=candidate.ref,
            )
        oplog.emit(store, "checkin.undo", {"id": existing.id, "reason": reason}, now)
        event_rows.audit(store, now, "checkin.undo", candidate.ref,
                         {"checkin": existing.id, "reason": reason})
    session.publish(Change("checkins", (candidate.id,)))
    return existing
