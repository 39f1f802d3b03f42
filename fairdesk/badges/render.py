"""Badges to PDF with reportlab: the layout and the branding are data.

Fonts are the shipped TTFs, embedded (subset) so accents print on any
printer. The name is set as large as fits its box, on one line or two, and is
never cut: it only gets smaller.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fairdesk.badges import qr
from fairdesk.badges.branding import Branding
from fairdesk.badges.layouts import Box, Layout
from fairdesk.resources import register_pdf_fonts

BOLD, CONDENSED, REGULAR = "FairSans-Bold", "FairSansCondensed-Bold", "FairSans"
LINE = 1.17  # line height of DejaVu, in font sizes (ascent 0.93 + descent 0.24)
ASCENT = 0.93
CONDENSED_GAIN = 1.12  # use the condensed face only when it sets the name this much larger


@dataclass(frozen=True)
class BadgeData:
    """What one badge shows."""

    event_name: str
    name: str
    ref: str
    walk_in: bool
    payload: str  # the QR text (a signed token)


@dataclass(frozen=True)
class NameFit:
    font: str
    size: float
    lines: tuple[str, ...]


def _splits(name: str) -> Iterable[tuple[str, str]]:
    """Ways to break a name over two lines: at spaces, or after hyphens."""
    for i, char in enumerate(name):
        if char == " ":
            yield name[:i], name[i + 1:]
        elif char == "-" and 0 < i < len(name) - 1:
            yield name[:i + 1], name[i + 1:]


def _fit_in(name: str, font: str, width: float, height: float, max_pt: float) -> NameFit:
    one = stringWidth(name, font, 1) or 1
    best = NameFit(font, min(max_pt, width / one, height / LINE), (name,))
    for first, second in _splits(name):
        widest = max(stringWidth(first, font, 1), stringWidth(second, font, 1)) or 1
        size = min(max_pt, width / widest, height / (2 * LINE))
        if size > best.size * 1.05:  # two lines only when clearly larger
            best = NameFit(font, size, (first, second))
    return best


def fit_name(name: str, width: float, height: float, max_pt: float) -> NameFit:
    """The largest setting of ``name`` in a ``width`` × ``height`` pt box."""
    name = " ".join(name.split()) or "?"
    bold = _fit_in(name, BOLD, width, height, max_pt)
    if bold.size >= max_pt:
        return bold
    condensed = _fit_in(name, CONDENSED, width, height, max_pt)
    return condensed if condensed.size > bold.size * CONDENSED_GAIN else bold


def fit_line(text: str, font: str, width: float, height: float, max_pt: float) -> float:
    return min(max_pt, width / (stringWidth(text, font, 1) or 1), height / LINE)


@lru_cache(maxsize=8)
def _logo(path: str) -> ImageReader | None:
    try:
        return ImageReader(path)
    except (OSError, ValueError):
        return None


class BadgeCanvas:
    """Draws badges of one layout onto a canvas; one instance per document."""

    def __init__(self, canvas: Canvas, layout: Layout, branding: Branding) -> None:
        register_pdf_fonts()
        self.canvas = canvas
        self.layout = layout
        self.branding = branding
        self.page_h = layout.page_h * mm
        self.logo = _logo(branding.logo) if branding.logo else None

    def _rect(self, box: Box, origin: Box) -> tuple[float, float, float, float]:
        """``box`` (label mm) → x, bottom, width, height in page points."""
        return ((origin.x + box.x) * mm, self.page_h - (origin.y + box.bottom) * mm,
                box.w * mm, box.h * mm)

    def draw(self, badge: BadgeData, slot: Box) -> None:
        design = self.layout.design
        self._band(badge, slot)
        self._name(badge.name, slot)
        self._centred_line(badge.ref, BOLD, design.ref, slot, max_pt=design.ref_pt,
                           colour="#000000")
        self._centred_line(self.branding.label_for(badge.walk_in), REGULAR, design.kind,
                           slot, max_pt=99, colour="#444444")
        self.draw_qr(badge.payload, slot)

    def draw_qr(self, payload: str, slot: Box) -> None:
        x, bottom, size, _ = self._rect(self.layout.design.qr, slot)
        qr.draw(self.canvas, qr.matrix(payload), x, bottom + size, size)

    def _band(self, badge: BadgeData, slot: Box) -> None:
        design, c = self.layout.design, self.canvas
        c.setFillColor(HexColor(self.branding.colour_for(badge.walk_in)))
        c.rect(*self._rect(design.band, slot), stroke=0, fill=1)
        event = design.event
        if self.logo is not None:
            c.drawImage(self.logo, *self._rect(design.logo, slot),
                        preserveAspectRatio=True, mask="auto")
        else:  # no logo: the event name takes the logo's place too
            event = Box(design.logo.x, event.y, event.right - design.logo.x, event.h)
        self._centred_line(badge.event_name, BOLD, event, slot, max_pt=99,
                           colour=self.branding.band_text_colour)

    def _name(self, name: str, slot: Box) -> None:
        design = self.layout.design
        x, bottom, width, height = self._rect(design.name, slot)
        fit = fit_name(name, width, height, design.max_name_pt)
        c = self.canvas
        c.setFillColorRGB(0, 0, 0)
        c.setFont(fit.font, fit.size)
        block = len(fit.lines) * LINE * fit.size
        baseline = bottom + (height + block) / 2 - ASCENT * fit.size
        for line in fit.lines:
            c.drawCentredString(x + width / 2, baseline, line)
            baseline -= LINE * fit.size

    def _centred_line(self, text: str, font: str, box: Box, slot: Box, *, max_pt: float,
                      colour: str) -> None:
        x, bottom, width, height = self._rect(box, slot)
        size = fit_line(text, font, width, height, max_pt)
        c = self.canvas
        c.setFillColor(HexColor(colour))
        c.setFont(font, size)
        baseline = bottom + (height + LINE * size) / 2 - ASCENT * size
        c.drawCentredString(x + width / 2, baseline, text)


def new_canvas(buffer: io.BytesIO, layout: Layout, title: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=(layout.page_w * mm, layout.page_h * mm),
                    pageCompression=1, invariant=False)
    canvas.setTitle(title)
    canvas.setCreator("FairDesk")
    return canvas


def render_pdf(badges: Sequence[BadgeData], layout: Layout, branding: Branding,
               title: str = "Badges", painter_class: type[BadgeCanvas] = BadgeCanvas) -> bytes:
    """One PDF with ``badges`` laid out ``layout.per_page`` to a page."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, layout, title)
    painter = painter_class(canvas, layout, branding)
    slots = layout.labels()
    for index, badge in enumerate(badges):
        slot = index % len(slots)
        if index and slot == 0:
            canvas.showPage()
        painter.draw(badge, slots[slot])
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
