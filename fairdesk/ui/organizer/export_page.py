"""Organizer: résumé bundles per employer, the event report and the lists.

A passive view of :class:`ExportScreen`. The bundles are written off the GUI
thread through ``jobs`` (the job opens its own connection) with a progress bar
and Cancel; finished bundles stay when cancelled. The report and the lists run
as jobs too, with a busy bar, so the window never freezes on a large event.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common import jobs
from fairdesk.ui.common.table_model import RowsModel
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.presenters.export_screen import ExportScreen, Writing

EMPLOYER_COLUMNS = ("Booth", "Employer", "Visitors", "Phase Two")
RESULT_COLUMNS = ("Employer", "File", "Candidates", "Pages", "Problems")
NO_EMPLOYERS = ("No employers yet. Add them on the Employers page; each bundle holds the "
                "candidates whose badge the employer's booth scanned.")
LIST_FILTER = "Excel workbook (*.xlsx);;CSV (*.csv)"


def _table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    return card, QVBoxLayout(card)


class ExportPage(QWidget):
    def __init__(self, presenter: ExportScreen) -> None:
        super().__init__()
        self.presenter = presenter
        self.job: jobs.Job | None = None
        self.list_job: jobs.Job | None = None
        self.list_result = ""  # the last report or list saved, or why not
        box = QVBoxLayout(self)
        box.addWidget(label("Export", "title"))
        box.addWidget(label("Résumé bundles for the employers (one ZIP each), and the "
                            "organizer's report and lists.", "subtitle", wrap=True))
        box.addWidget(self._bundles(), 1)
        box.addWidget(self._lists())
        presenter.on_change = self.redraw

    # ------------------------------------------------------------ building
    def _bundles(self) -> QFrame:
        card, box = _card()
        box.addWidget(label("Résumé bundles", "subtitle"))
        choice = QHBoxLayout()
        self.scope = QButtonGroup(card)
        for index, text in enumerate(("All employers with visitors",
                                      "Only the employer selected below")):
            radio = QRadioButton(text)
            self.scope.addButton(radio, index)
            choice.addWidget(radio)
        self.scope.idClicked.connect(self._scope_clicked)
        self.shortlist = QCheckBox("Phase Two shortlist only")
        self.shortlist.toggled.connect(self.presenter.set_shortlist_only)
        choice.addWidget(self.shortlist)
        choice.addStretch(1)
        box.addLayout(choice)
        self.employers_model = RowsModel(EMPLOYER_COLUMNS)
        self.employers = _table(self.employers_model, "Employers and their visitors")
        self.employers.selectionModel().selectionChanged.connect(self._row_chosen)
        box.addWidget(self.employers, 2)
        self.empty = label(NO_EMPLOYERS, "empty", wrap=True)
        box.addWidget(self.empty)
        box.addLayout(self._folder_row())
        box.addLayout(self._run_row())
        self.results_model = RowsModel(RESULT_COLUMNS)
        self.results = _table(self.results_model, "Bundles written")
        self.results.setWordWrap(True)
        box.addWidget(self.results, 1)
        return card

    def _folder_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(label("Save bundles in"))
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText("No folder chosen")
        self.folder.setAccessibleName("Folder for the bundles")
        row.addWidget(self.folder, 1)
        row.addWidget(button("Choose &folder…", self.choose_folder))
        self.open_folder = button("&Open folder", self.show_folder)
        row.addWidget(self.open_folder)
        return row

    def _run_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.hint = label("", "subtitle", wrap=True)
        row.addWidget(self.hint, 1)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setMinimumWidth(260)
        row.addWidget(self.progress)
        self.cancel_button = button("Cancel", self.cancel)
        self.start_button = button("&Start export", self.start, shortcut="Ctrl+Return",
                                   primary=True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.start_button)
        return row

    def _lists(self) -> QFrame:
        card, box = _card()
        box.addWidget(label("Report and lists", "subtitle"))
        row = QHBoxLayout()
        self.report_button = button("Event &report (PDF)…", self.save_report)
        self.visits_button = button("&Visits list…", lambda: self.save_list("visits"),
                                    tip="Every booth visit, as an Excel workbook or CSV")
        self.checkins_button = button("&Check-ins list…", lambda: self.save_list("checkins"),
                                      tip="Every check-in, as an Excel workbook or CSV")
        for widget in (self.report_button, self.visits_button, self.checkins_button):
            row.addWidget(widget)
        self.list_status = label("", "subtitle", wrap=True)
        row.addWidget(self.list_status, 1)
        self.list_busy = QProgressBar()
        self.list_busy.setRange(0, 0)  # busy: no count to show
        self.list_busy.setAccessibleName("Writing the report or list")
        self.list_busy.setMaximumWidth(160)
        row.addWidget(self.list_busy)
        box.addLayout(row)
        return card

    # ------------------------------------------------------------ drawing
    def redraw(self) -> None:
        p = self.presenter
        running = p.state == "running"
        self.employers_model.set_rows(
            [(e.booth, e.name, e.visitors, e.shortlisted) for e in p.employers])
        self.employers.setVisible(bool(p.employers))
        self.empty.setVisible(not p.employers)
        self._select_row()
        self.scope.button(0 if p.selected is None else 1).setChecked(True)
        if self.shortlist.isChecked() != p.shortlist_only:
            self.shortlist.setChecked(p.shortlist_only)
        self.folder.setText(str(p.out_dir or ""))
        self.hint.setText(self._status_text())
        self.progress.setVisible(running or p.total > 0)
        self.progress.setRange(0, max(p.total, 1))
        self.progress.setValue(min(p.done, max(p.total, 1)))
        self.start_button.setEnabled(p.can_start and self.job is None)
        self.cancel_button.setEnabled(running)
        for widget in (self.employers, self.shortlist, *self.scope.buttons()):
            widget.setEnabled(not running)
        self.results_model.set_rows(
            [(r.employer, Path(r.file).name, r.candidates, r.pages,
              "; ".join(r.problems) or "none") for r in p.results])
        self.results.setVisible(bool(p.results))
        self.open_folder.setEnabled(p.out_dir is not None and p.out_dir.is_dir())
        self._redraw_lists()

    def _redraw_lists(self) -> None:
        p = self.presenter
        for widget in (self.report_button, self.visits_button, self.checkins_button):
            widget.setEnabled(p.can_write and self.list_job is None)
        self.list_busy.setVisible(p.writing is not None)
        self.list_status.setText(p.writing_text or self.list_result)

    def _status_text(self) -> str:
        p = self.presenter
        if p.state == "running":
            current = f": {p.current}" if p.current else ""
            return f"Writing candidate {p.done:,} of {p.total:,}{current}…"
        if p.state in ("done", "cancelled") and p.last_message is not None:
            return p.last_message.text
        return p.hint

    def _select_row(self) -> None:
        ids = [e.id for e in self.presenter.employers]
        model = self.employers.selectionModel()
        model.blockSignals(True)
        model.clearSelection()
        if self.presenter.selected in ids:
            index = self.employers_model.index(ids.index(self.presenter.selected), 0)
            model.select(index, QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
        model.blockSignals(False)
        self.employers.viewport().update()

    # ------------------------------------------------------------ choices
    def _scope_clicked(self, index: int) -> None:
        if index == 0:
            self.presenter.choose_all()
            return
        rows = self.employers.selectionModel().selectedRows()
        if rows:
            self.presenter.choose(self.presenter.employers[rows[0].row()].id)
        else:
            self.hint.setText("Select an employer in the table.")

    def _row_chosen(self, *_args: Any) -> None:
        rows = self.employers.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.presenter.employers):
            self.presenter.choose(self.presenter.employers[rows[0].row()].id)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the bundles")
        if folder:
            self.presenter.set_out_dir(folder)

    def show_folder(self) -> None:
        if self.presenter.out_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.presenter.out_dir)))

    # ------------------------------------------------------------ running
    def start(self) -> None:
        if not self.presenter.can_start or self.job is not None:
            return
        self.presenter.start()
        self.job = jobs.start(self.presenter.export_job(), self._done, self._failed,
                              self._progress)
        self.redraw()

    def cancel(self) -> None:
        self.presenter.cancel()
        if self.job is not None:
            self.job.cancel()
        self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.presenter.set_progress(done, total)

    def _done(self, report: dict[str, Any]) -> None:
        self.job = None
        self.presenter.export_finished(report)

    def _failed(self, error: Exception) -> None:
        self.job = None
        self.presenter.job_failed(error)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.job is None:
            self.presenter.refresh()  # visits may have come in since

    # ------------------------------------------------------------ report and lists
    def save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the event report",
                                              "event-report.pdf", "PDF (*.pdf)")
        if path:
            self._write("report", path if path.lower().endswith(".pdf") else path + ".pdf")

    def save_list(self, kind: str) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, f"Save the {kind} list",
                                                   f"{kind}.xlsx", LIST_FILTER)
        if not path:
            return
        if not path.lower().endswith((".csv", ".xlsx")):
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
        self._write("visits" if kind == "visits" else "checkins", path)

    def _write(self, kind: Writing, path: str) -> None:
        if not self.presenter.can_write or self.list_job is not None:
            return
        work = self.presenter.start_writing(kind, path)
        self.list_job = jobs.start(work, self._written, self._write_failed)
        self._redraw_lists()

    def _written(self, result: dict[str, Any]) -> None:
        self.list_job = None
        self.presenter.write_finished(result)
        self._remember_list_message()

    def _write_failed(self, error: Exception) -> None:
        self.list_job = None
        self.presenter.write_failed(error)
        self._remember_list_message()

    def _remember_list_message(self) -> None:
        message = self.presenter.last_message
        self.list_result = message.text if message is not None else ""
        self._redraw_lists()
