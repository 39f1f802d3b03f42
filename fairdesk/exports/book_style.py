"""Shared look of the résumé book pages: size, colours, fonts and small drawing helpers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

Rect = tuple[float, float, float, float]
WIDTH, HEIGHT = LETTER
MARGIN = 40
INK = HexColor("#1d2b36")
MUTED = HexColor("#5c6b77")
ACCENT = HexColor("#0f6e6e")
SHADE = HexColor("#eef3f4")
GOLD = HexColor("#b7791f")
WARN = HexColor("#9b2c2c")
REGULAR, BOLD = "FairSans", "FairSans-Bold"


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def stars(rating: int | None) -> str:
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


def band(canvas: Canvas, height: float, colour: Color = ACCENT) -> None:
    canvas.setFillColor(colour)
    canvas.rect(0, HEIGHT - height, WIDTH, height, stroke=0, fill=1)


class PageText:
    """All the text of one page, written as a single PDF text object.

    A ``drawString`` costs a text object of its own plus a colour and a font
    change; a summary page has ~35 strings and a book one page per visitor, so
    this halves the time to draw a book. Shapes go straight to the canvas and
    :meth:`close` (or leaving the ``with`` block) puts the text over them.
    """

    def __init__(self, canvas: Canvas) -> None:
        self._canvas = canvas
        self._text = canvas.beginText()
        self._font: tuple[str, float] = ("", 0.0)
        self._colour: Color | None = None

    def put(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10,
            colour: Color = INK) -> None:
        """``text`` with its left end at ``x`` on the baseline ``y``."""
        if not text:
            return
        self._style(font, size, colour)
        self._text.setTextOrigin(x, y)
        self._text.textLine(text)  # no width to measure (textOut would); the origin is set

    def _style(self, font: str, size: float, colour: Color) -> None:
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)
        if colour is not self._colour:
            self._text.setFillColor(colour)
            self._colour = colour

    def column(self, x: float, y: float, leading: float, font: str, size: float,
               lines: Sequence[tuple[str, Color]]) -> None:
        """Lines one under the other from ``(x, y)``, ``leading`` apart; empty ones too."""
        self._style(font, size, lines[0][1] if lines else INK)
        self._text.setTextOrigin(x, y)
        self._text.setLeading(leading)
        for line, colour in lines:
            if colour is not self._colour:
                self._text.setFillColor(colour)
                self._colour = colour
            self._text.textLine(line)

    def right(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10,
              colour: Color = INK) -> None:
        """``text`` ending at ``x``."""
        self.put(x - stringWidth(text, font, size), y, text, font, size, colour)

    def centre(self, x: float, y: float, text: str, font: str = REGULAR, size: float = 10,
               colour: Color = INK) -> None:
        self.put(x - stringWidth(text, font, size) / 2, y, text, font, size, colour)

    def close(self) -> None:
        self._canvas.drawText(self._text)

    def __enter__(self) -> PageText:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def footer(text: PageText, page_number: int, left: str = "") -> None:
    text.right(WIDTH - MARGIN, 30, f"page {page_number}", REGULAR, 8, MUTED)
    if left:
        text.put(MARGIN, 30, fit(left, REGULAR, 8, WIDTH - 2 * MARGIN - 60), REGULAR, 8, MUTED)


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Write page streams flate-compressed without the ASCII85 layer (smaller, faster)."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
