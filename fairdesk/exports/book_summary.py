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
    PageText,
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
    with PageText(canvas) as text:
        text.put(MARGIN, HEIGHT - 22, fit(f"{header.employer} · {header.event}", REGULAR, 9, 400),
                 REGULAR, 9, white)
        text.right(WIDTH - MARGIN, HEIGHT - 22, f"{entry.number:03d}  ·  {person.ref}",
                   REGULAR, 9, white)
        y = _title(canvas, text, entry)
        y = _booth_block(canvas, text, entry, y - 18)
        _details(text, entry, y - 14)
        footer(text, entry.summary_page + 1, f"{person.sort_name} · {person.ref}")
        text.put(MARGIN, 44, "↑ Back to the index", REGULAR, 8, ACCENT)
    return (MARGIN - 2, 40, MARGIN + 90, 54)


def _title(canvas: Canvas, text: PageText, entry: Entry) -> float:
    person = entry.candidate
    text.put(MARGIN, HEIGHT - 72, fit(person.display_name, BOLD, 22, 380), BOLD, 22)
    if person.shortlist:
        canvas.setFillColor(ACCENT)
        canvas.roundRect(WIDTH - MARGIN - 110, HEIGHT - 78, 110, 24, 5, stroke=0, fill=1)
        text.centre(WIDTH - MARGIN - 55, HEIGHT - 70, "✓ PHASE TWO", BOLD, 11, white)
    facts = [person.ref, "walk-in" if person.walk_in else "pre-registered"]
    if person.visit_time:
        seen = f" (scanned {person.seen}×)" if person.seen > 1 else ""
        facts.append(f"visited at {person.visit_time}{seen}")
    text.put(MARGIN, HEIGHT - 92, "  ·  ".join(facts), REGULAR, 10, MUTED)
    return float(HEIGHT - 100)


def _booth_block(canvas: Canvas, text: PageText, entry: Entry, top: float) -> float:
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
    _label(text, MARGIN + 12, y, "Your rating")
    text.put(MARGIN + 12 + LABEL_WIDTH, y - 1, stars(person.rating) or "not rated", REGULAR, 13,
             GOLD if person.rating else MUTED)
    y -= 18
    _label(text, MARGIN + 12, y, "Tags")
    tags = ", ".join(person.tags) or "—"
    text.put(MARGIN + 12 + LABEL_WIDTH, y, fit(tags, REGULAR, 10, TEXT_WIDTH - LABEL_WIDTH - 24))
    y -= 18
    _label(text, MARGIN + 12, y, "Notes")
    y -= 14
    for line in notes:
        text.put(MARGIN + 12, y, line)
        y -= 13
    return top - height


def _details(text: PageText, entry: Entry, y: float) -> float:
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
        text.put(MARGIN, y - 10, "Contact details withheld: this candidate did not consent to "
                                 "share them.", BOLD, 10, WARN)
        y -= 28
    for label, value in rows:
        y = _field(text, y, label, value)
    pages = f"{entry.resume_pages} page{'s' if entry.resume_pages != 1 else ''}"
    state = _RESUME_TEXT[entry.state].format(pages=pages, member=entry.member)
    return _field(text, y - 6, "Résumé", state, WARN if entry.state == "unreadable" else INK)


def _field(text: PageText, y: float, label: str, value: str, colour: Color = INK) -> float:
    _label(text, MARGIN, y - 10, label)
    lines = simpleSplit(value, REGULAR, 10, TEXT_WIDTH - LABEL_WIDTH)[:4] or [""]
    for line in lines:
        text.put(MARGIN + LABEL_WIDTH, y - 10, line, REGULAR, 10, colour)
        y -= 14
    return y - 4


def _label(text: PageText, x: float, y: float, label: str) -> None:
    text.put(x, y, label.upper(), BOLD, 9, MUTED)
