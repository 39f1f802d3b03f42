"""Badge layouts as data, in millimetres (origin: the top-left corner).

A :class:`Layout` is a page with an N-up grid of labels; a :class:`Design`
places the items (colour band, logo, event name, name, ref, type, QR) inside
one label. Printer margins are the strip of the page a printer cannot reach;
the safe zone is the inset from the label edge that keeps content clear of
cutting and feed tolerance. ``tests/unit/badges/test_layouts.py`` checks that
every item lies in the safe zone, every label on the page, and every item in
the printable area.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairdesk.domain.errors import UnknownLayout

INCH = 25.4


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inside(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (self.x >= other.x - tolerance and self.y >= other.y - tolerance
                and self.right <= other.right + tolerance
                and self.bottom <= other.bottom + tolerance)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class Design:
    """Where each item sits on one label (label coordinates, mm)."""

    band: Box  # colour band by candidate type; the event name is written on it
    logo: Box  # inside the band, at its left; empty when there is no logo
    event: Box
    name: Box  # one or two lines, as large as fits
    ref: Box
    kind: Box  # "Registered" / "Walk-in"
    qr: Box  # square, quiet zone included
    max_name_pt: float
    ref_pt: float

    def items(self) -> dict[str, Box]:
        return {"band": self.band, "logo": self.logo, "event": self.event, "name": self.name,
                "ref": self.ref, "kind": self.kind, "qr": self.qr}


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    page_w: float
    page_h: float
    label_w: float
    label_h: float
    columns: int
    rows: int
    left: float  # page edge to the first label
    top: float
    col_gap: float
    row_gap: float
    printer_margin: float
    safe: float
    design: Design

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page(self) -> Box:
        return Box(0, 0, self.page_w, self.page_h)

    @property
    def printable(self) -> Box:
        m = self.printer_margin
        return Box(m, m, self.page_w - 2 * m, self.page_h - 2 * m)

    @property
    def safe_zone(self) -> Box:
        """The safe zone of one label, in label coordinates."""
        return Box(self.safe, self.safe, self.label_w - 2 * self.safe,
                   self.label_h - 2 * self.safe)

    def labels(self) -> list[Box]:
        """The label slots of a page, row by row (page coordinates)."""
        return [
            Box(self.left + c * (self.label_w + self.col_gap),
                self.top + r * (self.label_h + self.row_gap), self.label_w, self.label_h)
            for r in range(self.rows) for c in range(self.columns)
        ]


# 4 × 3 in, landscape (badge inserts, Avery 5392).
_LANDSCAPE = Design(
    band=Box(5, 5, 91.6, 11), logo=Box(6, 6, 9, 9), event=Box(17, 6, 78.6, 9),
    name=Box(5, 18.5, 91.6, 21), ref=Box(5, 46, 58, 11), kind=Box(5, 58, 58, 6),
    qr=Box(67.6, 42.2, 29, 29), max_name_pt=40, ref_pt=22,
)
# A6, portrait.
_A6 = Design(
    band=Box(6, 6, 93, 18), logo=Box(8, 8, 14, 14), event=Box(24, 8, 73, 14),
    name=Box(6, 28, 93, 34), qr=Box(25, 64, 55, 55), ref=Box(6, 121, 93, 12),
    kind=Box(6, 134, 93, 7), max_name_pt=48, ref_pt=24,
)
# 62 mm wide Brother QL labels, portrait; the die-cut label is 100 mm long.
_BROTHER_DIE_CUT = Design(
    band=Box(3, 3, 56, 11), logo=Box(4, 4, 9, 9), event=Box(14, 4, 44, 9),
    name=Box(3, 16, 56, 22), qr=Box(10, 40, 42, 42), ref=Box(3, 83, 56, 8),
    kind=Box(3, 91.5, 56, 5), max_name_pt=30, ref_pt=16,
)
# Continuous 62 mm tape cut at 90 mm; the lead and trail feed margins are wider.
_BROTHER_TAPE = Design(
    band=Box(3, 4, 56, 10), logo=Box(4, 4.5, 9, 9), event=Box(14, 4.5, 44, 9),
    name=Box(3, 16, 56, 20), qr=Box(12, 37, 38, 38), ref=Box(3, 76, 56, 7),
    kind=Box(3, 83, 56, 3.5), max_name_pt=28, ref_pt=15,
)

_LETTER_W, _LETTER_H = 8.5 * INCH, 11 * INCH

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        Layout("insert-4x3", "4 × 3 in badge insert, one per page", 4 * INCH, 3 * INCH,
               4 * INCH, 3 * INCH, 1, 1, 0, 0, 0, 0, printer_margin=4, safe=5,
               design=_LANDSCAPE),
        # Avery 5392: 2 × 3 micro-perforated 4 × 3 in inserts on US Letter; side
        # margins 0.25 in, top and bottom 1 in, no gaps between badges.
        Layout("avery-5392", "Avery 5392: six 4 × 3 in badges on US Letter",
               _LETTER_W, _LETTER_H, 4 * INCH, 3 * INCH, 2, 3, 0.25 * INCH, 1 * INCH, 0, 0,
               printer_margin=0.25 * INCH, safe=5, design=_LANDSCAPE),
        Layout("a6", "A6 card, portrait", 105, 148, 105, 148, 1, 1, 0, 0, 0, 0,
               printer_margin=5, safe=6, design=_A6),
        Layout("brother-62x100", "Brother QL 62 × 100 mm die-cut label", 62, 100, 62, 100,
               1, 1, 0, 0, 0, 0, printer_margin=1.5, safe=3, design=_BROTHER_DIE_CUT),
        Layout("brother-62", "Brother QL 62 mm continuous tape, 90 mm per badge", 62, 90,
               62, 90, 1, 1, 0, 0, 0, 0, printer_margin=1.5, safe=3, design=_BROTHER_TAPE),
    )
}
DEFAULT_LAYOUT = "insert-4x3"


def get_layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise UnknownLayout(
            f"No badge layout {name!r}; choose one of {', '.join(LAYOUTS)}.", layout=name
        ) from None
