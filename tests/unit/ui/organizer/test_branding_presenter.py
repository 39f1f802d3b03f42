"""The badge branding presenter, walked with no window."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from fairdesk.services import badges
from fairdesk.services.booth import set_exit_pin
from fairdesk.services.session import EventSession
from fairdesk.storage import event as event_rows
from fairdesk.ui.organizer.presenters.branding import BrandingPresenter, clean_colour


def fills(pdf: bytes) -> set[str]:
    """The fill colours (``r g b rg``) the pages paint with."""
    found: set[str] = set()
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "rg":
                    found.add(" ".join(f"{float(v):.2f}" for v in operands))
    return found


@pytest.fixture
def presenter(session: EventSession) -> BrandingPresenter:
    p = BrandingPresenter(session)
    p.load()
    return p


def test_starts_from_the_stored_design(presenter: BrandingPresenter) -> None:
    assert presenter.draft["event_line"] == "Test Fair"
    assert presenter.draft["roster_colour"] == "#1F4E8C"
    assert not presenter.dirty and presenter.stale
    assert [name for name, _ in presenter.layouts][:2] == ["insert-4x3", "avery-5392"]


def test_edits_mark_the_preview_stale_and_render(presenter: BrandingPresenter) -> None:
    first = presenter.preview_pdf()
    assert first is not None and first.startswith(b"%PDF") and not presenter.stale
    presenter.edit("roster_colour", "#00aa00")
    assert presenter.stale and presenter.dirty
    second = presenter.preview_pdf()
    assert second is not None
    assert "0.00 0.67 0.00" in fills(second) and "0.00 0.67 0.00" not in fills(first)
    presenter.set_layout("avery-5392")
    assert presenter.stale
    sheet = presenter.preview_pdf()
    assert sheet is not None
    assert b"/Count 1" in sheet  # both samples on one Letter sheet


def test_bad_colour_is_reported_and_preview_keeps_the_saved_one(
        presenter: BrandingPresenter) -> None:
    presenter.edit("walk_in_colour", "#12")
    assert "walk_in_colour" in presenter.errors and not presenter.can_save
    assert presenter.values()["walk_in_colour"] == "#C8501E"
    pdf = presenter.preview_pdf()
    assert pdf is not None and "0.78 0.31 0.12" in fills(pdf)  # #C8501E, the saved one
    assert not presenter.save()
    assert presenter.last_message is not None
    assert presenter.last_message.code == "invalid_branding"
    presenter.edit("walk_in_colour", "12ab34")
    assert not presenter.errors and presenter.can_save


def test_logo_must_be_an_existing_image(presenter: BrandingPresenter, tmp_path: Path) -> None:
    presenter.edit("logo", str(tmp_path / "logo.gif"))
    assert "PNG or JPEG" in presenter.errors["logo"]
    presenter.edit("logo", str(tmp_path / "missing.png"))
    assert "no such file" in presenter.errors["logo"]
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), "red").save(logo)
    presenter.edit("logo", str(logo))
    assert "logo" not in presenter.errors
    assert presenter.preview_pdf() is not None


def test_save_merges_and_keeps_other_keys(presenter: BrandingPresenter,
                                          session: EventSession) -> None:
    set_exit_pin(session, "2468")
    presenter.load()
    presenter.edit("walk_in_colour", "#00AA00")
    presenter.edit("event_line", "Saint Lucia Career Fair")
    assert presenter.save()
    stored = event_rows.branding(session.store)
    assert stored["walk_in_colour"] == "#00AA00" and "booth_pin" in stored
    assert session.event.name == "Saint Lucia Career Fair"
    assert badges.branding(session).walk_in_colour == "#00AA00"
    assert not presenter.dirty


def test_revert_and_outside_changes(presenter: BrandingPresenter,
                                    session: EventSession) -> None:
    presenter.edit("roster_colour", "#000000")
    presenter.revert()
    assert presenter.draft["roster_colour"] == "#1F4E8C"
    from fairdesk.services.events import update_event

    update_event(session, name="Renamed Fair")
    assert presenter.draft["event_line"] == "Renamed Fair"


def test_test_sheet_fills_a_page(presenter: BrandingPresenter, tmp_path: Path) -> None:
    presenter.set_layout("avery-5392")
    out = presenter.write_test_sheet(tmp_path / "sheet.pdf")
    assert out is not None
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 1
    presenter.set_layout("a6")
    presenter.write_test_sheet(tmp_path / "a6.pdf")
    with pikepdf.open(tmp_path / "a6.pdf") as pdf:
        assert len(pdf.pages) == 2
    assert presenter.write_test_sheet(tmp_path / "no" / "dir.pdf") is None
    assert presenter.last_message is not None and presenter.last_message.level == "error"


def test_clean_colour() -> None:
    assert clean_colour(" 1f4e8c ") == "#1F4E8C"
    assert clean_colour("#12345") is None


def test_close_stops_listening_even_after_the_session_closed(
        presenter: BrandingPresenter, session: EventSession) -> None:
    presenter.close()
    from fairdesk.services.events import update_event

    update_event(session, name="Renamed Fair")
    assert presenter.draft["event_line"] == "Test Fair"
    presenter.close()  # a second time (the session dropped it already): no error
