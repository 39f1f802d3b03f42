"""Shared look of the résumé book pages: size, colours, fonts and small drawing helpers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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


def footer(canvas: Canvas, page_number: int, left: str = "") -> None:
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(WIDTH - MARGIN, 30, f"page {page_number}")
    if left:
        canvas.drawString(MARGIN, 30, fit(left, REGULAR, 8, WIDTH - 2 * MARGIN - 60))


@contextlib.contextmanager
def binary_streams() -> Iterator[None]:
    """Write page streams flate-compressed without the ASCII85 layer (smaller, faster)."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
