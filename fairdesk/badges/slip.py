"""Interview slips on the badge printers' layouts: one label per interview.

A slip is laid out inside the label's safe zone from the top down: a band
with "Phase Two interview", the day and time large, the employer, the place,
the candidate, and what to bring; each line as large as fits its share of
the label, so a 62 mm tape and a 4 × 3 in insert both read well.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from fairdesk.badges.layouts import Box, Layout
from fairdesk.badges.render import ASCENT, BOLD, LINE, REGULAR, fit_line, new_canvas
from fairdesk.resources import register_pdf_fonts

# (share of the safe zone's height, font, largest size) per line, top to bottom
_LINES = ((0.15, BOLD, 14), (0.22, BOLD, 26), (0.17, BOLD, 18), (0.13, REGULAR, 13),
          (0.13, REGULAR, 13), (0.20, REGULAR, 11))


@dataclass(frozen=True)
class SlipData:
    when: str  # "Fri 21 Aug · 10:00–10:20"
    employer: str
    place: str  # "Room 1 · booth 4 · Hall A"
    candidate: str  # "Kerlisha Joseph · C-0147"
    bring: str
    colour: str = "#0f6e6e"


def render_slips(slips: Sequence[SlipData], layout: Layout, title: str = "Interview slips"
                 ) -> bytes:
    register_pdf_fonts()
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout, title)
    labels = layout.labels()
    for index, slip in enumerate(slips):
        slot = index % len(labels)
        if index and slot == 0:
            canvas.showPage()
        _draw(canvas, layout, slip, labels[slot])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, layout: Layout, slip: SlipData, label: Box) -> None:
    safe = layout.safe_zone
    page_h = layout.page_h * mm
    texts = ("Phase Two interview", slip.when, slip.employer, slip.place, slip.candidate,
             f"Bring: {slip.bring}")
    y = label.y + safe.y
    for index, ((share, font, max_pt), text) in enumerate(zip(_LINES, texts, strict=True)):
        height = safe.h * share
        x, bottom = (label.x + safe.x) * mm, page_h - (y + height) * mm
        width, tall = safe.w * mm, height * mm
        if index == 0:
            canvas.setFillColor(HexColor(slip.colour))
            canvas.rect(x, bottom, width, tall, stroke=0, fill=1)
            canvas.setFillColor(HexColor("#ffffff"))
        else:
            canvas.setFillColor(HexColor("#000000"))
        size = fit_line(text, font, width * 0.96, tall, max_pt)
        canvas.setFont(font, size)
        baseline = bottom + (tall + LINE * size) / 2 - ASCENT * size
        canvas.drawCentredString(x + width / 2, baseline, text)
        y += height
