"""The Audit page: the event's audit log filtered and exported to CSV, the
presenter walked with no window, then the page's wiring."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fairdesk.services.checkin import check_in, undo_check_in
from fairdesk.services.corrections import reprint
from fairdesk.services.session import EventSession
from fairdesk.storage import device_rows
from fairdesk.ui.organizer.audit_page import AuditPage
from fairdesk.ui.organizer.presenters.audit import EMPTY, AuditPresenter
from tests.conftest import FakeClock


def _seed(session: EventSession, clock: FakeClock, tmp_path: Path,
          make_people: Callable[..., list[str]]) -> None:
    """A reprint and an undone check-in here on day one, and a note written by a
    paired desk laptop on day two (as it arrives by sync)."""
    first, second = make_people(2)
    reprint(session, first, tmp_path / "b.pdf")
    check_in(session, second)
    clock.advance(minutes=5)
    undo_check_in(session, second, "wrong person, =cmd")
    store = session.store
    with store.transaction():
        device_rows.add_device(store, "dev-desk-2", name="Desk 2 laptop", role="desk",
                               employer_id=None, desk=2, token_hash="x",
                               at=datetime(2026, 8, 20, 12, tzinfo=UTC))
        store.execute("INSERT INTO audit (at, device_id, action, subject, detail) "
                      "VALUES ('2026-08-21T14:00:00.000000Z', 'dev-desk-2', 'badge.reprint', "
                      "'C-0002', '{\"reason\": \"torn badge\"}')")


@pytest.fixture
def audit(session: EventSession, clock: FakeClock, tmp_path: Path,
          make_people: Callable[..., list[str]]) -> AuditPresenter:
    _seed(session, clock, tmp_path, make_people)
    presenter = AuditPresenter(session)
    presenter.load()
    return presenter


def test_the_log_is_filtered_by_text_action_device_and_days(audit: AuditPresenter) -> None:
    assert audit.summary.endswith(" entries") and audit.rows[0][:3] == (
        "2026-08-21", "10:00:00", "Desk 2 laptop")  # newest first, venue time (UTC-4)
    assert "Desk 2 laptop" in audit.devices and "this computer" in audit.devices
    assert {"event.create", "badge.reprint", "checkin.undo"} <= set(audit.actions)
    audit.set_filter(action="badge.reprint")
    assert [r[2] for r in audit.rows] == ["Desk 2 laptop"]
    audit.set_filter(action="", device="this computer", text="wrong person")
    assert [r[4] for r in audit.rows] == ["checkin.undo"]
    assert audit.summary.startswith("1 of ")
    audit.set_filter(device="", text="", first_day="2026-08-21")
    assert [r[0] for r in audit.rows] == ["2026-08-21"]
    audit.set_filter(first_day="", last_day="2026-08-20")
    assert "2026-08-21" not in {r[0] for r in audit.rows}
    audit.set_filter(text="nothing like this")
    assert audit.rows == [] and audit.summary == "No entry matches the filters."
    assert not audit.can_export and not audit.export(Path("x.csv"))


def test_export_writes_the_rows_shown_as_csv(audit: AuditPresenter, tmp_path: Path) -> None:
    audit.set_filter(device="this computer")
    out = tmp_path / "out" / "audit"
    shown = len(audit.shown)
    assert audit.export(out)  # .csv added
    written = (tmp_path / "out" / "audit.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(written.splitlines()))
    assert rows[0] == ["Day", "Time", "Device", "Role", "Action", "Subject", "Detail"]
    assert len(rows) == shown + 1  # the header and the rows shown
    undo = next(r for r in rows if r[4] == "checkin.undo")
    assert undo[:4] == ["2026-08-20", "09:35:00", "this computer", "organizer"]
    assert undo[6] == "reason: wrong person, =cmd"  # the check-in's internal id left out
    assert all(not r[0].startswith("=") for r in rows)
    assert list((tmp_path / "out").iterdir()) == [tmp_path / "out" / "audit.csv"]
    assert audit.actions.count("export.audit") == 1  # the export is audited too
    assert audit.last_message is not None and "written to audit.csv" in audit.last_message.text


def test_a_hidden_page_reloads_only_when_shown(audit: AuditPresenter,
                                               session: EventSession) -> None:
    before = len(audit.entries)
    audit.set_active(False)
    undo_target = check_in(session, "C-0001")
    assert undo_target is not None and len(audit.entries) == before and audit.stale
    undo_check_in(session, "C-0001", "again")
    audit.set_active(True)
    assert len(audit.entries) == before + 1 and not audit.stale


def test_a_new_event_shows_the_empty_text(qtbot: QtBot, session: EventSession) -> None:
    with session.store.transaction():
        session.store.execute("DELETE FROM audit")  # not even the event's creation
    presenter = AuditPresenter(session)
    page = AuditPage(presenter)
    qtbot.addWidget(page)
    presenter.load()
    assert presenter.summary == EMPTY and page.stack.currentWidget() is page.empty
    assert not page.export_button.isEnabled()


def test_page_filters_and_exports_with_ctrl_e(qtbot: QtBot, audit: AuditPresenter,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = AuditPage(audit)
    qtbot.addWidget(page)
    page.show()
    audit.load()
    total = page.model.rowCount()
    page.action.setCurrentIndex(page.action.findData("checkin.undo"))
    assert page.model.rowCount() == 1 and page.summary.text() == f"1 of {total} entries"
    audit.load()  # a refresh keeps the chosen action
    assert page.action.currentData() == "checkin.undo" and page.model.rowCount() == 1
    page.action.setCurrentIndex(0)
    page.search.setText("torn")
    assert page.model.rowCount() == 1 and page.model.index(0, 2).data() == "Desk 2 laptop"
    out = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert QTest.qWaitForWindowExposed(page)
    page.activateWindow()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists)  # a shortcut "animates" the button's click
    assert "torn badge" in out.read_text(encoding="utf-8-sig")
