"""Typed errors with machine-readable codes.

Every refusal a user can meet is one of these. The ``code`` is stable (scripts,
tests and the UI's wording depend on it); ``str(error)`` is a one-line English
sentence that names the thing at fault.
"""

from __future__ import annotations

from typing import Any


class FairDeskError(Exception):
    """Base of every refusal. ``code`` is machine-readable and stable."""

    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


class NotAnEventFile(FairDeskError):
    code = "not_an_event"


class EventFromNewerVersion(FairDeskError):
    code = "newer_version"


class EventFileMissing(FairDeskError):
    code = "no_such_file"


class UnknownCandidate(FairDeskError):
    code = "unknown_candidate"


class UnknownEmployer(FairDeskError):
    code = "unknown_employer"


class AmbiguousEmployer(FairDeskError):
    code = "ambiguous_employer"


class UnknownCheckIn(FairDeskError):
    code = "not_checked_in"


class AlreadyCheckedIn(FairDeskError):
    code = "already_checked_in"


class NotAFairDay(FairDeskError):
    code = "not_a_fair_day"


class UnknownVisit(FairDeskError):
    code = "unknown_visit"


class InvalidField(FairDeskError):
    """A value the user typed or imported does not fit its field."""

    code = "invalid_field"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)
        self.field = field


class SeqClash(FairDeskError):
    """The hub holds another op under a number this device used again: its
    event file was copied to a second machine or restored from a backup.

    ``details``: ``op_id`` (the first op refused) and ``last_seq`` (the highest
    number the hub holds from this device).
    """

    code = "seq_clash"


class ReasonRequired(FairDeskError):
    code = "reason_required"


class DuplicateEmployer(FairDeskError):
    code = "duplicate_employer"


class UnreadableFile(FairDeskError):
    """An import file (roster, employer list, résumé folder) that cannot be read."""

    code = "unreadable_file"


class Cancelled(FairDeskError):
    """The user cancelled a long job; nothing it did was kept."""

    code = "cancelled"


class UnknownResume(FairDeskError):
    code = "unknown_resume"


# ---------------------------------------------------------------- badges
class NotABadge(FairDeskError):
    """Scanned text that is neither a FairDesk badge code nor a ref code."""

    code = "not_a_badge"


class MalformedBadge(FairDeskError):
    """Starts like a FairDesk code but cannot be read (bad characters, unknown version)."""

    code = "malformed_badge"


class TruncatedBadge(FairDeskError):
    """A FairDesk code with bytes missing (a partial scan or a cut-off copy)."""

    code = "truncated_badge"


class ForgedBadge(FairDeskError):
    """The signature does not match: the code was altered or not made by this event."""

    code = "forged_badge"


class ForeignBadge(FairDeskError):
    """A genuine-looking code issued for another event."""

    code = "foreign_badge"


class CannotSignBadge(FairDeskError):
    """This device holds no signing key (booths verify but never issue badges)."""

    code = "no_signing_key"


class AlreadyPrinted(FairDeskError):
    """A second print of a badge needs a reason (it goes to the audit log)."""

    code = "already_printed"


class UnknownLayout(FairDeskError):
    code = "unknown_layout"


# ---------------------------------------------------------------- sync
class Unauthorized(FairDeskError):
    """No device token, an unknown one, or a revoked one (HTTP 401)."""

    code = "unauthorized"


class Forbidden(FairDeskError):
    """The caller's role may not send or see this (HTTP 403)."""

    code = "forbidden"


class BadPairingCode(FairDeskError):
    """A pairing code that cannot be read, is unknown, used already or expired."""

    code = "bad_pairing_code"


class HubUnreachable(FairDeskError):
    """The hub did not answer (network down, hub stopped, certificate mismatch)."""

    code = "hub_unreachable"


class TamperedFile(FairDeskError):
    """A USB op file whose signature does not match its content."""

    code = "tampered_file"


class NotPaired(FairDeskError):
    """This event file is not a device paired with a hub."""

    code = "not_paired"


# ---------------------------------------------------------------- booth
class NotABooth(FairDeskError):
    """A booth action on a session that is not locked to one employer."""

    code = "not_a_booth"


class WrongPin(FairDeskError):
    """Leaving booth mode with a PIN that is not the organizer's."""

    code = "wrong_pin"


# ---------------------------------------------------------------- exports
class NothingToExport(FairDeskError):
    """An export that would hold nobody (no visitors, an empty shortlist)."""

    code = "nothing_to_export"


class NotAllowedForRole(FairDeskError):
    """This device's role may not do or see that (a booth asking for a résumé)."""

    code = "not_allowed_for_role"


# ---------------------------------------------------------------- kiosk
class AmbiguousEmail(FairDeskError):
    """An e-mail typed at the kiosk that more than one candidate registered with."""

    code = "ambiguous_email"


class NotAnInvitation(FairDeskError):
    """Typed at the kiosk: neither an e-mail nor a ref code (a kiosk never searches names)."""

    code = "not_an_invitation"


# ---------------------------------------------------------------- sync clocks (issue 13)
class ClockAhead(FairDeskError):
    """An op stamped further ahead of the receiver's clock than the bounded skew
    (HTTP 400; a USB file holding one is refused whole)."""

    code = "clock_ahead"


# ---------------------------------------------------------------- interviews
class UnknownSlot(FairDeskError):
    code = "unknown_slot"


class SlotTaken(FairDeskError):
    """The slot already holds a candidate; the message names the interview."""

    code = "slot_taken"


class InterviewClash(FairDeskError):
    """The candidate has another interview at that time; the message names it."""

    code = "interview_clash"


class NoFreeSlot(FairDeskError):
    """``--next``: the employer has no free slot the candidate can take."""

    code = "no_free_slot"


class NotBooked(FairDeskError):
    """Unbook: the candidate has no interview with that employer."""

    code = "not_booked"


class InterviewNotStarted(FairDeskError):
    """Attendance: the booked interview has not started yet."""

    code = "interview_not_started"


class BookingInClash(FairDeskError):
    """Attendance: the candidate's interview there lost to an earlier booking (rebook first)."""

    code = "booking_in_clash"
