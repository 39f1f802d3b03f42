"""Wiring of the Badges page: typing re-renders the preview once, after a pause."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fairdesk.services import badges
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.badges_page import BadgesPage
from fairdesk.ui.organizer.presenters.branding import BrandingPresenter

# showing a top-level widget offscreen logs this once; it says nothing about the page
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def page(qtbot: QtBot, session: EventSession) -> BadgesPage:
    presenter = BrandingPresenter(session)
    view = BadgesPage(presenter)
    qtbot.addWidget(view)
    presenter.load()
    view.resize(1080, 720)
    assert not view.timer.isActive()  # hidden: nothing is drawn yet
    view.show()
    qtbot.waitUntil(lambda: not view.image.isNull())
    return view


def test_typing_is_debounced_into_one_preview(qtbot: QtBot, page: BadgesPage,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = page.presenter.preview_pdf
    monkeypatch.setattr(page.presenter, "preview_pdf",
                        lambda: calls.append(1) or original())  # type: ignore[func-returns-value]
    qtbot.keyClicks(page.event_line, " 2026")
    assert page.presenter.draft["event_line"] == "Test Fair 2026"
    assert calls == [] and page.timer.isActive()
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.wait(400)
    assert calls == [1]
    assert page.save.isEnabled() and "not saved" in page.caption.text()


def test_layout_chooser_changes_the_preview_shape(qtbot: QtBot, page: BadgesPage) -> None:
    wide = page.image
    assert wide.width() > wide.height()  # two landscape inserts side by side
    page.layout_box.setCurrentIndex(page.layout_box.findData("avery-5392"))
    assert page.presenter.layout == "avery-5392"
    qtbot.waitUntil(lambda: page.image.width() < page.image.height())  # one Letter sheet


def test_bad_colour_blocks_save_and_good_one_saves(qtbot: QtBot, page: BadgesPage,
                                                   session: EventSession) -> None:
    edit = page.hexes["walk_in_colour"]
    edit.clear()
    qtbot.keyClicks(edit, "#12")
    assert page.errors.isVisibleTo(page) and "not a colour" in page.errors.text()
    assert not page.save.isEnabled()
    qtbot.keyClicks(edit, "AB34")
    assert not page.errors.isVisibleTo(page) and page.save.isEnabled()
    page.save.click()
    assert badges.branding(session).walk_in_colour == "#12AB34"
    assert not page.save.isEnabled() and not page.revert.isEnabled()


def test_hidden_page_stops_drawing(qtbot: QtBot, page: BadgesPage) -> None:
    qtbot.keyClicks(page.event_line, "!")
    assert page.timer.isActive()
    page.hide()
    assert not page.timer.isActive()
    page.show()
    assert page.timer.isActive()


def test_test_sheet_is_saved_where_the_dialog_says(qtbot: QtBot, page: BadgesPage,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sheet"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    page.test_sheet.click()
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
