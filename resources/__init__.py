"""Files shipped with FairDesk: fonts (real TTF files shared by Qt and reportlab), icons.

The folder is the top-level ``resources/`` of the source tree, installed as the
package ``fairdesk.resources``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

FONTS = {
    "FairSans": "DejaVuSans.ttf",
    "FairSans-Bold": "DejaVuSans-Bold.ttf",
    "FairSansCondensed-Bold": "DejaVuSansCondensed-Bold.ttf",
    "FairMono": "DejaVuSansMono.ttf",
}


def font_path(name: str) -> Path:
    """Path of a shipped font by its FairDesk name (``FairSans``, ``FairSans-Bold`` ...)."""
    return HERE / "fonts" / FONTS[name]


def icon_path(name: str) -> Path:
    return HERE / "icons" / name


_registered = False


def register_pdf_fonts() -> None:
    """Register the shipped TTFs with reportlab (embedded, so accents print)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FONTS:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    addMapping("FairSans", 0, 0, "FairSans")
    addMapping("FairSans", 1, 0, "FairSans-Bold")
    _registered = True
