"""Wiring of the record dialog's corrections: merge a duplicate, erase a
person, reprint after a name fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from fairdesk.services.checkin import check_in
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.directory_page import open_record
from fairdesk.ui.organizer.record_dialog import RecordDialog

_PARENTS: list[QWidget] = []  # the dialog's parent lives as long as the test


def _open(qtbot: QtBot, session: EventSession, person: str) -> RecordDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    _PARENTS[:] = [parent]
    dialog = open_record(session, person, parent, lambda m: None)
    qtbot.addWidget(dialog)
    return dialog


def test_merge_a_duplicate_picked_by_search(qtbot: QtBot, session: EventSession,
                                            make_people: Callable[..., list[str]]) -> None:
    keep, _, drop = make_people(3)
    check_in(session, drop)
    dialog = _open(qtbot, session, keep)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    picker = dialog.merge_dialog
    assert picker is not None and picker.isVisible()
    assert not picker.merge_button.isEnabled()
    picker.search.setText("jn baptiste")
    assert picker.model.rowCount() == 1
    picker.table.selectRow(0)
    assert picker.merge_button.isEnabled()
    assert picker.question.text().startswith("Merge C-0003 (Marie Jn Baptiste) into C-0001")
    assert "1 check-in" in picker.question.text()
    qtbot.mouseClick(picker.merge_button, Qt.MouseButton.LeftButton)
    assert not picker.isVisible()
    assert dialog.heading.text() == "Kerlisha Joseph (C-0001)"
    assert dialog.checkins.rowCount() == 1


def test_merge_keeping_the_other_shows_the_kept_record(
        qtbot: QtBot, session: EventSession, make_people: Callable[..., list[str]]) -> None:
    this, other = make_people(2)
    dialog = _open(qtbot, session, this)
    dialog.merge()
    picker = dialog.merge_dialog
    assert picker is not None
    picker.search.setText("C-0002")
    picker.table.selectRow(0)
    picker.keep_other.setChecked(True)
    assert picker.question.text().startswith("Merge C-0001 (Kerlisha Joseph) into C-0002")
    picker.accept()
    assert dialog.heading.text() == "Désirée O'Neil (C-0002)"
    assert dialog.presenter.candidate_id == other


def test_erase_asks_reason_and_ref_then_locks_the_record(
        qtbot: QtBot, session: EventSession, make_people: Callable[..., list[str]]) -> None:
    person = make_people(2)[1]
    dialog = _open(qtbot, session, person)
    dialog.erase()
    erase = dialog.erase_dialog
    assert erase is not None and not erase.erase_button.isEnabled()
    erase.reason.setText("asked at the desk")
    erase.typed.setText("C-0001")
    assert not erase.erase_button.isEnabled()
    erase.typed.setText("c-0002")
    assert erase.erase_button.isEnabled()
    qtbot.mouseClick(erase.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.heading.text() == "erased candidate (C-0002)"
    assert dialog.edits["email"].text() == "" and dialog.edits["email"].isReadOnly()
    assert not dialog.save_button.isEnabled() and not dialog.merge_button.isEnabled()
    assert not dialog.erase_button.isEnabled() and not dialog.replace_button.isEnabled()


def test_reprint_after_a_name_fix(qtbot: QtBot, session: EventSession, tmp_path: Path,
                                  make_people: Callable[..., list[str]],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    person = make_people(1)[0]
    dialog = _open(qtbot, session, person)
    assert not dialog.reprint_button.property("primary")
    dialog.edits["last_name"].setText("Josef")
    dialog.save()
    assert dialog.reprint_button.property("primary")  # the badge is now out of date
    out = tmp_path / "C-0001.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    assert out.exists() and dialog.prints.rowCount() == 1
    assert dialog.prints.index(0, 3).data() == "name corrected"
    assert not dialog.reprint_button.property("primary")
