"""An invitation QR shown on a bright phone screen, as the kiosk's camera sees it (issue 17).

A phone's screen gives off light: at the exposure a camera picks for it, the
white glows into the black modules (they come out grey), a reflection lies
across the glass, the bezel and the hand around it are near black, and the
phone is held a little turned. The camera decoder (zxing-cpp) must read it,
and the kiosk must take the decoded text like a scanner's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFilter

from fairdesk.bench.booth_bench import to_qimage
from fairdesk.services import badges
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession
from fairdesk.ui.common.camera import decode_image
from fairdesk.ui.common.presenters.badge_output import FolderSync
from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter

FRAME = (1280, 720)


def qr_on_screen(payload: str, module_grey: int) -> Image.Image:
    """The QR as a phone displays it: grey-ish modules on a glowing white screen."""
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         box_size=8)
    code.add_data(payload)
    code.make(fit=True)
    dark = (module_grey, module_grey, module_grey + 8)
    return code.make_image(fill_color=dark, back_color=(255, 255, 252)).convert("RGB")


def phone_frame(payload: str, *, qr_px: int = 330, angle: float = 0.0, module_grey: int = 70,
                glare: int = 120, bloom: float = 1.6) -> Image.Image:
    """A 1280×720 frame: a dark room, a phone (bezel, glowing screen, a reflection)."""
    frame = Image.new("RGB", FRAME, (22, 20, 24))
    screen_w, screen_h = qr_px + 60, round((qr_px + 60) * 2.05)
    phone = Image.new("RGB", (screen_w + 28, screen_h + 40), (8, 8, 10))
    screen = Image.new("RGB", (screen_w, screen_h), (250, 252, 255))
    qr = qr_on_screen(payload, module_grey).resize((qr_px, qr_px), Image.Resampling.BILINEAR)
    screen.paste(qr, (30, (screen_h - qr_px) // 2))
    shine = Image.new("L", screen.size, 0)
    ImageDraw.Draw(shine).polygon(
        [(0, screen_h * 0.40), (screen_w, screen_h * 0.26), (screen_w, screen_h * 0.36),
         (0, screen_h * 0.52)], fill=glare)  # a reflection across the code
    screen = Image.composite(Image.new("RGB", screen.size, (255, 255, 255)), screen,
                             shine.filter(ImageFilter.GaussianBlur(25)))
    phone.paste(screen, (14, 20))
    if angle:
        phone = phone.rotate(angle, expand=True, fillcolor=(22, 20, 24),
                             resample=Image.Resampling.BICUBIC)
    top = max(0, (FRAME[1] - phone.height) // 2)
    frame.paste(phone.crop((0, max(0, (phone.height - FRAME[1]) // 2), phone.width,
                            max(0, (phone.height - FRAME[1]) // 2) + FRAME[1] - top)),
                ((FRAME[0] - phone.width) // 2, top))
    glow = frame.filter(ImageFilter.GaussianBlur(bloom * 4))  # the screen's light blooms
    return Image.blend(frame, glow, 0.35).filter(ImageFilter.GaussianBlur(bloom * 0.6))


@pytest.fixture
def payload(session: EventSession, make_people: Callable[..., list[str]]) -> str:
    make_people(3)
    return badges.payload_for(session, find_candidate(session, "C-0002"))


@pytest.mark.parametrize(("qr_px", "angle", "module_grey", "glare"), [
    (330, 0, 70, 120),  # held square, a broad reflection
    (300, 9, 95, 150),  # turned, washed-out modules, a strong reflection
    (260, -14, 80, 110),  # further away, turned the other way
])
def test_a_qr_on_a_bright_phone_screen_decodes(qapp: Any, payload: str, qr_px: int,
                                               angle: float, module_grey: int,
                                               glare: int) -> None:
    frame = phone_frame(payload, qr_px=qr_px, angle=angle, module_grey=module_grey,
                        glare=glare)
    assert decode_image(to_qimage(frame)) == [payload]


def test_the_kiosk_welcomes_the_phone_holder(qapp: Any, session: EventSession, payload: str,
                                             tmp_path: Path) -> None:
    session.role = "kiosk"
    kiosk = KioskPresenter(session, FolderSync(tmp_path / "badges"))
    [decoded] = decode_image(to_qimage(phone_frame(payload, angle=6)))
    assert kiosk.scan(decoded, "camera")
    assert kiosk.view.name == "Désirée O'Neil"
