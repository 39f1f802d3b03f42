"""QR matrices for badge tokens, drawn as one vector path.

Speed matters (the desk prints hundreds of badges in the first hour), so:

* the version is chosen from the QR capacity table instead of encoding the
  data once more to measure it;
* the mask is fixed. ISO 18004 lets an encoder use any of the eight masks;
  scoring all eight costs ~7 ms a code in the pure-Python ``qrcode`` library,
  three times the rest of the encoding. Our payload is base32 of mostly
  signature bytes, which look random under every mask, so the score buys
  little; the tests decode every layout from a 150 dpi rendering with zxing.
* the dark modules are merged into horizontal runs and written as one PDF
  path filled once: crisp at any printer resolution, no seams between runs,
  and a few kilobytes a badge.
"""

from __future__ import annotations

from qrcode import QRCode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET = 4  # modules of quiet zone on each side (ISO 18004)
MAX_VERSION = 7
MASK = 4
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
# characters held at error correction M, alphanumeric mode, versions 1..10
_ALNUM_M = (20, 38, 61, 90, 122, 154, 178, 221, 262, 311)

Matrix = list[list[bool]]


def version_for(text: str) -> int | None:
    """The smallest version for an alphanumeric ``text`` at M, or None (let qrcode fit)."""
    if not set(text) <= _ALNUM:
        return None
    for version, capacity in enumerate(_ALNUM_M, start=1):
        if len(text) <= capacity:
            return version
    return None


def matrix(text: str) -> Matrix:
    """The modules of ``text`` at error correction M, without the quiet zone."""
    version = version_for(text)
    code = QRCode(version=version, error_correction=ERROR_CORRECT_M, border=0,
                  mask_pattern=MASK)
    code.add_data(text, optimize=0)
    code.make(fit=version is None)
    return [list(row) for row in code.modules]


def qr_version(text: str) -> int:
    """The version :func:`matrix` uses for ``text`` (for tests and checks)."""
    return (len(matrix(text)) - 17) // 4


def path_ops(modules: Matrix) -> str:
    """PDF path operators, one ``re`` per horizontal run, in module units."""
    ops: list[str] = []
    for y, row in enumerate(modules):
        x, width = 0, len(row)
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            ops.append(f"{start} {y} {x - start} 1 re")
    return "\n".join(ops)


def draw(canvas: Canvas, modules: Matrix, x: float, top: float, size: float) -> None:
    """Draw the code with its quiet zone in a ``size`` square whose top-left is (x, top).

    Coordinates in PDF points, ``top`` measured from the page bottom.
    """
    count = len(modules) + 2 * QUIET
    unit = size / count
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, top - size, size, size, stroke=0, fill=1)
    canvas.restoreState()
    origin_x = x + QUIET * unit
    origin_y = top - QUIET * unit
    canvas.addLiteral(
        f"q 0 g {unit:.5f} 0 0 {-unit:.5f} {origin_x:.4f} {origin_y:.4f} cm\n"
        f"{path_ops(modules)}\nf Q"
    )
