"""Every layout: items in the label's safe zone, labels on the page and printable."""

from __future__ import annotations

import pytest

from fairdesk.badges.layouts import INCH, LAYOUTS, Box, get_layout
from fairdesk.domain.errors import UnknownLayout

REQUIRED = {"insert-4x3", "avery-5392", "a6", "brother-62x100", "brother-62"}


def test_required_layouts_exist() -> None:
    assert set(LAYOUTS) >= REQUIRED


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_items_inside_safe_zone(name: str) -> None:
    layout = LAYOUTS[name]
    for item, box in layout.design.items().items():
        assert box.w > 0 and box.h > 0, item
        assert box.inside(layout.safe_zone), f"{name}: {item} {box} leaves the safe zone"


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_labels_on_page_and_items_printable(name: str) -> None:
    layout = LAYOUTS[name]
    slots = layout.labels()
    assert len(slots) == layout.per_page
    for slot in slots:
        assert slot.inside(layout.page), f"{name}: label {slot} off the page"
        for item, box in layout.design.items().items():
            assert box.moved(slot.x, slot.y).inside(layout.printable), f"{name}: {item}"


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_labels_do_not_overlap(name: str) -> None:
    slots = get_layout(name).labels()
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            assert a.right <= b.x + 1e-6 or b.right <= a.x + 1e-6 or \
                a.bottom <= b.y + 1e-6 or b.bottom <= a.y + 1e-6


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_qr_is_square_and_not_overlapped(name: str) -> None:
    design = LAYOUTS[name].design
    assert design.qr.w == design.qr.h
    for item, box in design.items().items():
        if item == "qr":
            continue
        apart = (box.right <= design.qr.x or design.qr.right <= box.x
                 or box.bottom <= design.qr.y or design.qr.bottom <= box.y)
        assert apart, f"{name}: {item} overlaps the QR"


def test_avery_5392_geometry() -> None:
    avery = get_layout("avery-5392")
    assert (avery.page_w, avery.page_h) == pytest.approx((8.5 * INCH, 11 * INCH))
    assert (avery.columns, avery.rows) == (2, 3)
    assert (avery.label_w, avery.label_h) == pytest.approx((4 * INCH, 3 * INCH))
    last = avery.labels()[-1]
    # symmetric: 0.25 in at the sides, 1 in at top and bottom
    assert avery.page_w - last.right == pytest.approx(0.25 * INCH)
    assert avery.page_h - last.bottom == pytest.approx(1 * INCH)


def test_brother_tape_is_62_mm_wide() -> None:
    assert get_layout("brother-62").page_w == 62
    assert get_layout("brother-62x100").page_h == 100


def test_box_inside_detects_overflow() -> None:
    assert not Box(0, 0, 10, 10).inside(Box(1, 0, 20, 20))
    assert Box(1, 1, 5, 5).inside(Box(0, 0, 10, 10))


def test_unknown_layout() -> None:
    with pytest.raises(UnknownLayout) as caught:
        get_layout("letter-99")
    assert caught.value.code == "unknown_layout"
