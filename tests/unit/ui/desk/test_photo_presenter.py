"""Photographing a paper résumé, walked with no window: take, retake, pages, use, cancel."""

from __future__ import annotations

import io

import pikepdf
from PIL import Image

from fairdesk.imports.resume_files import ResumeFile
from fairdesk.services.walkins import MAX_PHOTO_PAGES
from fairdesk.ui.desk.presenters.photo import NO_CAMERA, PhotoPages


def shot(shade: int) -> bytes:
    """A distinct photo per page (a grey level), so the order can be checked in the PDF."""
    out = io.BytesIO()
    Image.new("L", (60, 80), shade).save(out, format="JPEG")
    return out.getvalue()


def ready() -> PhotoPages:
    pages = PhotoPages()
    pages.camera_ready()
    return pages


def shades(resume: ResumeFile) -> list[int]:
    found: list[int] = []
    with pikepdf.open(io.BytesIO(resume.data)) as pdf:
        for page in pdf.pages:
            (image,) = page.get_images().values()
            pixels = pikepdf.PdfImage(image).as_pil_image().convert("L")  # type: ignore[arg-type]
            centre = pixels.getpixel((pixels.width // 2, pixels.height // 2))
            assert isinstance(centre, int)
            found.append(round(centre, -1))
    return found


def test_nothing_can_be_taken_until_the_camera_shows_a_picture() -> None:
    pages = PhotoPages()
    assert not pages.can_take and pages.status == "Starting the camera…"
    pages.take(shot(200))
    assert pages.pages == []
    pages.camera_ready()
    assert pages.can_take and "press Space" in pages.status


def test_several_pages_are_used_as_one_pdf_in_the_order_taken() -> None:
    pages = ready()
    used: list[ResumeFile] = []
    pages.on_done = used.append
    for shade in (40, 120, 200):
        pages.take(shot(shade))
    assert len(pages.pages) == 3 and pages.selected == 2
    assert pages.status == "3 pages taken. Space takes page 4; Enter uses them."
    resume = pages.use()
    assert resume is not None and used == [resume]
    assert resume.pages == 3 and resume.mime == "application/pdf"
    assert shades(resume) == [40, 120, 200]


def test_retake_replaces_the_selected_page_where_it_stands() -> None:
    pages = ready()
    for shade in (40, 120, 200):
        pages.take(shot(shade))
    pages.select(1)
    pages.retake()
    assert pages.replacing == 1 and pages.status.startswith("Retaking page 2")
    pages.take(shot(160))
    assert pages.replacing is None and len(pages.pages) == 3 and pages.selected == 1
    resume = pages.use()
    assert resume is not None and shades(resume) == [40, 160, 200]


def test_retake_twice_keeps_the_old_page_and_the_next_photo_is_a_new_page() -> None:
    pages = ready()
    pages.take(shot(40))
    pages.retake()
    pages.retake()
    assert pages.replacing is None
    pages.take(shot(200))
    assert len(pages.pages) == 2


def test_use_with_no_page_says_what_to_do() -> None:
    pages = ready()
    assert not pages.can_use and pages.use() is None
    assert pages.last_message is not None and "Space" in pages.last_message.text
    pages.retake()
    assert pages.replacing is None


def test_cancel_drops_the_photos_and_attaches_nothing() -> None:
    pages = ready()
    used: list[ResumeFile] = []
    cancelled: list[bool] = []
    pages.on_done = used.append
    pages.on_cancel = lambda: cancelled.append(True)
    pages.take(shot(40))
    pages.cancel()
    assert cancelled == [True] and used == [] and pages.pages == []


def test_no_camera_says_so_and_nothing_can_be_taken() -> None:
    pages = PhotoPages(NO_CAMERA)
    pages.camera_ready()
    assert not pages.available and not pages.can_take and not pages.ready
    assert pages.status == NO_CAMERA
    pages.take(shot(40))
    assert pages.pages == [] and pages.last_message is not None
    assert pages.last_message.text == NO_CAMERA


def test_a_camera_that_stops_keeps_the_pages_taken() -> None:
    pages = ready()
    pages.take(shot(40))
    pages.camera_failed("The camera stopped: device unplugged")
    assert not pages.can_take and pages.can_use
    assert pages.status == "The camera stopped: device unplugged"
    assert pages.use() is not None


def test_an_empty_picture_is_not_a_page() -> None:
    pages = ready()
    pages.take(None)
    assert pages.pages == [] and pages.last_message is not None
    assert "wait for the preview" in pages.last_message.text


def test_a_resume_has_a_most_pages() -> None:
    pages = ready()
    for _ in range(MAX_PHOTO_PAGES):
        pages.take(shot(100))
    assert not pages.can_take and "the most a résumé may have" in pages.status
    pages.take(shot(100))
    assert len(pages.pages) == MAX_PHOTO_PAGES
    pages.retake()  # a page can still be taken again
    assert pages.can_take
    pages.take(shot(30))
    assert len(pages.pages) == MAX_PHOTO_PAGES
