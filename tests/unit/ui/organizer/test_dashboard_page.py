"""Wiring of the dashboard page: the first read runs off the GUI thread and a
desk's check-in moves the chart."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from fairdesk.services.checkin import check_in
from fairdesk.services.session import EventSession
from fairdesk.ui.organizer.dashboard_page import DashboardPage
from fairdesk.ui.organizer.presenters.dashboard import DashboardPresenter


def test_page_reads_in_a_job_and_moves_on_a_check_in(
        qtbot: QtBot, session: EventSession, make_people: Callable[..., list[str]]) -> None:
    people = make_people(2)
    presenter = DashboardPresenter(session)
    page = DashboardPage(presenter)
    qtbot.addWidget(page)
    presenter.refresh()
    assert page.job is not None  # off the GUI thread
    qtbot.waitUntil(lambda: presenter.snapshot is not None and not presenter.running)
    assert "0 checked in today" in page.pace.text()
    check_in(session, people[0], desk=2)
    qtbot.waitUntil(lambda: "1 checked in today" in page.pace.text())
    bars = page.chart.series()[0].barSets()
    assert [b.label() for b in bars] == ["Desk 2"] and bars[0].at(0) == 1
    assert page.day_box.currentText() == "2026-08-20"
    page.timer.stop()


def test_no_device_says_so_without_an_empty_table_under_it(
        qtbot: QtBot, session: EventSession) -> None:
    from fairdesk.storage import device_rows

    presenter = DashboardPresenter(session)
    page = DashboardPage(presenter)
    qtbot.addWidget(page)
    presenter.refresh()
    qtbot.waitUntil(lambda: presenter.snapshot is not None and not presenter.running)
    assert not page.devices_empty.isHidden() and page.devices_table.isHidden()
    with session.store.transaction():
        device_rows.add_device(session.store, "dev-1", name="Desk 1", role="desk", desk=1,
                               employer_id=None, token_hash="x", at=session.now())
    presenter.refresh()
    qtbot.waitUntil(lambda: not presenter.running and bool(presenter.device_rows()[0]))
    assert not page.devices_table.isHidden() and page.devices_empty.isHidden()
    page.timer.stop()
