"""``fairdesk export interviews``: schedules, calendars, letters and slips (issue 15).

For each employer with slots: ``<employer> interviews.xlsx`` and ``.pdf`` (a
page per day and room) and ``<employer> interviews.ics`` (its booked
interviews). For each booked candidate: ``<ref> <name>.ics`` (all their
interviews) and ``<ref> <name> letter.pdf``. Contact details appear in an
employer's schedule only with the candidate's consent. Clashing bookings are
listed (marked) in schedules but left out of calendars and letters until
they are rebooked. Every file is written under a temporary name and renamed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from fairdesk.badges.layouts import get_layout
from fairdesk.badges.slip import SlipData, render_slips
from fairdesk.domain.errors import NotAllowedForRole, NothingToExport
from fairdesk.exports.interview_calendar import calendar, write_calendar
from fairdesk.exports.interview_files import (
    DEFAULT_BRING,
    Interview,
    Letter,
    write_letter_pdf,
    write_schedule_pdf,
    write_schedule_xlsx,
)
from fairdesk.exports.safe_names import safe_stem
from fairdesk.services.candidates import find_candidate
from fairdesk.services.employers import find_employer
from fairdesk.services.session import EventSession
from fairdesk.storage import event as event_rows
from fairdesk.storage import interviews as rows

BRING_KEY = "interview_bring"  # branding: what candidates bring, set by the organizer


def schedule(session: EventSession, employer_id: str | None = None) -> list[Interview]:
    """Every slot with who holds it; contact details only with consent."""
    out = []
    for r in rows.schedule_rows(session.store, employer_id):
        name = " ".join(p for p in (r["first_name"], r["last_name"]) if p)
        consent = bool(r["consent"])
        out.append(Interview(
            slot_id=r["slot_id"], employer_id=r["employer_id"], employer=r["employer_name"],
            booth=r["booth"] or "", day=date.fromisoformat(r["day"]), start=r["start_time"],
            end=r["end_time"], room=r["room"], booking_id=r["booking_id"] or "",
            candidate_id=r["candidate_id"] or "", ref=r["ref"] or "", name=name,
            phone=(r["phone"] or "") if consent else "",
            email=(r["email"] or "") if consent else "", state=r["state"] or ""))
    return out


def bring_text(session: EventSession) -> str:
    return str(event_rows.branding(session.store).get(BRING_KEY) or DEFAULT_BRING)


def export_interviews(session: EventSession, out: Path,
                      employer_key: str | None = None) -> dict[str, Any]:
    """Write every file into ``out``; returns what was written (for ``--json``)."""
    if session.role != "organizer":
        raise NotAllowedForRole("Only the organizer exports interview schedules.",
                                role=session.role)
    employer_id = find_employer(session, employer_key).id if employer_key else None
    items = schedule(session, employer_id)
    if not items:
        raise NothingToExport("No interview slots laid out yet (fairdesk slots add).")
    out = Path(out)
    event = session.event
    by_employer: dict[str, list[Interview]] = defaultdict(list)
    for item in items:
        by_employer[item.employer_id].append(item)
    files: list[str] = []
    for group in by_employer.values():
        files += _employer_files(session, out, group)
    files += _candidate_files(session, out, [i for i in items if i.state == "booked"])
    return {"event": event.name, "employers": len(by_employer), "files": files,
            "booked": sum(i.state == "booked" for i in items),
            "clashes": sum(i.state == "clash" for i in items)}


def _employer_files(session: EventSession, out: Path, group: list[Interview]) -> list[str]:
    event = session.event
    employer = group[0].employer
    stem = safe_stem(f"{employer} interviews")
    xlsx, pdf, ics = (out / f"{stem}{s}" for s in (".xlsx", ".pdf", ".ics"))
    write_schedule_xlsx(xlsx, employer, group)
    write_schedule_pdf(pdf, event.name, event.venue, employer, group)
    booked = [i for i in group if i.state == "booked"]
    write_calendar(ics, calendar(f"{employer} — {event.name} interviews", event.timezone,
                                 booked, session.now(), for_candidate=False,
                                 venue=event.venue))
    return [xlsx.name, pdf.name, ics.name]


def _candidate_files(session: EventSession, out: Path, booked: list[Interview]) -> list[str]:
    event = session.event
    people: dict[str, list[Interview]] = defaultdict(list)
    for item in booked:
        people[item.candidate_id].append(item)
    files = []
    folder = out / "candidates"
    for mine in people.values():
        mine.sort(key=lambda i: (i.day, i.start))
        first = mine[0]
        stem = safe_stem(f"{first.ref} {first.name}")
        ics, letter = folder / f"{stem}.ics", folder / f"{stem} letter.pdf"
        write_calendar(ics, calendar(f"{event.name} interviews", event.timezone, mine,
                                     session.now(), for_candidate=True, venue=event.venue))
        write_letter_pdf(letter, Letter(event.name, event.venue, first.name, first.ref,
                                        tuple(mine), bring_text(session)))
        files += [f"candidates/{ics.name}", f"candidates/{letter.name}"]
    return files


def slip_pdf(session: EventSession, candidate_key: str, layout_name: str,
             day: date | None = None) -> bytes:
    """The candidate's interview slips (one label each) on a badge layout; ``day``:
    only that day's (the desk on a later fair day)."""
    candidate = find_candidate(session, candidate_key)
    event = session.event
    found = [b for b in rows.for_candidate(session.store, candidate.id)
             if b.state == "booked" and (day is None or b.day == day)]
    if not found:
        raise NothingToExport(f"{candidate.ref} has no interview to print.", ref=candidate.ref)
    slips = []
    for b in found:
        slot = rows.slot(session.store, b.slot_id)
        place = " · ".join(p for p in (slot.room if slot else "", event.venue) if p)
        slips.append(SlipData(f"{b.day:%a %d %b} · {b.start}–{b.end}", b.employer_name,
                              place, f"{candidate.display_name} · {candidate.ref}",
                              bring_text(session)))
    return render_slips(slips, get_layout(layout_name), f"Interview slips {candidate.ref}")
