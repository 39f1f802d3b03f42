"""The booth station: scan a badge, see the card, rate, tag, note, shortlist.

Every function acts for the session's employer (``session.employer_id``) and
for no other: the lists and cards a booth gets hold only its own visits, and
only the card's columns of a candidate (no contact details, no résumé).

Decisions (issue 6):

* A scan is verified offline with the event's public key
  (:func:`fairdesk.badges.token.verify`) and records the visit in the same
  transaction. Scanning the same candidate again adds no visit: it bumps the
  visit's seen count and last-seen time (the ``visit.record`` semantics every
  device shares), and the result says ``first=False`` ("seen again").
* A genuine badge of a candidate this device does not know yet (a walk-in
  registered after the booth's last sync) is accepted: a stub candidate is
  added from the token (its id, its short name as ``first_name``, source
  ``walk_in`` and a placeholder ref ``W?-XXXXXX``, since the token carries no
  ref). The stub's op is stamped with the zero clock, so the desk's real
  ``candidate.add`` wins every field when it arrives, wherever it lands first.
* Undo of the last scan emits ``visit.unrecord``: the seen count goes down,
  and the visit goes if that was its only scan. Undos go to the audit log.
* Leaving booth mode needs the organizer's PIN when one is set. Its salted
  PBKDF2 hash lives in the event (``branding["booth_pin"]``), so it reaches
  booths by the ordinary ``event.update`` op; with no PIN set, leaving is free.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fairdesk.badges import token
from fairdesk.domain import ids
from fairdesk.domain.clock import encode
from fairdesk.domain.errors import InvalidField, NotABooth, UnknownCandidate, UnknownVisit
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Employer, Op
from fairdesk.services.badges import resolve_payload
from fairdesk.services.employers import find_employer
from fairdesk.services.events import update_event
from fairdesk.services.session import Change, EventSession
from fairdesk.services.visits import update_visit
from fairdesk.storage import booth_rows, codec, oplog, sync_rows
from fairdesk.storage import event as event_rows
from fairdesk.sync.policy import PUSH_KINDS

PIN_KEY = "booth_pin"
PIN_ITERATIONS = 200_000
STUB_PREFIX = "W?-"


@dataclass(frozen=True)
class BoothCard:
    """What a booth sees of one visitor: the card and its own notes, nothing else."""

    visit_id: str
    candidate_id: str
    ref: str
    name: str
    roles: tuple[str, ...]
    languages: tuple[str, ...]
    education: str
    district: str
    experience: str
    walk_in: bool
    first_seen: datetime
    last_seen: datetime
    day: date  # the fair day of the last scan
    seen_count: int = 1
    rating: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    shortlist: bool = False

    @property
    def stub(self) -> bool:
        """Known only from its badge so far (the desk's record has not synced)."""
        return self.ref.startswith(STUB_PREFIX)


@dataclass(frozen=True)
class ScanResult:
    card: BoothCard
    first: bool  # False: "seen again", no new visit
    new_walk_in: bool = False  # the candidate was added from the badge just now


# ---------------------------------------------------------------- reading
def booth_employer(session: EventSession) -> Employer:
    if not session.employer_id:
        raise NotABooth("This screen is not locked to an employer: open it with --employer.")
    return find_employer(session, session.employer_id)


def _card(session: EventSession, row: dict[str, Any]) -> BoothCard:
    name = " ".join(p for p in (row["first_name"], row["last_name"]) if p)
    last_seen = codec.parse_ts(row["last_seen"])
    return BoothCard(
        visit_id=row["visit_id"], candidate_id=row["candidate_id"], ref=row["ref"],
        name=name, roles=codec.tup(row["roles"]), languages=codec.tup(row["languages"]),
        education=row["education"], district=row["district"], experience=row["experience"],
        walk_in=row["source"] == "walk_in", first_seen=codec.parse_ts(row["first_seen"]),
        last_seen=last_seen, day=session.fair_day(last_seen), seen_count=row["seen_count"],
        rating=row["rating"], tags=codec.tup(row["tags"]), notes=row["notes"],
        shortlist=bool(row["shortlist"]),
    )


def booth_visits(session: EventSession) -> list[BoothCard]:
    """This booth's visitors, newest scan first (every fair day)."""
    employer = booth_employer(session)
    return [_card(session, r) for r in booth_rows.visit_rows(session.store, employer.id)]


def visit_card(session: EventSession, visit_id: str) -> BoothCard:
    """One of this booth's visits; another employer's visit is "unknown" here."""
    employer = booth_employer(session)
    row = booth_rows.visit_row(session.store, employer.id, visit_id)
    if row is None:
        raise UnknownVisit(f"No visit {visit_id!r} at this booth.", visit=visit_id)
    return _card(session, row)


def unsynced_changes(session: EventSession) -> int:
    """Changes made here that no hub has acknowledged yet.

    Only what a booth sends counts (its visits, ratings and notes): a walk-in
    stub added from a badge stays on this device and is never "waiting".
    """
    return sync_rows.pending_count(session.store, PUSH_KINDS["booth"])


# ---------------------------------------------------------------- scanning
def scan(session: EventSession, payload: str) -> ScanResult:
    """Verify a scanned code (or a typed ref) and record the visit, in one transaction.

    Raises the badge's typed error (``forged_badge``, ``foreign_badge``,
    ``not_a_badge``, ``malformed_badge``, ``truncated_badge``) or
    ``unknown_candidate`` for a typed ref this device does not know; nothing is
    recorded then.
    """
    employer = booth_employer(session)
    store = session.store
    with store.transaction():
        candidate_id, stubbed = _candidate_for(session, payload)
        visit_id, first = _record(session, employer.id, candidate_id)
        row = booth_rows.visit_row(store, employer.id, visit_id)
    assert row is not None
    card = _card(session, row)
    if stubbed:
        session.publish(Change("candidates", (candidate_id,)))
    session.publish(Change("visits", (card.visit_id,)))
    return ScanResult(card, first=first, new_walk_in=stubbed)


def _candidate_for(session: EventSession, payload: str) -> tuple[str, bool]:
    """The candidate id a code stands for, and whether a walk-in stub was made for it."""
    text = payload.strip()
    if not token.looks_like_token(text):
        try:
            return resolve_payload(session, text).id, False
        except UnknownCandidate as error:
            raise UnknownCandidate(
                f"No candidate with ref {text!r} on this device yet: scan the badge's QR "
                "code instead.", ref=text) from error
    event = session.event
    found = token.verify(text, event.public_key, event.id)
    if booth_rows.candidate_card(session.store, found.candidate_id) is not None:
        return found.candidate_id, False
    _add_stub(session, found)
    return found.candidate_id, True


def _stub_ref(session: EventSession, candidate_id: str) -> str:
    digits = candidate_id.replace("-", "").upper()
    for size in (6, 10, 32):
        ref = STUB_PREFIX + digits[-size:]
        if not booth_rows.ref_taken(session.store, ref):
            return ref
    raise InvalidField("ref", f"Candidate {candidate_id} is already here.")  # pragma: no cover


def _add_stub(session: EventSession, found: token.BadgeToken) -> None:
    """A walk-in known only from a genuine badge: id, short name, placeholder ref.

    Stamped with the zero clock (not the device's), so every field of the
    desk's own ``candidate.add`` is newer and wins when it syncs.
    """
    store = session.store
    device = oplog.device_id(store)
    body = {"id": found.candidate_id, "ref": _stub_ref(session, found.candidate_id),
            "source": "walk_in", "first_name": found.display_name}
    op = Op(new_id(), device, booth_rows.next_seq(store, device), "candidate.add",
            session.now(), encode(0, 0, device), body)
    oplog.apply(store, op)


def _record(session: EventSession, employer_id: str, candidate_id: str) -> tuple[str, bool]:
    """Emit ``visit.record``; returns the visit id and whether it is a new visit."""
    store = session.store
    existing = booth_rows.visit_id_for(store, employer_id, candidate_id)
    now = session.now()
    key = existing or ids.visit_id(employer_id, candidate_id)
    oplog.emit(store, "visit.record", {
        "id": key, "candidate_id": candidate_id, "employer_id": employer_id,
        "at": codec.ts(now),
    }, now)
    return key, existing is None


def undo_scan(session: EventSession, visit_id: str) -> BoothCard | None:
    """Take back this booth's last scan of a visit; ``None`` when the visit went with it."""
    employer = booth_employer(session)
    before = visit_card(session, visit_id)
    remove = before.seen_count <= 1
    store = session.store
    now = session.now()
    with store.transaction():
        oplog.emit(store, "visit.unrecord", {"id": visit_id, "remove": remove}, now)
        event_rows.audit(store, now, "visit.unrecord", visit_id,
                         {"employer_id": employer.id, "ref": before.ref, "removed": remove})
    session.publish(Change("visits", (visit_id,)))
    return None if remove else visit_card(session, visit_id)


# ---------------------------------------------------------------- the card
def edit_visit(session: EventSession, visit_id: str, **fields: Any) -> BoothCard:
    """Rating, tags, notes or Phase Two of one of this booth's visits."""
    visit_card(session, visit_id)  # refuses another employer's visit
    update_visit(session, visit_id, **fields)
    return visit_card(session, visit_id)


# ---------------------------------------------------------------- the exit PIN
def _hash_pin(pin: str, salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ITERATIONS)
    return f"pbkdf2_sha256${PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def _clean_pin(pin: str) -> str:
    clean = pin.strip()
    # isascii: "²³⁴⁵" and other Unicode digits pass isdigit() but no booth keypad types them.
    if not (clean.isascii() and clean.isdigit() and 4 <= len(clean) <= 12):
        raise InvalidField("pin", "The booth PIN must be 4 to 12 digits (0–9).")
    return clean


def set_exit_pin(session: EventSession, pin: str | None) -> None:
    """The organizer's PIN for leaving booth mode; ``None`` removes it."""
    branding = event_rows.branding(session.store)
    if pin is None:
        branding.pop(PIN_KEY, None)
    else:
        branding[PIN_KEY] = _hash_pin(_clean_pin(pin), os.urandom(16))
    update_event(session, branding=branding)


def exit_pin_set(session: EventSession) -> bool:
    return bool(event_rows.branding(session.store).get(PIN_KEY))


def check_exit_pin(session: EventSession, pin: str) -> bool:
    """True when no PIN is set, or ``pin`` is the organizer's."""
    stored = str(event_rows.branding(session.store).get(PIN_KEY) or "")
    if not stored:
        return True
    try:
        _, iterations, salt, digest = stored.split("$")
        tried = hashlib.pbkdf2_hmac("sha256", pin.strip().encode("utf-8"),
                                    bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(tried.hex(), digest)
