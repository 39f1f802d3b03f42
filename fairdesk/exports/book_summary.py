"""A candidate's summary page in the résumé book: who they are and what the booth thought."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, white
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
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
    "missing": "Attached at a registration desk that has not synced yet: ask the organizer "
               "for an updated bundle.",
}


BACK_LINK: Rect = (MARGIN - 2, 40, MARGIN + 90, 54)
BOOTH_TOP = HEIGHT - 118


@dataclass(frozen=True)
class _Row:
    label: str
    lines: tuple[str, ...]
    colour: Color = INK


class SummaryPages:
    """Draws the summary pages of one book.

    What does not change from one candidate to the next (the band, the shaded
    panel, the labels, the back link) is drawn once per arrangement as a PDF
    form and placed on each page with one operator; the page itself only
    writes the candidate's values. A book has a handful of arrangements (how
    many note lines, consent, a value over two lines) and a page per visitor.
    """

    def __init__(self, canvas: Canvas, header: BundleHeader) -> None:
        self.canvas = canvas
        self.header = header
        self._frames: dict[tuple[object, ...], str] = {}

    def draw(self, entry: Entry) -> Rect:
        """Draw ``entry``'s page; returns the rectangle of its "back to the index" link."""
        person = entry.candidate
        notes = _note_lines(person.notes)
        rows = _rows(entry)
        self.canvas.doForm(self._frame(person.consent, len(notes), rows))
        with PageText(self.canvas) as text:
            text.right(WIDTH - MARGIN, HEIGHT - 22, f"{entry.number:03d}  ·  {person.ref}",
                       REGULAR, 9, white)
            _title(self.canvas, text, entry)
            _booth_values(text, entry, notes)
            y = _details_top(person.consent, len(notes))
            for row in rows:
                y -= 6 if row.label == "Résumé" else 0
                for line in row.lines:
                    text.put(MARGIN + LABEL_WIDTH, y - 10, line, REGULAR, 10, row.colour)
                    y -= 14
                y -= 4
            footer(text, entry.summary_page + 1, f"{person.sort_name} · {person.ref}")
        return BACK_LINK

    def _frame(self, consent: bool, notes: int, rows: list[_Row]) -> str:
        key = (consent, notes, *((r.label, len(r.lines)) for r in rows))
        name = self._frames.get(key)
        if name is None:
            name = self._frames[key] = f"summary{len(self._frames)}"
            self._draw_frame(name, consent, notes, rows)
        return name

    def _draw_frame(self, name: str, consent: bool, notes: int, rows: list[_Row]) -> None:
        canvas, header = self.canvas, self.header
        canvas.beginForm(name)
        band(canvas, 34)
        height = _panel_height(notes)
        canvas.setFillColor(SHADE)
        canvas.roundRect(MARGIN, BOOTH_TOP - height, TEXT_WIDTH, height, 6, stroke=0, fill=1)
        with PageText(canvas) as text:
            text.put(MARGIN, HEIGHT - 22, fit(f"{header.employer} · {header.event}",
                                              REGULAR, 9, 400), REGULAR, 9, white)
            for offset, label in ((20, "Your rating"), (38, "Tags"), (56, "Notes")):
                _label(text, MARGIN + 12, BOOTH_TOP - offset, label)
            y = _details_top(consent, notes)
            if not consent:
                text.put(MARGIN, y + 18, "Contact details withheld: this candidate did not "
                                         "consent to share them.", BOLD, 10, WARN)
            for row in rows:
                y -= 6 if row.label == "Résumé" else 0
                _label(text, MARGIN, y - 10, row.label)
                y -= 14 * len(row.lines) + 4
            text.put(MARGIN, 44, "↑ Back to the index", REGULAR, 8, ACCENT)
        canvas.endForm()


def _title(canvas: Canvas, text: PageText, entry: Entry) -> None:
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


def _note_lines(notes: str) -> list[str]:
    lines = [line for paragraph in (notes or "—").splitlines()
             for line in _split(paragraph, TEXT_WIDTH - 24) or [""]]
    if len(lines) > NOTE_LINES:
        lines = [*lines[:NOTE_LINES - 1], "… (the full notes are in candidates.xlsx)"]
    return lines


def _panel_height(notes: int) -> int:
    return 70 + 13 * notes


def _details_top(consent: bool, notes: int) -> float:
    """Where the contact and profile rows start, under the booth's panel."""
    return float(BOOTH_TOP - _panel_height(notes) - 14 - (0 if consent else 28))


def _booth_values(text: PageText, entry: Entry, notes: list[str]) -> None:
    """The booth's own judgement: rating, tags and notes (on the frame's panel)."""
    person = entry.candidate
    x = MARGIN + 12 + LABEL_WIDTH
    text.put(x, BOOTH_TOP - 21, stars(person.rating) or "not rated", REGULAR, 13,
             GOLD if person.rating else MUTED)
    tags = ", ".join(person.tags) or "—"
    text.put(x, BOOTH_TOP - 38, fit(tags, REGULAR, 10, TEXT_WIDTH - LABEL_WIDTH - 24))
    y = BOOTH_TOP - 70
    for line in notes:
        text.put(MARGIN + 12, y, line)
        y -= 13


def _rows(entry: Entry) -> list[_Row]:
    person = entry.candidate
    pairs: list[tuple[str, str]] = []
    if person.interview:
        pairs.append(("Interview", person.interview))
    if person.consent:
        pairs += [("Email", person.email or "—"), ("Phone", person.phone or "—")]
    pairs += [
        ("Roles sought", ", ".join(person.roles) or "—"),
        ("Languages", ", ".join(person.languages) or "—"),
        ("Education", person.education or "—"),
        ("District", person.district or "—"),
        ("Experience (years)", person.experience or "—"),
    ]
    rows = [_Row(label, _value_lines(value)) for label, value in pairs]
    pages = f"{entry.resume_pages} page{'s' if entry.resume_pages != 1 else ''}"
    state = _RESUME_TEXT[entry.state].format(pages=pages, member=entry.member)
    warn = entry.state in ("unreadable", "missing")
    rows.append(_Row("Résumé", _value_lines(state), WARN if warn else INK))
    return rows


def _value_lines(value: str) -> tuple[str, ...]:
    return tuple(_split(value, TEXT_WIDTH - LABEL_WIDTH)[:4]) or ("",)


def _split(text: str, width: float) -> list[str]:
    """``simpleSplit`` at 10 pt, skipped for the usual one-line value."""
    if "\n" not in text and stringWidth(text, REGULAR, 10) <= width:
        return [text] if text else []
    return list(simpleSplit(text, REGULAR, 10, width))


def _label(text: PageText, x: float, y: float, label: str) -> None:
    text.put(x, y, label.upper(), BOLD, 9, MUTED)
