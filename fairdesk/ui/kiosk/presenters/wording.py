"""What the kiosk says when it sends a candidate to the desk: one sentence per refusal.

The sentences are for the candidate, not for staff: short, polite, no codes.
Each refusal ends on the same screen ("Please see the desk"); the sentence
says why, so the desk worker knows at a glance what to do.
"""

from __future__ import annotations

from fairdesk.domain.errors import FairDeskError

DESK = "Please see the registration desk."

SENTENCES: dict[str, str] = {
    "foreign_badge": "This invitation is for another event.",
    "forged_badge": "This code could not be verified.",
    "malformed_badge": "This code could not be verified.",
    "truncated_badge": "The code was only partly read: please scan it again.",
    "not_a_badge": "This is not a FairDesk invitation code.",
    "unknown_candidate": "We could not find your registration.",
    "ambiguous_email": "More than one registration uses this e-mail.",
    "not_an_invitation": "Please type the e-mail you registered with, or the ref code on "
                         "your invitation.",
    "walk_in": "Registration without an invitation is done at the desk.",
    "not_you": "This invitation is in someone else's name.",
    "print_failed": "The badge printer is not working right now.",
    "no_signing_key": "This kiosk cannot print badges.",
    "wrong_pin": "That PIN is not the organizer's.",
}
GENERIC = "Something went wrong with your check-in."


def sentence_for(code: str) -> str:
    return SENTENCES.get(code, GENERIC)


def already_checked_in(at: str) -> str:
    """``at``: the venue's local time of today's check-in, ``09:12``."""
    return (f"You are already checked in at {at} today. "
            "If you need your badge again, the desk will reprint it.")


def refusal(error: FairDeskError) -> str:
    if error.code == "unknown_candidate" and error.details.get("candidate_id"):
        return "Your invitation is genuine, but this kiosk does not know it yet."
    return sentence_for(error.code)
