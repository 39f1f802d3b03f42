"""Wiring of the candidate directory and the record dialog over a demo with résumés."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import EventSession, open_session
from fairdesk.ui.organizer.directory_page import DirectoryPage
from fairdesk.ui.organizer.presenters.directory import DirectoryPresenter


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[EventSession]:
    path = tmp_path / "demo.fairdesk"
    build_demo(path, DemoSpec(candidates=12, employers=2, seed=4)).close()
    session = open_session(path)
    yield session
    session.close()


def test_find_open_fix_and_see_the_resume(qtbot: QtBot, demo: EventSession) -> None:
    presenter = DirectoryPresenter(demo)
    page = DirectoryPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    assert page.model.rowCount() == 12
    page.filter_boxes["no_resume"].setChecked(True)
    without = page.model.rowCount()
    page.filter_boxes["no_resume"].setChecked(False)
    with_resume = next(r for r in presenter.found if r.candidate.resume_sha)
    page.search.setText(with_resume.candidate.ref)
    assert page.model.rowCount() == 1 and without < 12
    page.open_selected()
    dialog = page.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.pdf.status() == QPdfDocument.Status.Ready and dialog.pdf.pageCount() >= 1
    dialog.edits["first_name"].setText("ZOË")
    dialog.save()
    assert dialog.heading.text().startswith("Zoë ")
    assert page.model.index(0, 1).data().startswith("Zoë ")  # the directory followed
    dialog.edits["phone"].setText("call me")
    dialog.save()
    assert "Phone" in dialog.error.text()
    dialog.remove_resume()
    assert dialog.pdf.status() != QPdfDocument.Status.Ready
    assert dialog.resume_note.text() == "No résumé on file."
    dialog.close()


def test_every_filter_box_narrows_the_table(qtbot: QtBot, demo: EventSession) -> None:
    presenter = DirectoryPresenter(demo)
    page = DirectoryPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    assert [b.text() for b in page.filter_boxes.values()] == [
        "Checked in today", "Walk-ins", "No résumé", "No consent", "Phase Two"]
    for name, box in page.filter_boxes.items():
        box.setChecked(True)
        assert page.model.rowCount() == len(presenter.found) < 13, name
        assert presenter.filters == {name}
        box.setChecked(False)
    assert page.model.rowCount() == 12


def test_typing_is_searching_from_the_moment_the_page_shows(qtbot: QtBot,
                                                           demo: EventSession) -> None:
    """Under Xvfb, text typed right after choosing the page went to the table's
    type-ahead and was lost: the box now has the focus, the arrows move through
    the matches from it, a key typed in the table goes on in the box, and Enter
    in a field of the record saves rather than opening the merge."""
    presenter = DirectoryPresenter(demo)
    page = DirectoryPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    page.show()
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClicks(page.search, presenter.found[0].candidate.first_name[:2])
    assert page.search.text() == presenter.found[0].candidate.first_name[:2]
    page.search.clear()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.selectionModel().selectedRows()[0].row() == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Up)
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    page.table.setFocus()
    qtbot.keyClicks(page.table, "zo")
    assert page.search.text() == "zo" and page.search.hasFocus()
    page.search.clear()
    page.open_selected()
    dialog = page.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.save_button.isDefault()
    assert not any(b.autoDefault() for b in (dialog.merge_button, dialog.erase_button))
    dialog.close()
