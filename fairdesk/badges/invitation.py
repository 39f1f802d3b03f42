"""An invitation letter (US Letter): the candidate's QR and what to bring.

The QR holds the same signed token as the badge, so the desk's scanner
checks the candidate in straight from the printed or on-screen invitation.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from fairdesk.badges import qr
from fairdesk.badges.branding import Branding
from fairdesk.badges.render import BOLD, REGULAR, fit_line, fit_name
from fairdesk.resources import register_pdf_fonts

PAGE_W, PAGE_H = 8.5 * inch, 11 * inch
MARGIN = 0.9 * inch
QR_SIZE = 60 * mm


@dataclass(frozen=True)
class InvitationData:
    event_name: str
    venue: str
    days: tuple[str, ...]  # already formatted for people
    name: str
    ref: str
    payload: str


def render_invitation(data: InvitationData, branding: Branding) -> bytes:
    register_pdf_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    c.setTitle(f"{data.event_name}: invitation for {data.name}")
    c.setCreator("FairDesk")
    _header(c, data, branding)
    y = PAGE_H - 2.3 * inch
    fit = fit_name(data.name, PAGE_W - 2 * MARGIN, 0.9 * inch, 30)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(fit.font, fit.size)
    for line in fit.lines:
        c.drawString(MARGIN, y, line)
        y -= fit.size * 1.17
    c.setFont(REGULAR, 12)
    c.drawString(MARGIN, y - 6, f"Your code: {data.ref}. Show this page (printed or on your "
                                "phone) at the desk.")
    top = y - 24
    qr.draw(c, qr.matrix(data.payload), (PAGE_W - QR_SIZE) / 2, top, QR_SIZE)
    _bring(c, branding.bring, top - QR_SIZE - 28)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _header(c: Canvas, data: InvitationData, branding: Branding) -> None:
    c.setFillColor(HexColor(branding.roster_colour))
    c.rect(0, PAGE_H - 1.5 * inch, PAGE_W, 1.5 * inch, stroke=0, fill=1)
    c.setFillColor(HexColor(branding.band_text_colour))
    c.setFont(BOLD, fit_line(data.event_name, BOLD, PAGE_W - 2 * MARGIN, 0.55 * inch, 28))
    c.drawString(MARGIN, PAGE_H - 0.85 * inch, data.event_name)
    where = " · ".join(p for p in (data.venue, ", ".join(data.days)) if p)
    c.setFont(REGULAR, fit_line(where, REGULAR, PAGE_W - 2 * MARGIN, 0.3 * inch, 12))
    c.drawString(MARGIN, PAGE_H - 1.2 * inch, where)


def _bring(c: Canvas, items: Sequence[str], y: float) -> None:
    c.setFillColorRGB(0, 0, 0)
    c.setFont(BOLD, 14)
    c.drawString(MARGIN, y, "What to bring")
    c.setFont(REGULAR, 12)
    for item in items:
        y -= 18
        c.drawString(MARGIN + 12, y, f"•  {item}")
