"""The pages FairDesk draws for a résumé book: cover, index and one summary per candidate.

All of them go into one reportlab document (fonts embedded once); the merger
then slots each candidate's résumé pages in after their summary. Every summary
is exactly one page, so page numbers are known before anything is merged.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import LETTER
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
    WIDTH,
    PageText,
    Rect,
    band,
    binary_streams,
    fit,
    footer,
    stars,
)
from fairdesk.exports.book_summary import SummaryPages
from fairdesk.exports.bundle_model import BundleHeader, Entry
from fairdesk.resources import register_pdf_fonts

ROWS_PER_PAGE = 34
ROW_HEIGHT = 17
TABLE_TOP = HEIGHT - 118
# x of each index column; the last is the right edge of the "page" column
COLUMNS = (("#", MARGIN), ("Name", 64), ("Ref", 204), ("Rating", 256), ("Phase Two", 312),
           ("Tags", 376), ("Résumé", 488), ("Page", WIDTH - MARGIN))


@dataclass
class FrontLayout:
    index_pages: int
    index_links: list[tuple[int, Rect, int]] = field(default_factory=list)  # page, rect, entry
    back_links: list[tuple[int, Rect]] = field(default_factory=list)        # entry, rect


def index_page_count(candidates: int) -> int:
    return max(1, math.ceil(candidates / ROWS_PER_PAGE))


def plan_pages(entries: Sequence[Entry]) -> int:
    """Give each entry its summary's page index in the finished book; returns the total."""
    page = 1 + index_page_count(len(entries))
    for entry in entries:
        entry.summary_page = page
        page += 1 + (entry.resume_pages if entry.state == "pdf" else 0)
    return page


def draw_front(out: Path | IO[bytes], header: BundleHeader,
               entries: Sequence[Entry]) -> FrontLayout:
    """Write cover, index and summaries to ``out``; returns where the links go."""
    register_pdf_fonts()
    with binary_streams():
        return _draw_front(out, header, entries)


def _draw_front(out: Path | IO[bytes], header: BundleHeader,
                entries: Sequence[Entry]) -> FrontLayout:
    canvas = Canvas(str(out) if isinstance(out, Path) else out, pagesize=LETTER,
                    pageCompression=1)
    canvas.setTitle(f"Résumé book – {header.employer} – {header.event}")
    canvas.setAuthor("FairDesk")
    canvas.setSubject(f"Candidates who visited {header.employer}")
    layout = FrontLayout(index_page_count(len(entries)))
    _cover(canvas, header, entries)
    canvas.showPage()
    for page in range(layout.index_pages):
        rows = entries[page * ROWS_PER_PAGE:(page + 1) * ROWS_PER_PAGE]
        _index_page(canvas, header, rows, page, layout)
        canvas.showPage()
    summaries = SummaryPages(canvas, header)
    for offset, entry in enumerate(entries):
        layout.back_links.append((offset, summaries.draw(entry)))
        canvas.showPage()
    canvas.save()
    return layout


def _cover(canvas: Canvas, header: BundleHeader, entries: Sequence[Entry]) -> None:
    band(canvas, 250)
    canvas.setFillColor(white)
    canvas.setFont(REGULAR, 13)
    kind = "Phase Two shortlist" if header.shortlist_only else "Résumé book"
    canvas.drawString(MARGIN + 8, HEIGHT - 70, kind.upper())
    y = HEIGHT - 110
    for line in simpleSplit(header.employer, BOLD, 30, WIDTH - 2 * MARGIN - 16)[:2]:
        canvas.setFont(BOLD, 30)
        canvas.drawString(MARGIN + 8, y, line)
        y -= 36
    canvas.setFont(REGULAR, 13)
    booth = f"Booth {header.booth}  ·  " if header.booth else ""
    canvas.drawString(MARGIN + 8, HEIGHT - 225, fit(f"{booth}{header.event}", REGULAR, 13, 500))
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(MARGIN + 8, HEIGHT - 290, fit(header.venue, REGULAR, 12, 520))
    canvas.drawString(MARGIN + 8, HEIGHT - 308, header.dates)
    _cover_counts(canvas, entries)
    _cover_notes(canvas, header)


def _cover_counts(canvas: Canvas, entries: Sequence[Entry]) -> None:
    counts = (
        ("Visitors", len(entries)),
        ("Phase Two", sum(e.candidate.shortlist for e in entries)),
        ("Rated", sum(e.candidate.rating is not None for e in entries)),
        ("With résumé", sum(e.state in ("pdf", "file") for e in entries)),
    )
    box = (WIDTH - 2 * MARGIN - 3 * 12) / 4
    for index, (label, value) in enumerate(counts):
        x = MARGIN + index * (box + 12)
        canvas.setFillColor(SHADE)
        canvas.roundRect(x, HEIGHT - 430, box, 80, 6, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.setFont(BOLD, 28)
        canvas.drawCentredString(x + box / 2, HEIGHT - 392, str(value))
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 10)
        canvas.drawCentredString(x + box / 2, HEIGHT - 418, label)


def _cover_notes(canvas: Canvas, header: BundleHeader) -> None:
    lines = [
        "Click a name in the index to go to that candidate; the bookmarks list every "
        "candidate too. Each candidate has a summary page with your booth's rating, tags "
        "and notes, followed by their résumé.",
        "Contact details and résumés appear only for candidates who agreed to share them "
        "with the employers whose booth they visited. Others are listed with your notes only.",
        "This book holds personal data. Keep it within your recruiting team and delete it "
        "when the hiring round is over.",
    ]
    canvas.setFont(REGULAR, 10)
    canvas.setFillColor(INK)
    y = HEIGHT - 480
    for paragraph in lines:
        for line in simpleSplit(paragraph, REGULAR, 10, WIDTH - 2 * MARGIN):
            canvas.drawString(MARGIN, y, line)
            y -= 14
        y -= 8
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawString(MARGIN, 40, f"Made with FairDesk on {header.generated}")


def _index_page(canvas: Canvas, header: BundleHeader, rows: Sequence[Entry], page: int,
                layout: FrontLayout) -> None:
    with PageText(canvas) as text:
        text.put(MARGIN, HEIGHT - 60, "Index" if page == 0 else "Index (continued)", BOLD, 18)
        text.put(MARGIN, HEIGHT - 78, fit(f"{header.employer} · {header.event}", REGULAR, 10, 400),
                 REGULAR, 10, MUTED)
        text.right(WIDTH - MARGIN, HEIGHT - 78, "Click a row to open the candidate", REGULAR, 10,
                   MUTED)
        for title, x in COLUMNS:
            if title == "Page":
                text.right(x, TABLE_TOP + 8, title, BOLD, 9)
            else:
                text.put(x + 2, TABLE_TOP + 8, title, BOLD, 9)
        canvas.setStrokeColor(INK)
        canvas.line(MARGIN, TABLE_TOP + 3, WIDTH - MARGIN, TABLE_TOP + 3)
        first = TABLE_TOP - ROW_HEIGHT
        for row, entry in enumerate(rows):
            y = first - row * ROW_HEIGHT
            if row % 2 == 1:
                canvas.setFillColor(SHADE)
                canvas.rect(MARGIN, y - 4, WIDTH - 2 * MARGIN, ROW_HEIGHT, stroke=0, fill=1)
            layout.index_links.append(
                (1 + page, (MARGIN, y - 4, WIDTH - MARGIN, y + ROW_HEIGHT - 4), entry.number - 1))
        _index_columns(text, rows, first)
        text.put(MARGIN, 62, "Résumé: pages in this book · none = no résumé on file · "
                             "no consent = not shared", REGULAR, 8, MUTED)
        text.put(MARGIN, 52, "unreadable = the file is damaged · "
                             "not received = its desk has not synced yet", REGULAR, 8, MUTED)
        footer(text, 1 + page + 1)


def _index_columns(text: PageText, rows: Sequence[Entry], top: float) -> None:
    """The table's text a column at a time: one font and colour per column, one line
    after the other (far fewer operators than cell by cell)."""
    def column(index: int, font: str, cells: list[tuple[str, Color]]) -> None:
        start, end = _SPANS[index]
        text.column(start + 2, top, ROW_HEIGHT, font, 8.5,
                    [(fit(value, font, 8.5, end - start - 6), colour) for value, colour in cells])

    column(0, REGULAR, [(f"{e.number:03d}", MUTED) for e in rows])
    column(1, BOLD, [(e.candidate.sort_name, ACCENT) for e in rows])
    column(2, REGULAR, [(e.candidate.ref, INK) for e in rows])
    column(3, REGULAR, [(stars(e.candidate.rating), GOLD) for e in rows])
    column(4, BOLD, [(_phase_two(e), ACCENT) for e in rows])
    column(5, REGULAR, [(", ".join(e.candidate.tags), INK) for e in rows])
    column(6, REGULAR, [(e.resume_label, INK if e.state == "pdf" else MUTED) for e in rows])
    for row, entry in enumerate(rows):
        text.right(WIDTH - MARGIN, top - row * ROW_HEIGHT, str(entry.summary_page + 1),
                   REGULAR, 8.5)


def _phase_two(entry: Entry) -> str:
    """``✓ Fri 10:00`` when booked (the weekday and start of the interview)."""
    person = entry.candidate
    if person.interview_at:
        return f"✓ {person.interview.split(' ')[0]} {person.interview_at[-5:]}"
    return "✓ yes" if person.shortlist else ""


_SPANS = list(itertools.pairwise(x for _, x in COLUMNS))
