"""Wiring of the Export page over a small demo event."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fairdesk.services import exports
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import EventSession, open_session
from fairdesk.ui.organizer.export_page import ExportPage
from fairdesk.ui.organizer.presenters import export_screen
from fairdesk.ui.organizer.presenters.export_screen import ExportScreen


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.fairdesk"
    build_demo(path, DemoSpec(candidates=40, employers=3)).close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[EventSession]:
    copy = tmp_path / "demo.fairdesk"
    copy.write_bytes(demo_file.read_bytes())
    session = open_session(copy)
    yield session
    session.close()


@pytest.fixture
def page(qtbot: QtBot, demo: EventSession) -> ExportPage:
    view = ExportPage(ExportScreen(demo))
    qtbot.addWidget(view)
    view.redraw()
    return view


def test_start_waits_for_a_folder_then_writes_every_bundle(qtbot: QtBot, page: ExportPage,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    assert page.employers_model.rowCount() == 3
    assert not page.start_button.isEnabled() and "Choose a folder" in page.hint.text()
    out = tmp_path / "bundles"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    page.choose_folder()
    assert page.start_button.isEnabled() and "3 bundle(s)" in page.hint.text()
    page.start_button.click()
    assert page.presenter.state == "running" and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.presenter.state == "done", timeout=30_000)
    assert page.results_model.rowCount() == 3 and page.open_folder.isEnabled()
    zips = sorted(out.glob("*.zip"))
    assert len(zips) == 3
    with zipfile.ZipFile(zips[0]) as bundle:
        assert any(n.endswith(".pdf") for n in bundle.namelist())
    assert "3 bundle(s) written" in page.hint.text()


def test_one_employer_and_shortlist_only(qtbot: QtBot, page: ExportPage,
                                         tmp_path: Path) -> None:
    page.employers.selectRow(1)
    line = page.presenter.employers[1]
    assert page.presenter.selected == line.id
    assert page.scope.checkedId() == 1
    page.shortlist.setChecked(True)
    assert page.presenter.shortlist_only
    page.presenter.set_out_dir(tmp_path)
    assert f"1 bundle(s), {line.shortlisted} candidate(s)" in page.hint.text()
    page.scope.button(0).click()
    assert page.presenter.selected is None and not page.employers.selectedIndexes()
    page.start()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    assert page.presenter.state == "done"
    assert sum(r.candidates for r in page.presenter.results) == sum(
        e.shortlisted for e in page.presenter.employers)


def test_cancel_stops_the_export(qtbot: QtBot, page: ExportPage, tmp_path: Path) -> None:
    page.presenter.set_out_dir(tmp_path)
    page.start()
    page.cancel()
    assert not page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    assert page.presenter.state == "cancelled"
    assert len(page.presenter.results) < 3


def test_report_and_lists(qtbot: QtBot, page: ExportPage, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([(str(tmp_path / "report"), ""), (str(tmp_path / "visits"), "CSV (*.csv)"),
                    (str(tmp_path / "checkins.xlsx"), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))
    page.save_report()
    qtbot.waitUntil(lambda: page.list_job is None, timeout=30_000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "report.pdf" in page.list_status.text()
    page.save_list("visits")
    qtbot.waitUntil(lambda: page.list_job is None, timeout=30_000)
    assert (tmp_path / "visits.csv").read_text(encoding="utf-8-sig").startswith("Ref,")
    page.save_list("checkins")
    qtbot.waitUntil(lambda: page.list_job is None, timeout=30_000)
    assert zipfile.is_zipfile(tmp_path / "checkins.xlsx")
    assert page.presenter.last_message is not None
    assert "checkins.xlsx" in page.presenter.last_message.text
    assert "checkins.xlsx" in page.list_status.text()


def test_report_runs_off_the_gui_thread_with_a_busy_bar(qtbot: QtBot, page: ExportPage,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    threads: list[threading.Thread] = []
    release = threading.Event()
    real = exports.export_report

    def slow_report(session: EventSession, out: Path) -> dict[str, object]:
        threads.append(threading.current_thread())
        release.wait(10)
        return real(session, out)

    monkeypatch.setitem(export_screen._WRITERS, "report", slow_report)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "r.pdf"), ""))
    page.show()
    page.save_report()
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    # the GUI thread is free while the report is written: the page shows it is busy
    assert threads[0] is not threading.main_thread()
    assert page.list_busy.isVisible() and "Writing the event report" in page.list_status.text()
    assert not page.report_button.isEnabled() and not page.visits_button.isEnabled()
    page.save_report()  # a second click while busy does nothing
    release.set()
    qtbot.waitUntil(lambda: page.list_job is None, timeout=30_000)
    assert len(threads) == 1
    assert not page.list_busy.isVisible() and page.report_button.isEnabled()
    assert (tmp_path / "r.pdf").exists()


def test_a_failed_list_is_shown_and_the_buttons_come_back(qtbot: QtBot, page: ExportPage,
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(blocker / "visits.csv"), ""))
    page.save_list("visits")
    qtbot.waitUntil(lambda: page.list_job is None, timeout=30_000)
    message = page.presenter.last_message
    assert message is not None and message.level == "error"
    assert "visits.csv could not be written" in page.list_status.text()
    assert page.visits_button.isEnabled() and not page.list_busy.isVisibleTo(page)


def test_no_employers_shows_the_empty_state(qtbot: QtBot, session: EventSession) -> None:
    view = ExportPage(ExportScreen(session))
    qtbot.addWidget(view)
    view.redraw()
    assert view.empty.isVisibleTo(view) and not view.employers.isVisibleTo(view)
    assert not view.start_button.isEnabled()


def test_bundle_workers_are_spawned_from_a_qt_job_thread(qtbot: QtBot) -> None:
    """Forking beside Qt's threads could copy a lock one of them holds."""
    from fairdesk.services import bundle_jobs
    from fairdesk.ui.common import jobs

    answers: list[object] = []
    jobs.start(lambda _progress, _cancel: bundle_jobs._start_method(), answers.append,
               answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert answers == ["spawn"]
