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
- **kiosk** (self check-in, issue 17): sends check-ins and badge prints
  only (no walk-ins, no edits); sees what a desk sees for checking in and
  printing (the event with the signing key, the roster, check-ins and
  prints), no employers, no visits; never uploads a résumé.
- **organizer** (the hub's own file): everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairdesk.domain.model import Op

VISIT_KINDS = frozenset({"visit.record", "visit.update", "visit.unrecord"})
ROSTER_KINDS = frozenset({
    "candidate.add", "candidate.update", "checkin.add", "checkin.undo", "badge.print",
})
EVENT_KINDS = frozenset({"event.create", "event.update"})
KIOSK_KINDS = frozenset({"checkin.add", "badge.print"})
PUSH_KINDS: dict[str, frozenset[str]] = {
    "desk": ROSTER_KINDS, "booth": VISIT_KINDS, "kiosk": KIOSK_KINDS,
}
SEE_KINDS: dict[str, frozenset[str]] = {
    "desk": EVENT_KINDS | ROSTER_KINDS | {"employer.upsert"},
    "booth": EVENT_KINDS | VISIT_KINDS | {"employer.upsert"},
    "kiosk": EVENT_KINDS | ROSTER_KINDS,
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


def push_refusal(caller: Caller, op: Op, visit_employer: str | None) -> str | None:
    """Why the hub refuses ``op`` from ``caller`` (``None``: accepted).

    ``visit_employer`` is the employer of the visit a visit op is about, as
    the hub knows it (``None`` when the hub has not seen the visit yet).
    """
    if op.device_id != caller.device_id:
        return f"op {op.op_id} was made by another device"
    if not may_push_kind(caller.role, op.kind):
        return f"a {caller.role} may not send {op.kind} ops"
    if caller.role == "booth":
        employer = op.body.get("employer_id") if op.kind == "visit.record" else visit_employer
        if employer is not None and employer != caller.employer_id:
            return "a booth may send only its own employer's visits"
    return None


def may_see(caller: Caller, op: Op, visit_employer: str | None) -> bool:
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
