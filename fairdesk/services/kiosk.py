"""Self check-in at a kiosk: who a code or a typed e-mail/ref stands for, and the check-in.

A kiosk never lists anyone: :func:`identify` answers one candidate for a
scanned code (verified offline, as at the desk) and :func:`identify_typed`
one candidate for an exact e-mail or ref code, or a typed refusal. Nothing is
written until the badge has printed: :func:`plan` refuses early what the
check-in would refuse (already checked in today) and says whether a badge is
to print; :func:`check_in_with_badge` then writes the check-in and the print
log in one transaction, after the printer took the badge.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairdesk.domain.errors import AmbiguousEmail, NotAnInvitation, UnknownCandidate
from fairdesk.domain.model import Candidate, CheckIn
from fairdesk.domain.rules import is_ref, normalise_ref
from fairdesk.services import badges
from fairdesk.services.checkin import already_checked_in, record_check_in
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import checkins


def identify(session: EventSession, text: str) -> Candidate:
    """The candidate of a scanned invitation or badge code (forged, foreign,
    truncated codes and unknown candidates raise their typed errors)."""
    return badges.resolve_payload(session, text)


def identify_typed(session: EventSession, text: str) -> Candidate:
    """The one candidate an exact e-mail or ref code names; never a partial match."""
    clean = text.strip()
    if "@" in clean:
        found = rows.by_email(session.store, clean)
        if not found:
            raise UnknownCandidate(f"No invitation was sent to {clean}.", email=clean)
        if len(found) > 1:
            raise AmbiguousEmail(f"More than one registration uses {clean}.", email=clean)
        return found[0]
    if is_ref(clean):
        found_ref = rows.by_ref(session.store, normalise_ref(clean))
        if found_ref is None:
            raise UnknownCandidate(f"No invitation has the ref code {normalise_ref(clean)}.",
                                   ref=normalise_ref(clean))
        return found_ref
    raise NotAnInvitation("Type the e-mail you registered with, or the ref code on your "
                          "invitation (for example C-0147).")


@dataclass(frozen=True)
class Plan:
    """What the kiosk will do for this candidate today."""

    candidate: Candidate
    print_badge: bool  # False: a badge was printed before (another day): check in only
    printed_on: str = ""  # "04 Dec" when a badge was printed on an earlier day


def plan(session: EventSession, candidate: Candidate) -> Plan:
    """Refuse a second check-in today (:class:`AlreadyCheckedIn`); otherwise say
    whether a badge is to print. Reads only."""
    existing = checkins.active_on(session.store, candidate.id, session.fair_day())
    if existing is not None:
        error = already_checked_in(session, candidate, existing)
        error.details["local_time"] = session.local_time(existing.at)  # "09:12", for the screen
        raise error
    printed = badges.last_print(session, candidate)
    if printed is None:
        return Plan(candidate, True)
    return Plan(candidate, False, f"{session.fair_day(printed.at):%d %b}")


def check_in_with_badge(session: EventSession, candidate: Candidate, layout: str) -> CheckIn:
    """The badge printed: the check-in and its print log, one transaction."""
    with session.store.transaction():
        result = record_check_in(session, candidate)
        badges.log_print(session, candidate, layout, None)
    session.publish(Change("checkins", (candidate.id,)))
    session.publish(Change("badges", (candidate.id,)))
    return result


def check_in_only(session: EventSession, candidate: Candidate) -> CheckIn:
    """A candidate whose badge was printed on an earlier day: today's check-in only."""
    with session.store.transaction():
        result = record_check_in(session, candidate)
    session.publish(Change("checkins", (candidate.id,)))
    return result
