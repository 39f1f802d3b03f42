"""Wiring of the Import page: the sample roster and résumés, walked through the view."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from fairdesk.services.session import EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import oplog
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.organizer.import_page import ImportPage
from fairdesk.ui.organizer.presenters.import_wizard import ImportWizard, Step


@pytest.fixture
def messages() -> list[Message]:
    return []


@pytest.fixture
def page(qtbot: QtBot, session: EventSession, messages: list[Message]) -> ImportPage:
    view = ImportPage(lambda kind: ImportWizard(session, kind), messages.append)
    qtbot.addWidget(view)
    view.resize(1080, 720)
    return view


def _choose(monkeypatch: pytest.MonkeyPatch, method: str, answer: object) -> None:
    monkeypatch.setattr(QFileDialog, method, lambda *a, **k: answer)


def test_walk_the_sample_roster_and_resumes(qtbot: QtBot, page: ImportPage, samples: Path,
                                            session: EventSession, tmp_path: Path,
                                            messages: list[Message],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert page.stack.currentWidget() is page.steps[Step.FILE]
    _choose(monkeypatch, "getOpenFileName", (str(samples / "roster-form-export.csv"), ""))
    page.choose_button.click()
    assert page.stack.currentWidget() is page.steps[Step.MAPPING]
    assert "43 rows" in page.mapping_caption.text()
    headers = list(page.presenter.headers)
    name = headers.index("Full Name")
    assert page.mapping.combos[name].currentData() == "full_name"
    formula = [page.mapping.item(r, name) for r in range(1, page.mapping.rowCount())]
    assert any(i is not None and i.text().startswith("=") and "formula" in i.toolTip()
               for i in formula)
    page.mapping.combos[name].setCurrentIndex(0)  # "Don't import": no name column left
    assert not page.dry_run_button.isEnabled() and page.mapping_hint.text()
    page.mapping.combos[name].setCurrentIndex(page.mapping.combos[name].findData("full_name"))
    page.dry_run_button.click()
    assert page.stack.currentWidget() is page.steps[Step.DRY_RUN]
    assert page.dry_report.model.rowCount() > 0 and rows.count(session.store) == 0
    assert page.import_button.text() == "&Import 40 candidates"
    page.import_button.click()
    qtbot.waitUntil(lambda: page.presenter.step is Step.RESUMES, timeout=10_000)
    assert rows.count(session.store) == 40 and "40 new" in messages[-1].text
    assert not page.resume_progress.isVisibleTo(page)
    page.run_resumes(samples / "cvs")
    qtbot.waitUntil(lambda: page.presenter.step is Step.REVIEW, timeout=20_000)
    assert page.review.files.count() == 1
    chosen = page.review.current_choice
    page._resolve()
    assert page.presenter.step is Step.DONE
    assert rows.by_id(session.store, chosen).resume_sha  # type: ignore[union-attr]
    assert "refused" in page.done_caption.text()
    _choose(monkeypatch, "getSaveFileName", (str(tmp_path / "report"), ""))
    page.save_report_button.click()
    with (tmp_path / "report.csv").open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.DictReader(handle))
    assert len(saved) == page.done_report.model.rowCount()
    assert any(r["row"] == "empty.pdf" and r["status"] == "refused" for r in saved)


def test_cancel_goes_back_to_the_dry_run_with_nothing_written(
        qtbot: QtBot, page: ImportPage, samples: Path, session: EventSession) -> None:
    page.presenter.choose_file(samples / "roster-form-export.csv")
    page.dry_run()
    before = oplog.count(session.store)
    page.start_import()
    assert page.stack.currentWidget() is page.steps[Step.IMPORTING]
    page.cancel()  # before the pool thread reads its first row, or soon after
    assert not page.cancel_import.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=10_000)
    if page.presenter.step is Step.DRY_RUN:  # cancelled in time: nothing written
        assert oplog.count(session.store) == before
        assert page.stack.currentWidget() is page.steps[Step.DRY_RUN]
    else:  # a fast machine finished first; the import is whole
        assert rows.count(session.store) == 40


def test_employer_list_and_start_over(qtbot: QtBot, page: ImportPage, tmp_path: Path,
                                      session: EventSession) -> None:
    path = tmp_path / "employers.csv"
    path.write_text("Company,Booth\nIsland BPO,1\n", encoding="utf-8")
    page.kinds.button(1).click()
    assert page.presenter.kind == "employers"
    page.presenter.choose_file(path)
    page.dry_run()
    page.start_import()
    qtbot.waitUntil(lambda: page.presenter.step is Step.DONE, timeout=10_000)
    assert "1 new" in page.done_caption.text()
    assert page.done_report.empty.isVisibleTo(page) and not page.save_report_button.isEnabled()
    page.start_over()
    assert page.presenter.step is Step.FILE and page.presenter.kind == "employers"
