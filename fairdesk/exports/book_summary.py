"""A candidate's summary page in the résumé book: who they are and what the booth thought."""

from __future__ import annotations

from reportlab.lib.colors import Color, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from fairdesk.exports.book_style import (
    ACCENT,
    BOLD,
    GOLD,
    HEIGHT,
    INK,
    MARGIN,
    MUTED,
    REGULAR,
    SHADE,
    WARN,
    WIDTH,
    Rect,
    band,
    fit,
    footer,
    stars,
)
from fairdesk.exports.bundle_model import BundleHeader, Entry

TEXT_WIDTH = WIDTH - 2 * MARGIN
LABEL_WIDTH = 110
NOTE_LINES = 12
_RESUME_TEXT = {
    "pdf": "Follows this page ({pages}).",
    "file": "Not a PDF: see the separate file {member} in this bundle.",
    "none": "No résumé on file.",
    "no_consent": "Not shared: the candidate did not consent to share it with employers.",
    "unreadable": "The résumé file is damaged and could not be added; ask the organizer.",
}


def summary_page(canvas: Canvas, header: BundleHeader, entry: Entry) -> Rect:
    """Draw the page; returns the rectangle of its "back to the index" link."""
    person = entry.candidate
    band(canvas, 34)
    canvas.setFillColor(white)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, HEIGHT - 22, fit(f"{header.employer} · {header.event}",
                                               REGULAR, 9, 400))
    canvas.drawRightString(WIDTH - MARGIN, HEIGHT - 22, f"{entry.number:03d}  ·  {person.ref}")
    y = _title(canvas, entry)
    y = _booth_block(canvas, entry, y - 18)
    y = _details(canvas, entry, y - 14)
    footer(canvas, entry.summary_page + 1, f"{person.sort_name} · {person.ref}")
    canvas.setFillColor(ACCENT)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN, 44, "↑ Back to the index")
    return (MARGIN - 2, 40, MARGIN + 90, 54)


def _title(canvas: Canvas, entry: Entry) -> float:
    person = entry.candidate
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 22)
    canvas.drawString(MARGIN, HEIGHT - 72, fit(person.display_name, BOLD, 22, 380))
    if person.shortlist:
        canvas.setFillColor(ACCENT)
        canvas.roundRect(WIDTH - MARGIN - 110, HEIGHT - 78, 110, 24, 5, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setFont(BOLD, 11)
        canvas.drawCentredString(WIDTH - MARGIN - 55, HEIGHT - 70, "✓ PHASE TWO")
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(MUTED)
    facts = [person.ref, "walk-in" if person.walk_in else "pre-registered"]
    if person.visit_time:
        seen = f" (scanned {person.seen}×)" if person.seen > 1 else ""
        facts.append(f"visited at {person.visit_time}{seen}")
    canvas.drawString(MARGIN, HEIGHT - 92, "  ·  ".join(facts))
    return float(HEIGHT - 100)


def _booth_block(canvas: Canvas, entry: Entry, top: float) -> float:
    """The booth's own judgement: rating, tags and notes, on a shaded panel."""
    person = entry.candidate
    notes = [line for paragraph in (person.notes or "—").splitlines()
             for line in simpleSplit(paragraph, REGULAR, 10, TEXT_WIDTH - 24) or [""]]
    if len(notes) > NOTE_LINES:
        notes = [*notes[:NOTE_LINES - 1], "… (the full notes are in candidates.xlsx)"]
    height = 70 + 13 * len(notes)
    canvas.setFillColor(SHADE)
    canvas.roundRect(MARGIN, top - height, TEXT_WIDTH, height, 6, stroke=0, fill=1)
    y = top - 20
    _label(canvas, MARGIN + 12, y, "Your rating")
    canvas.setFont(REGULAR, 13)
    canvas.setFillColor(GOLD if person.rating else MUTED)
    canvas.drawString(MARGIN + 12 + LABEL_WIDTH, y - 1, stars(person.rating) or "not rated")
    y -= 18
    _label(canvas, MARGIN + 12, y, "Tags")
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(INK)
    tags = ", ".join(person.tags) or "—"
    canvas.drawString(MARGIN + 12 + LABEL_WIDTH, y,
                      fit(tags, REGULAR, 10, TEXT_WIDTH - LABEL_WIDTH - 24))
    y -= 18
    _label(canvas, MARGIN + 12, y, "Notes")
    y -= 14
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(INK)
    for line in notes:
        canvas.drawString(MARGIN + 12, y, line)
        y -= 13
    return top - height


def _details(canvas: Canvas, entry: Entry, y: float) -> float:
    person = entry.candidate
    rows: list[tuple[str, str]] = []
    if person.consent:
        rows += [("Email", person.email or "—"), ("Phone", person.phone or "—")]
    rows += [
        ("Roles sought", ", ".join(person.roles) or "—"),
        ("Languages", ", ".join(person.languages) or "—"),
        ("Education", person.education or "—"),
        ("District", person.district or "—"),
        ("Experience (years)", person.experience or "—"),
    ]
    if not person.consent:
        y = _withheld(canvas, y)
    for label, value in rows:
        y = _field(canvas, y, label, value)
    pages = f"{entry.resume_pages} page{'s' if entry.resume_pages != 1 else ''}"
    text = _RESUME_TEXT[entry.state].format(pages=pages, member=entry.member)
    return _field(canvas, y - 6, "Résumé", text, WARN if entry.state == "unreadable" else INK)


def _withheld(canvas: Canvas, y: float) -> float:
    canvas.setFillColor(WARN)
    canvas.setFont(BOLD, 10)
    canvas.drawString(MARGIN, y - 10, "Contact details withheld: this candidate did not "
                                      "consent to share them.")
    return y - 28


def _field(canvas: Canvas, y: float, label: str, value: str, colour: Color = INK) -> float:
    _label(canvas, MARGIN, y - 10, label)
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(colour)
    lines = simpleSplit(value, REGULAR, 10, TEXT_WIDTH - LABEL_WIDTH)[:4] or [""]
    for line in lines:
        canvas.drawString(MARGIN + LABEL_WIDTH, y - 10, line)
        y -= 14
    return y - 4


def _label(canvas: Canvas, x: float, y: float, text: str) -> None:
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(MUTED)
    canvas.drawString(x, y, text.upper())
