"""Rendered badges: every code scans from a 150 dpi rendering, fonts are embedded,
names fit their box, the band colour follows the candidate type."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from fairdesk.badges import keys, token
from fairdesk.badges.branding import Branding
from fairdesk.badges.layouts import LAYOUTS, get_layout
from fairdesk.badges.render import LINE, BadgeData, fit_name, render_pdf
from fairdesk.domain.ids import new_id

NAMES = [
    "Marie-Thérèse Élisabeth Jn Baptiste-St. Hilaire",
    "Ñandú Wolfeschlegelsteinhausenbergerdorff",
    "Zoë",
    "Désirée O'Neil-St. Rose",
    "Kerlisha Joseph",
    "Jean-François Émmanuel Deterville-Charlemagne",
    "Åsa Øberg-Çelik",
]
BRANDING = Branding(roster_colour="#1F4E8C", walk_in_colour="#C8501E")


@pytest.fixture(scope="module")
def badges() -> list[BadgeData]:
    private, _ = keys.new_key_pair()
    event_id = new_id()
    return [
        BadgeData("Saint Lucia Career Fair 2026 — Gros Islet", name,
                  f"W2-{i:04d}" if i % 2 else f"C-{i:04d}", i % 2 == 1,
                  token.sign(private, event_id, new_id(), name))
        for i, name in enumerate(NAMES)
    ]


def _pages(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    return [page.render(scale=dpi / 72).to_pil() for page in document]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_code_scans_at_150_dpi(badges: list[BadgeData], layout: str) -> None:
    pdf = render_pdf(badges, get_layout(layout), BRANDING)
    texts = []
    for image in _pages(pdf):
        texts += [r.text for r in zxingcpp.read_barcodes(image)
                  if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert sorted(texts) == sorted(b.payload for b in badges)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_page_count_follows_grid(badges: list[BadgeData], layout: str) -> None:
    chosen = get_layout(layout)
    pdf = render_pdf(badges, chosen, BRANDING)
    expected = -(-len(badges) // chosen.per_page)
    assert len(pdfium.PdfDocument(pdf)) == expected


def test_fonts_are_embedded(badges: list[BadgeData]) -> None:
    pdf = render_pdf(badges, get_layout("a6"), BRANDING)
    embedded = set()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                assert "/FontFile2" in obj, f"{obj.get('/FontName')} is not embedded"
                embedded.add(str(obj["/FontName"]).split("+")[-1])
    assert any("DejaVuSans-Bold" in name for name in embedded)


def test_accents_are_in_the_text_layer(badges: list[BadgeData]) -> None:
    pdf = render_pdf(badges, get_layout("brother-62x100"), BRANDING)
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf))
    assert "Thérèse" in text
    assert "Åsa Øberg" in text and "Çelik" in text


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", NAMES)
def test_name_fits_its_box_and_is_never_cut(layout: str, name: str) -> None:
    box = get_layout(layout).design.name
    fit = fit_name(name, box.w * mm, box.h * mm, 40)
    assert " ".join(fit.lines).replace("- ", "-") == " ".join(name.split())
    assert len(fit.lines) <= 2
    assert len(fit.lines) * LINE * fit.size <= box.h * mm + 1e-6
    for line in fit.lines:
        assert stringWidth(line, fit.font, fit.size) <= box.w * mm + 1e-6


def test_long_name_wraps_to_two_lines() -> None:
    box = get_layout("insert-4x3").design.name
    fit = fit_name("Marie-Thérèse Jn Baptiste-Émmanuelle", box.w * mm, box.h * mm, 40)
    assert len(fit.lines) == 2
    short = fit_name("Zoë", box.w * mm, box.h * mm, 40)
    assert short.lines == ("Zoë",) and short.size == 40


def _band_colour(pdf: bytes, layout: str) -> tuple[int, ...]:
    chosen = get_layout(layout)
    image = _pages(pdf, dpi=72)[0].convert("RGB")
    band = chosen.design.band
    x = (band.x + 1) * 72 / 25.4
    y = (band.y + 1) * 72 / 25.4
    return tuple(image.getpixel((int(x), int(y))))


def test_band_colour_by_candidate_type(badges: list[BadgeData]) -> None:
    roster, walk_in = badges[0], badges[1]
    assert not roster.walk_in and walk_in.walk_in
    colours = [_band_colour(render_pdf([b], get_layout("a6"), BRANDING), "a6")
               for b in (roster, walk_in)]
    assert colours[0] == (0x1F, 0x4E, 0x8C)
    assert colours[1] == (0xC8, 0x50, 0x1E)


def test_branding_ignores_bad_colours() -> None:
    chosen = Branding.from_event({"roster_colour": "red", "walk_in_colour": "#00ff00"})
    assert chosen.roster_colour == Branding().roster_colour
    assert chosen.walk_in_colour == "#00FF00"


def test_logo_is_drawn(tmp_path, badges: list[BadgeData]) -> None:  # type: ignore[no-untyped-def]
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (0, 200, 0)).save(logo)
    pdf = render_pdf(badges[:1], get_layout("a6"), Branding(logo=str(logo)))
    box = get_layout("a6").design.logo
    image = _pages(pdf, dpi=72)[0].convert("RGB")
    centre = (int((box.x + box.w / 2) * 72 / 25.4), int((box.y + box.h / 2) * 72 / 25.4))
    assert image.getpixel(centre) == (0, 200, 0)
