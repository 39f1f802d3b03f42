"""The day-before checklist: one or two pages to tick while setting up (reportlab).

What it lists comes as :class:`ChecklistData` (``services.checklist`` reads
the event); this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.book_style import ACCENT, BOLD, INK, MUTED, REGULAR, SHADE
from fairdesk.resources import register_pdf_fonts

BOX = "☐"
WIDTH = A4[0] - 80


@dataclass(frozen=True)
class Section:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class ChecklistData:
    event: str
    subtitle: str  # venue and dates
    generated: str
    sections: tuple[Section, ...]


def _styles() -> dict[str, ParagraphStyle]:
    register_pdf_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=22),
        "sub": ParagraphStyle("sub", parent=base, textColor=MUTED),
        "h": ParagraphStyle("h", parent=base, fontName=BOLD, fontSize=12, leading=16,
                            textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=9, leading=11.5),
    }


def write_checklist(path: Path, data: ChecklistData) -> int:
    """Write the checklist PDF (temporary name, then renamed); returns the page count."""
    st = _styles()
    story: list[Flowable] = [Paragraph(_esc(data.event), st["title"]),
                             Paragraph(_esc(data.subtitle), st["sub"]),
                             Paragraph(f"Day-before checklist · made {_esc(data.generated)}",
                                       st["sub"])]
    for section in data.sections:
        story.extend(_section(section, st))
    pages = [0]
    with atomic_path(path) as temporary:
        doc = SimpleDocTemplate(str(temporary), pagesize=A4, leftMargin=40, rightMargin=40,
                                topMargin=40, bottomMargin=40, title=f"{data.event}: checklist")
        doc.build(story, onFirstPage=lambda c, d: _count(pages),
                  onLaterPages=lambda c, d: _count(pages))
    return pages[0]


def _count(pages: list[int]) -> None:
    pages[0] += 1


def _section(section: Section, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(_esc(section.title), st["h"])]
    if section.note:
        out.append(Paragraph(_esc(section.note), st["body"]))
        out.append(Spacer(1, 4))
    if section.rows:
        out.append(_table(section.header, section.rows, st))
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[str]],
           st: dict[str, ParagraphStyle]) -> Table:
    body = [[Paragraph(_esc(h), st["head"]) for h in ("", *header)]]
    body += [[Paragraph(BOX, st["cell"]), *(Paragraph(_esc(c), st["cell"]) for c in row)]
             for row in rows]
    rest = (WIDTH - 18) / max(1, len(header))
    table = Table(body, colWidths=[18, *([rest] * len(header))], repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, MUTED),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
