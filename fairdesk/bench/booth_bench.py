"""Booth figures: ``scan`` (scanner input → visit committed → card ready, p95) and
``camera_decode`` (frames per second through the camera decoder).

Baselines, measured in the same run:

* ``scan``: one bare ``INSERT`` + ``COMMIT`` with sqlite3 in WAL mode and
  ``synchronous=FULL`` (the floor any durable write pays) on the same disk.
* ``camera_decode``: ``zxingcpp.read_barcodes`` on the same 1280×720 colour
  frame with its default options (every format, full size), as a naive
  integration would call it. Our pipeline converts to grayscale, limits the
  frame to 1280 px and asks for QR codes only; the figure is frames/s decoded
  (badge found) through that pipeline.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fairdesk.bench import BareCommit, Figure, blocks, interleaved, p95

FRAME_SIZE = (1280, 720)


# ---------------------------------------------------------------- badge frames
def badge_image(payload: str, name: str, ref: str, dpi: int = 300) -> object:
    """A PIL image of a printed badge: the real PDF layout when pypdfium2 is there."""
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - the bench without test extras
        pypdfium2 = None
    if pypdfium2 is not None:
        from fairdesk.badges.branding import Branding
        from fairdesk.badges.layouts import DEFAULT_LAYOUT, get_layout
        from fairdesk.badges.render import BadgeData, render_pdf

        pdf = render_pdf([BadgeData("Career Fair 2026", name, ref, False, payload)],
                         get_layout(DEFAULT_LAYOUT), Branding())
        page = pypdfium2.PdfDocument(pdf)[0]
        return page.render(scale=dpi / 72).to_pil().convert("RGB")
    return _plain_badge(payload)  # pragma: no cover - the bench without test extras


def _plain_badge(payload: str) -> object:  # pragma: no cover
    """A white card with the QR at its printed size (when the PDF cannot be rasterised)."""
    import qrcode
    from PIL import Image

    code = qrcode.make(payload, error_correction=qrcode.constants.ERROR_CORRECT_M,
                       box_size=8, border=4).convert("RGB")
    card = Image.new("RGB", (1200, 900), "white")
    card.paste(code, (1200 - code.width - 20, 900 - code.height - 20))
    return card


def camera_frame(badge: object, width_px: int = 560, angle: float = 0.0, blur: float = 0.0,
                 at: tuple[int, int] = (360, 120)) -> object:
    """A 1280×720 "camera" frame: grey desk, the badge ``width_px`` wide, turned, blurred."""
    from PIL import Image, ImageFilter

    frame = Image.new("RGB", FRAME_SIZE, (112, 118, 124))
    card = badge.resize((width_px, round(badge.height * width_px / badge.width)),  # type: ignore[attr-defined]
                        Image.Resampling.LANCZOS)
    if angle:
        card = card.rotate(angle, expand=True, fillcolor=(112, 118, 124),
                           resample=Image.Resampling.BICUBIC)
    frame.paste(card, at)
    if blur:
        frame = frame.filter(ImageFilter.GaussianBlur(blur))
    return frame


def to_qimage(image: object) -> object:
    from PySide6.QtGui import QImage

    buffer = io.BytesIO()
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    return QImage.fromData(buffer.getvalue())


# ---------------------------------------------------------------- scan


def _scan_ms(folder: Path, rounds: int, beside: Callable[[], object]) -> list[float]:
    """Key bursts through the wedge detector into the presenter, until the card is set.

    ``beside`` (the baseline) runs before each burst, so both see the same seconds.
    """
    from fairdesk.badges import token
    from fairdesk.services.candidates import add_candidate
    from fairdesk.services.employers import add_employer
    from fairdesk.services.events import create_event
    from fairdesk.ui.booth.presenters.booth import BoothPresenter
    from fairdesk.ui.common.presenters.scanner import ScanDetector

    session = create_event(folder / "bench.fairdesk", "Bench Fair")
    event = session.event
    assert event.signing_key is not None
    session.employer_id = add_employer(session, "Acme", booth="B1").id
    session.role = "booth"
    codes = [token.sign(event.signing_key, event.id,
                        add_candidate(session, first_name="Ann", last_name=f"Lee {i}").id, "Ann")
             for i in range(rounds)]
    presenter = BoothPresenter(session)
    presenter.load()
    out = []
    for code in codes:
        beside()
        detector = ScanDetector()
        start = time.perf_counter()
        for index, char in enumerate(code):
            detector.key(char, index * 5.0)
        verdict = detector.key("\r", len(code) * 5.0)
        presenter.scan(verdict.scans[0])
        assert presenter.card is not None
        out.append((time.perf_counter() - start) * 1000)
    presenter.close()
    session.close()
    return out


def scan(quick: bool) -> Figure:
    rounds = 100 if quick else 200
    with tempfile.TemporaryDirectory() as folder:
        bare = BareCommit(Path(folder))
        ours = _scan_ms(Path(folder), rounds, bare)
        bare.close()
    return Figure.of("scan", "ms p95", "ratio <= 15", blocks(ours, bare.times, p95),
                     "scanner burst → verify → visit committed (synchronous=FULL) → card, "
                     "each beside a bare INSERT+COMMIT, WAL, synchronous=FULL", digits=2)


# ---------------------------------------------------------------- camera decode
def _frames() -> list[object]:
    from fairdesk.badges import token
    from fairdesk.badges.keys import new_key_pair

    private, _ = new_key_pair()
    payload = token.sign(private, "bench-event", str(uuid.uuid4()), "Kerlisha Joseph")
    badge = badge_image(payload, "Kerlisha Joseph", "C-0147")
    return [to_qimage(camera_frame(badge, width_px=w, angle=a, at=(300 + w // 10, 100)))
            for w, a in ((560, 0), (600, 8), (520, -5), (640, 3))]


def _rate(frames: list[object], decode: object, seconds: float) -> float:
    done = found = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        texts = decode(frames[done % len(frames)])  # type: ignore[operator]
        found += bool(texts)
        done += 1
    elapsed = time.perf_counter() - start
    if found < done:
        raise AssertionError(f"decoded {found} of {done} frames")
    return done / elapsed


def camera_decode(quick: bool) -> Figure:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import zxingcpp

    from fairdesk.ui.common.camera import decode_image

    frames = _frames()
    seconds = 0.3 if quick else 1.0
    measured = interleaved(
        lambda: _rate(frames, decode_image, seconds),
        lambda: _rate(frames, lambda f: [b.text for b in zxingcpp.read_barcodes(f)], seconds))
    return Figure.of("camera_decode", "frames/s", "ratio >= 1", measured,
                     "1280×720 frames with a badge in view, one core; ours: grayscale, "
                     "≤1280 px, QR only; baseline: zxingcpp.read_barcodes(frame) with "
                     "default options", digits=1)


FIGURES = {"scan": scan, "camera_decode": camera_decode}
