"""Interview schedules (XLSX, PDF a page per day and room) and candidate letters.

Plain data in, files out (written under a temporary name, then renamed); the
service gathers the rows (:mod:`fairdesk.services.interview_exports`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.book_style import ACCENT, BOLD, INK, MUTED, REGULAR, fit
from fairdesk.exports.cells import write_xlsx
from fairdesk.resources import register_pdf_fonts

DEFAULT_BRING = "your badge, a photo ID and a printed copy of your résumé"
SCHEDULE_HEADERS = ("Day", "Start", "End", "Room", "Ref", "Candidate", "Phone", "E-mail",
                    "Status")


@dataclass(frozen=True)
class Interview:
    """One slot of an employer and who holds it (``ref`` empty: free)."""

    slot_id: str
    employer_id: str
    employer: str
    booth: str
    day: date
    start: str
    end: str
    room: str
    booking_id: str = ""
    candidate_id: str = ""
    ref: str = ""
    name: str = ""
    phone: str = ""  # only with the candidate's consent
    email: str = ""
    state: str = ""  # "booked", "clash" or "" (free)

    @property
    def held(self) -> bool:
        return bool(self.ref)

    @property
    def status(self) -> str:
        return {"booked": "booked", "clash": "clash: rebook"}.get(self.state, "free")


def write_schedule_xlsx(path: Path, employer: str, rows: Sequence[Interview]) -> int:
    table = [(r.day.isoformat(), r.start, r.end, r.room, r.ref, r.name, r.phone, r.email,
              r.status) for r in rows]
    return write_xlsx(path, SCHEDULE_HEADERS, table, title=f"Interviews {employer}")


def write_schedule_pdf(path: Path, event: str, venue: str, employer: str,
                       rows: Sequence[Interview]) -> int:
    """A page per day and room; returns the page count."""
    register_pdf_fonts()
    pages = 0
    with atomic_path(path) as temporary:
        c = Canvas(str(temporary), pagesize=A4, invariant=True)
        c.setTitle(f"Interview schedule — {employer}")
        c.setCreator("FairDesk")
        for (day, room), group in itertools.groupby(rows, key=lambda r: (r.day, r.room)):
            _schedule_page(c, event, venue, employer, day, room, list(group))
            c.showPage()
            pages += 1
        if not pages:
            _heading(c, f"Interview schedule — {employer}", f"{event} · no slots laid out")
            c.showPage()
            pages = 1
        c.save()
    return pages


def _heading(c: Canvas, title: str, sub: str) -> float:
    width, height = A4
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 18)
    c.drawString(20 * mm, height - 25 * mm, fit(title, BOLD, 18, width - 40 * mm))
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 10.5)
    c.drawString(20 * mm, height - 32 * mm, fit(sub, REGULAR, 10.5, width - 40 * mm))
    return float(height - 45 * mm)


def _schedule_page(c: Canvas, event: str, venue: str, employer: str, day: date, room: str,
                   rows: list[Interview]) -> None:
    where = f" · {room}" if room else ""
    y = _heading(c, f"{employer} — {day:%A %d %B %Y}{where}",
                 f"{event}{' · ' + venue if venue else ''} · Phase Two interviews")
    columns = ((20, "Time"), (48, "Ref"), (72, "Candidate"), (135, "Phone"), (170, "Status"))
    c.setFont(BOLD, 10)
    c.setFillColor(INK)
    for x, title in columns:
        c.drawString(x * mm, y, title)
    y -= 7 * mm
    c.setFont(REGULAR, 10)
    for r in rows:
        if y < 20 * mm:  # more slots than a page holds: carry on overleaf
            c.showPage()
            y = _heading(c, f"{employer} — {day:%A %d %B %Y}{where} (cont.)", event)
            c.setFont(REGULAR, 10)
        c.setFillColor(INK if r.held else MUTED)
        cells = (f"{r.start}–{r.end}", r.ref or "—", r.name or "free", r.phone, r.status)
        for (x, _), text in zip(columns, cells, strict=True):
            c.drawString(x * mm, y, fit(text, REGULAR, 10, 60 * mm))
        y -= 6.5 * mm


@dataclass(frozen=True)
class Letter:
    event: str
    venue: str
    name: str
    ref: str
    interviews: tuple[Interview, ...]
    bring: str = DEFAULT_BRING


def write_letter_pdf(path: Path, letter: Letter) -> None:
    """A one-page invitation listing the candidate's interviews."""
    register_pdf_fonts()
    with atomic_path(path) as temporary:
        c = Canvas(str(temporary), pagesize=A4, invariant=True)
        c.setTitle(f"Phase Two interviews — {letter.name}")
        c.setCreator("FairDesk")
        y = _heading(c, "Your Phase Two interviews", f"{letter.event} · {letter.venue}")
        c.setFillColor(INK)
        c.setFont(REGULAR, 11.5)
        for line in (f"Dear {letter.name} ({letter.ref}),", "",
                     "Congratulations: you have been shortlisted for Phase Two. Please come "
                     "to the", "interviews below a few minutes early."):
            c.drawString(20 * mm, y, line)
            y -= 6 * mm
        y -= 4 * mm
        for item in letter.interviews:
            c.setFont(BOLD, 12)
            c.drawString(20 * mm, y, f"{item.day:%A %d %B %Y}, {item.start}–{item.end}")
            c.setFont(REGULAR, 11)
            place = ", ".join(p for p in (item.room, f"booth {item.booth}" if item.booth else "",
                                          letter.venue) if p)
            c.drawString(25 * mm, y - 5.5 * mm, fit(f"{item.employer} — {place}", REGULAR, 11,
                                                     165 * mm))
            y -= 14 * mm
        c.setFont(REGULAR, 11.5)
        c.drawString(20 * mm, y - 4 * mm, fit(f"Please bring {letter.bring}.", REGULAR, 11.5,
                                               170 * mm))
        c.showPage()
        c.save()
