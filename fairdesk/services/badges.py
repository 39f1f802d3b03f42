"""Badges: the signed QR payload, rendering, print logging with reprint control.

What the desk screen calls: :func:`payload_for`, :func:`badge_pdf`,
:func:`last_print` / :func:`printed_note` (to show "already printed at 09:14
on desk 2" before printing), :func:`record_print` after a print succeeded,
:func:`print_to_folder`, and :func:`resolve_payload` for whatever the scanner
typed. Batch pre-printing (``fairdesk badges``) uses :func:`select_candidates`
and :func:`print_batch`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fairdesk.badges import token
from fairdesk.badges.branding import Branding
from fairdesk.badges.invitation import InvitationData, render_invitation
from fairdesk.badges.layouts import DEFAULT_LAYOUT, get_layout
from fairdesk.badges.render import BadgeData, render_pdf
from fairdesk.domain.errors import (
    AlreadyPrinted,
    CannotSignBadge,
    InvalidField,
    NotABadge,
    UnknownCandidate,
)
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import BadgePrint, Candidate
from fairdesk.domain.rules import is_ref, normalise_ref, ref_number
from fairdesk.domain.text import fold
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import badge_prints, checkins, codec, oplog
from fairdesk.storage import candidates as rows
from fairdesk.storage import event as event_rows

Which = Literal["all", "checked_in", "not_printed"]
SortKey = Literal["ref", "surname"]


# ---------------------------------------------------------------- tokens
def branding(session: EventSession) -> Branding:
    return Branding.from_event(event_rows.branding(session.store))


def payload_for(session: EventSession, candidate: Candidate) -> str:
    """The signed QR text of a candidate's badge (needs the event's signing key)."""
    event = session.event
    if event.signing_key is None:
        raise CannotSignBadge("This device cannot issue badges: it holds no signing key.")
    return token.sign(event.signing_key, event.id, candidate.id, candidate.display_name)


def resolve_payload(session: EventSession, text: str) -> Candidate:
    """The candidate a scanned code or a hand-typed ref code stands for.

    A FairDesk code is verified with the event's public key (forged, altered,
    truncated and other events' codes raise their typed errors); a ref code
    (``C-0147``, ``c147``, ``W2-12``) is looked up. Reads only.
    """
    clean = text.strip()
    if token.looks_like_token(clean):
        event = session.event
        found = token.verify(clean, event.public_key, event.id)
        candidate = rows.by_id(session.store, found.candidate_id)
        if candidate is None:
            raise UnknownCandidate(
                f"The badge of {found.display_name} is genuine but this device does not know "
                "the candidate yet: sync, or type the ref code.", candidate_id=found.candidate_id)
        return candidate
    if is_ref(clean):
        return find_candidate(session, normalise_ref(clean))
    raise NotABadge(f"{_shorten(clean)!r} is neither a FairDesk badge nor a ref code.")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------- rendering
def badge_data(session: EventSession, candidate: Candidate) -> BadgeData:
    return BadgeData(session.event.name, candidate.display_name, candidate.ref,
                     candidate.walk_in, payload_for(session, candidate))


@dataclass(frozen=True)
class BadgeDraft:
    """Everything a badge PDF is made of, read from the event; rendering needs no database.

    Made on the thread that owns the session; :meth:`render` may run on any
    thread. Two equal drafts render the same PDF, so a draft is also the key
    of a badge prepared ahead of Enter.
    """

    badges: tuple[BadgeData, ...]
    layout: str
    branding: Branding
    title: str

    def render(self) -> bytes:
        return render_pdf(self.badges, get_layout(self.layout), self.branding, title=self.title)


def badge_draft(session: EventSession, candidates: Sequence[Candidate],
                layout: str = DEFAULT_LAYOUT) -> BadgeDraft:
    get_layout(layout)  # an unknown layout is refused here, on the caller's thread
    return BadgeDraft(tuple(badge_data(session, c) for c in candidates), layout,
                      branding(session), f"{session.event.name}: badges")


def badge_pdf(session: EventSession, candidates: Sequence[Candidate],
              layout: str = DEFAULT_LAYOUT) -> bytes:
    """The badges of ``candidates`` in one PDF, N-up as the layout says. Writes nothing."""
    return badge_draft(session, candidates, layout).render()


# ---------------------------------------------------------------- print log
def last_print(session: EventSession, candidate: Candidate) -> BadgePrint | None:
    found = badge_prints.for_candidate(session.store, candidate.id)
    return found[-1] if found else None


def printed_note(session: EventSession, printed: BadgePrint) -> str:
    """``already printed at 09:14 on desk 2`` (the date too when it was another day)."""
    when = session.local_time(printed.at)
    if session.fair_day(printed.at) != session.fair_day():
        when += f" ({session.fair_day(printed.at):%d %b})"
    where = f" on desk {printed.desk}" if printed.desk else ""
    return f"already printed at {when}{where}"


def _reprint_reason(session: EventSession, candidate: Candidate,
                    reason: str | None) -> tuple[str, BadgePrint | None]:
    """The cleaned reason; raises :class:`AlreadyPrinted` for a reprint without one."""
    clean = " ".join((reason or "").split())
    previous = last_print(session, candidate)
    if previous is not None and not clean:
        raise AlreadyPrinted(
            f"The badge of {candidate.display_name} ({candidate.ref}) was "
            f"{printed_note(session, previous)}; give a reason to print it again.",
            ref=candidate.ref, at=codec.ts(previous.at), desk=previous.desk)
    return clean, previous


def check_print(session: EventSession, candidate: Candidate, reason: str | None = None) -> None:
    """Refuse early (before rendering or printing) what :func:`record_print` would refuse."""
    _reprint_reason(session, candidate, reason)


def log_print(session: EventSession, candidate: Candidate, layout: str,
              reason: str | None) -> None:
    """Write one ``badge.print`` op (and the audit entry of a reprint). In a transaction."""
    store = session.store
    clean, previous = _reprint_reason(session, candidate, reason)
    now = session.now()
    print_id = new_id()
    oplog.emit(store, "badge.print", {
        "id": print_id, "candidate_id": candidate.id, "at": codec.ts(now),
        "desk": session.desk, "layout": layout, "reason": clean,
    }, now)
    if previous is not None:
        event_rows.audit(store, now, "badge.reprint", candidate.ref, {
            "print": print_id, "reason": clean, "layout": layout,
            "previous_at": codec.ts(previous.at), "previous_desk": previous.desk,
        })


def record_print(session: EventSession, candidate: Candidate, layout: str,
                 reason: str | None = None) -> BadgePrint:
    """Log a printed badge (device, desk, time, layout). A reprint needs a reason."""
    get_layout(layout)
    with session.store.transaction():
        log_print(session, candidate, layout, reason)
        printed = last_print(session, candidate)
    assert printed is not None
    session.publish(Change("badges", (candidate.id,)))
    return printed


def print_batch(session: EventSession, candidates: Sequence[Candidate], layout: str,
                out: Path, reason: str | None = None) -> int:
    """Render a batch into ``out`` (atomically), then log every badge in one
    transaction. Reprints without a reason are refused before anything is
    written. Returns the size of the PDF in bytes."""
    for candidate in candidates:
        check_print(session, candidate, reason)
    pdf = badge_pdf(session, candidates, layout)
    write_atomic(Path(out), pdf)
    with session.store.transaction():
        for candidate in candidates:
            log_print(session, candidate, layout, reason)
    session.publish(Change("badges", tuple(c.id for c in candidates)))
    return len(pdf)


def write_atomic(path: Path, data: bytes) -> None:
    """Write under a temporary name, then rename: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def print_to_folder(session: EventSession, candidate: Candidate, folder: Path | str,
                    layout: str = DEFAULT_LAYOUT, reason: str | None = None) -> Path:
    """"Print" by writing the badge PDF into ``folder`` (``C-0147.pdf``, then
    ``C-0147-2.pdf`` for a reprint), then log the print."""
    check_print(session, candidate, reason)
    pdf = badge_pdf(session, [candidate], layout)
    target_dir = Path(folder)
    target_dir.mkdir(parents=True, exist_ok=True)
    count = len(badge_prints.for_candidate(session.store, candidate.id))
    stem = candidate.ref if count == 0 else f"{candidate.ref}-{count + 1}"
    target = target_dir / f"{stem}.pdf"
    write_atomic(target, pdf)
    record_print(session, candidate, layout, reason)
    return target


# ---------------------------------------------------------------- batches
def select_candidates(session: EventSession, refs: Iterable[str] = (), which: Which = "all",
                      sort: SortKey = "ref") -> list[Candidate]:
    """The candidates of a batch: given refs (or everyone), filtered, sorted."""
    store = session.store
    wanted = [find_candidate(session, r) for r in refs]
    chosen = wanted or rows.all_candidates(store)
    if which == "checked_in":
        ids = checkins.checked_in_ids(store)
        chosen = [c for c in chosen if c.id in ids]
    elif which == "not_printed":
        ids = badge_prints.printed_ids(store)
        chosen = [c for c in chosen if c.id not in ids]
    elif which != "all":
        raise InvalidField("which", f"Unknown selection {which!r}.")
    if sort == "surname":
        return sorted(chosen, key=_surname_key)
    return sorted(chosen, key=_ref_key)


def _surname_key(candidate: Candidate) -> tuple[str, str, str]:
    surname = candidate.last_name or candidate.first_name
    return fold(surname), fold(candidate.first_name), candidate.ref


def _ref_key(candidate: Candidate) -> tuple[str, int, str]:
    return candidate.ref.split("-")[0], ref_number(candidate.ref) or 0, candidate.ref


# ---------------------------------------------------------------- invitations
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """Neutralise spreadsheet formula injection: a leading ``= + - @`` gets a quote."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def invitation_pdf(session: EventSession, candidate: Candidate) -> bytes:
    event = session.event
    data = InvitationData(
        event.name, event.venue, tuple(f"{d:%a %d %b %Y}" for d in event.days),
        candidate.display_name, candidate.ref, payload_for(session, candidate))
    return render_invitation(data, branding(session))


def write_invitations(session: EventSession, folder: Path | str,
                      candidates: Sequence[Candidate] | None = None) -> Path:
    """One Letter PDF per candidate (``C-0147.pdf``) and ``invitations.csv``
    (email, name, file) for a mail merge. Returns the CSV path."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    chosen = rows.all_candidates(session.store) if candidates is None else candidates
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["email", "name", "file"])
    for candidate in chosen:
        name = f"{candidate.ref}.pdf"
        write_atomic(target / name, invitation_pdf(session, candidate))
        writer.writerow([csv_safe(candidate.email), csv_safe(candidate.display_name), name])
    sheet = target / "invitations.csv"
    write_atomic(sheet, buffer.getvalue().encode("utf-8-sig"))
    return sheet
