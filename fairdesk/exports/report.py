"""The organizer's post-event report: totals and charts on a few pages (reportlab)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.book_style import ACCENT, BOLD, INK, MUTED, REGULAR, SHADE
from fairdesk.exports.report_charts import bar_chart, column_chart
from fairdesk.resources import register_pdf_fonts

WIDTH = LETTER[0] - 80
Series = list[tuple[str, int]]


@dataclass(frozen=True)
class ReportData:
    event: str
    venue: str
    dates: str
    generated: str
    totals: dict[str, int]
    arrivals: list[tuple[str, Series]] = field(default_factory=list)  # per day: slot → n
    booths: list[tuple[str, int, int]] = field(default_factory=list)  # name, visits, Phase Two
    booths_per_candidate: list[tuple[int, int]] = field(default_factory=list)
    districts: list[tuple[str, int, int]] = field(default_factory=list)  # registered, came
    # Phase Two per employer: name, visits, shortlisted, booked, in clash, interviewed,
    # no-shows (empty: no slots)
    funnel: list[tuple[str, int, int, int, int, int, int]] = field(default_factory=list)


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=22, leading=26, textColor=INK),
        "sub": ParagraphStyle("sub", fontName=REGULAR, fontSize=10.5, leading=14,
                              textColor=MUTED),
        "h2": ParagraphStyle("h2", fontName=BOLD, fontSize=13, leading=16, textColor=ACCENT,
                             spaceBefore=14, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK),
        "big": ParagraphStyle("big", fontName=BOLD, fontSize=20, leading=22, textColor=ACCENT,
                              alignment=TA_CENTER),
        "small": ParagraphStyle("small", fontName=REGULAR, fontSize=8, leading=10,
                                textColor=MUTED, alignment=TA_CENTER),
    }


def write_report(path: Path, data: ReportData) -> int:
    """Write the report PDF at ``path`` (atomically); returns its page count."""
    register_pdf_fonts()
    pages: list[int] = []
    with atomic_path(path) as temporary:
        doc = SimpleDocTemplate(
            str(temporary), pagesize=LETTER, leftMargin=40, rightMargin=40, topMargin=40,
            bottomMargin=44, title=f"Event report – {data.event}", author="FairDesk",
        )

        def footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
            canvas.setFont(REGULAR, 8)
            canvas.setFillColor(MUTED)
            canvas.drawString(40, 24, f"{data.event} · event report")
            canvas.drawRightString(LETTER[0] - 40, 24, f"page {document.page}")
            pages.append(document.page)

        doc.build(_story(data, _styles()), onFirstPage=footer, onLaterPages=footer)
    return max(pages, default=0)


def _story(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("Event report", st["title"]),
        Paragraph(_escape(data.event), st["sub"]),
        Paragraph(_escape(" · ".join(p for p in (data.venue, data.dates) if p)), st["sub"]),
        Paragraph(f"Made with FairDesk on {_escape(data.generated)}", st["sub"]),
        Spacer(1, 10), _totals(data.totals, st),
    ]
    story += _arrivals(data, st)
    story += _section("Visits per booth", st, bar_chart(
        [b[0] for b in data.booths], [[b[1] for b in data.booths]], WIDTH),
        "Candidates scanned at each employer's booth (repeat scans counted once).")
    story += _section("Booths per candidate", st, column_chart(
        [str(k) for k, _ in data.booths_per_candidate],
        [n for _, n in data.booths_per_candidate], WIDTH, caption="booths visited"),
        "How many booths each checked-in candidate visited (0 = checked in, no booth).")
    story += _section("Phase Two shortlists per employer", st, bar_chart(
        [b[0] for b in data.booths], [[b[2] for b in data.booths]], WIDTH),
        "Candidates each employer marked for its next interview round.")
    story += _funnel(data, st)
    story += _section("Districts", st, bar_chart(
        [d[0] or "(not given)" for d in data.districts],
        [[d[1] for d in data.districts], [d[2] for d in data.districts]], WIDTH,
        names=("Candidates", "Checked in")), "Where the candidates live.")
    return story


def _totals(totals: dict[str, int], st: dict[str, ParagraphStyle]) -> Table:
    registered = totals.get("registered", 0)
    came = registered - totals.get("no_shows", 0)
    share = f"{round(100 * came / registered)}% of the roster came" if registered else ""
    visitors = totals.get("visitors", 0)
    average = f"{totals.get('visits', 0) / visitors:.1f}" if visitors else "–"
    cells = [
        ("Registered", totals.get("registered", 0), "on the roster"),
        ("Checked in", totals.get("checked_in", 0), "walk-ins included"),
        ("Walk-ins", totals.get("walk_ins", 0), "registered on the day"),
        ("No-shows", totals.get("no_shows", 0), share),
        ("Booth visits", totals.get("visits", 0), f"{average} booths per visitor"),
        ("Visitors", visitors, "scanned at a booth"),
        ("Phase Two", totals.get("shortlisted", 0), "shortlist marks"),
        ("Employers", totals.get("employers", 0), "booths at the fair"),
    ]
    boxes = [[Paragraph(str(n), st["big"]), Paragraph(f"<b>{label}</b><br/>{_escape(note)}",
                                                       st["small"])] for label, n, note in cells]
    grid = [[_box(b) for b in boxes[:4]], [_box(b) for b in boxes[4:]]]
    table = Table(grid, colWidths=[WIDTH / 4] * 4)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _box(parts: Sequence[Flowable]) -> Table:
    box = Table([[p] for p in parts], colWidths=[WIDTH / 4 - 8])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SHADE),
                             ("TOPPADDING", (0, 0), (-1, 0), 10),
                             ("BOTTOMPADDING", (0, -1), (-1, -1), 8)]))
    return box


def _arrivals(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not data.arrivals:
        return _section("Arrivals per 15 minutes", st, Paragraph("No check-ins.", st["body"]))
    out: list[Flowable] = []
    for day, slots in data.arrivals:
        every = 1 if len(slots) <= 16 else 2 if len(slots) <= 32 else 4
        chart = column_chart([s for s, _ in slots], [n for _, n in slots], WIDTH, height=190,
                             every=every, caption="start of each 15-minute slot, venue time")
        title = "Arrivals per 15 minutes" + (f" — {day}" if len(data.arrivals) > 1 else "")
        out += _section(title, st, chart, "First check-in of each candidate on the day.")
    return out


FUNNEL_NOTE = ("Booth visitors, the Phase Two shortlist among them, the shortlisted "
               "candidates with a standing interview booked, and those the booth recorded "
               "as interviewed (share of the step before). An interview nobody recorded "
               "counts as booked only; missed: recorded as not having come to the interview.")


_FUNNEL_WIDTHS = {"Visits": 44, "Interviewed": 68, "Missed": 48}


def _funnel(data: ReportData, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A table, not a chart: 60 employers run over a page and the header repeats."""
    if not data.funnel:
        return []
    missed, clashes = (any(row[i] for row in data.funnel) for i in (6, 4))
    header = (["Employer", "Visits", "Shortlisted", "Booked", "Interviewed"]
              + (["Missed"] if missed else []) + (["To rebook"] if clashes else []))
    total = tuple(sum(column) for column in zip(*(row[1:] for row in data.funnel),
                                                strict=True))
    body = [[Paragraph(_escape(name), st["body"]), *_funnel_cells(counts, missed, clashes)]
            for name, *counts in data.funnel]
    body.append([Paragraph("<b>All employers</b>", st["body"]),
                 *_funnel_cells(list(total), missed, clashes, blank=False)])
    widths = [_FUNNEL_WIDTHS.get(h, 60) for h in header[1:]]  # "12 (100%)" fits in 60
    table = Table([header, *body], colWidths=[WIDTH - sum(widths), *widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), BOLD), ("FONTNAME", (1, 1), (-1, -1), REGULAR),
        ("FONTNAME", (1, -1), (-1, -1), BOLD), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEABOVE", (0, -1), (-1, -1), 0.5, MUTED),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [None, SHADE]),
    ]))
    return [CondPageBreak(160), Paragraph("Phase Two funnel per employer", st["h2"]),
            Paragraph(_escape(FUNNEL_NOTE), st["body"]), Spacer(1, 4), table]


def _funnel_cells(numbers: list[int], missed: bool, clashes: bool, blank: bool = True
                  ) -> list[str]:
    visits, listed, booked, clash, interviewed, no_shows = numbers
    cells = [str(visits), _share(listed, visits), _share(booked, listed),
             _share(interviewed, booked)]
    if missed:
        cells.append(str(no_shows) if no_shows or not blank else "")
    if clashes:
        cells.append(str(clash) if clash or not blank else "")
    return cells


def _share(part: int, whole: int) -> str:
    return f"{part} ({round(100 * part / whole)}%)" if whole else str(part)


def _section(title: str, st: dict[str, ParagraphStyle], content: Flowable,
             note: str = "") -> list[Flowable]:
    parts: list[Flowable] = [Paragraph(title, st["h2"])]
    if note:
        parts.append(Paragraph(_escape(note), st["body"]))
    parts += [Spacer(1, 4), content]
    return [CondPageBreak(120), KeepTogether(parts)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
