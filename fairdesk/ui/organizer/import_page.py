"""Organizer: the import wizard (roster or employer list, then résumés).

A passive view of :class:`ImportWizard`: one widget per step in a stack. The
import and the résumé folder run off the GUI thread through ``jobs`` (each job
opens its own connection) with a progress bar and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fairdesk.ui.common import jobs
from fairdesk.ui.common.presenters.base import Message
from fairdesk.ui.common.widgets import button, label
from fairdesk.ui.organizer.import_steps import (
    MappingTable,
    ProgressPanel,
    ReportTable,
    ReviewPanel,
    buttons_row,
)
from fairdesk.ui.organizer.presenters.import_wizard import ImportWizard, Step

MakeWizard = Callable[[str], ImportWizard]
STEP_TITLES = {Step.FILE: "Choose a file", Step.SHEET: "Choose the sheet",
               Step.MAPPING: "Check the columns", Step.DRY_RUN: "Dry run",
               Step.IMPORTING: "Importing", Step.RESUMES: "Résumés",
               Step.REVIEW: "Review résumé matches", Step.DONE: "Report"}
FILE_HELP = ("Choose the CSV or Excel file that the application form exported. Nothing is "
             "written until you have checked the columns and seen the dry run.")
RESUME_HELP = ("Now the résumés: choose the folder that came with the roster (sub-folders "
               "too). Files are matched by the roster's file-name column, then an e-mail in "
               "the file name, then the person's name; unsure matches come back for review.")


class ImportPage(QWidget):
    def __init__(self, make_wizard: MakeWizard,
                 notify: Callable[[Message], None] = lambda m: None) -> None:
        super().__init__()
        self.make_wizard = make_wizard
        self.notify = notify
        self.job: jobs.Job | None = None
        self.presenter: ImportWizard = make_wizard("candidates")
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(label("Import", "title"))
        top.addStretch(1)
        self.step_caption = label("", "subtitle")
        top.addWidget(self.step_caption)
        box.addLayout(top)
        self.stack = QStackedWidget()
        self.steps: dict[Step, QWidget] = {}
        for step, build in ((Step.FILE, self._file_step), (Step.SHEET, self._sheet_step),
                            (Step.MAPPING, self._mapping_step),
                            (Step.DRY_RUN, self._dry_run_step),
                            (Step.IMPORTING, self._importing_step),
                            (Step.RESUMES, self._resumes_step),
                            (Step.REVIEW, self._review_step), (Step.DONE, self._done_step)):
            self.steps[step] = build()
            self.stack.addWidget(self.steps[step])
        box.addWidget(self.stack, 1)
        self.start_over()

    def start_over(self, kind: str | None = None) -> None:
        """A new wizard run (kind: "candidates" or "employers")."""
        self.presenter = self.make_wizard(kind or self.presenter.kind)
        self.presenter.on_change = self.redraw
        self.presenter.on_message = self.notify
        self.kinds.button(0 if self.presenter.kind == "candidates" else 1).setChecked(True)
        self.redraw()

    # ------------------------------------------------------------ steps
    def _file_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label("What are you importing?", "subtitle"))
        self.kinds = QButtonGroup(page)
        for index, text in enumerate(("Candidates: the application form's roster",
                                      "Employers: the list of booths")):
            radio = QRadioButton(text)
            self.kinds.addButton(radio, index)
            box.addWidget(radio)
        self.kinds.idClicked.connect(
            lambda i: self.start_over("candidates" if i == 0 else "employers"))
        box.addWidget(label(FILE_HELP, "empty", wrap=True))
        self.choose_button = button("Choose &file…", self.choose_file, shortcut="Ctrl+O",
                                    primary=True)
        box.addLayout(buttons_row(self.choose_button, left=True))
        box.addStretch(1)
        return page

    def _sheet_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label("This workbook has several sheets. Which one holds the list?",
                            "subtitle", wrap=True))
        self.sheets = QListWidget()
        self.sheets.setAccessibleName("Sheets")
        self.sheets.itemActivated.connect(lambda item: self.presenter.choose_sheet(item.text()))
        box.addWidget(self.sheets, 1)
        box.addLayout(buttons_row(button("Back", self.back),
                                  button("Use this sheet", self._use_sheet, primary=True)))
        return page

    def _mapping_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.mapping_caption = label("", "subtitle", wrap=True)
        box.addWidget(self.mapping_caption)
        # lambdas bind late on purpose: start_over() replaces the presenter
        self.mapping = MappingTable(lambda i, t: self.presenter.set_target(i, t))  # noqa: PLW0108
        box.addWidget(self.mapping, 1)
        self.mapping_hint = label("", "error", wrap=True)
        self.dry_run_button = button("&Dry run", self.dry_run, shortcut="Ctrl+D", primary=True,
                                     tip="Check every row without writing anything")
        box.addLayout(buttons_row(button("Back", self.back), self.dry_run_button,
                                  lead=self.mapping_hint))
        return page

    def _dry_run_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.dry_caption = label("", "subtitle", wrap=True)
        box.addWidget(self.dry_caption)
        self.dry_report = ReportTable("Every row can be taken as it is: nothing to report.")
        box.addWidget(self.dry_report, 1)
        self.import_button = button("&Import", self.start_import, shortcut="Ctrl+I",
                                    primary=True)
        box.addLayout(buttons_row(button("Back", self.back), self.import_button))
        return page

    def _importing_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.cancel_import = button("Cancel", self.cancel)
        self.import_progress = ProgressPanel(self.cancel_import)
        box.addWidget(self.import_progress)
        box.addWidget(label("Cancel leaves the event exactly as it was.", "subtitle"))
        box.addStretch(1)
        return page

    def _resumes_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.resumes_caption = label("", "subtitle", wrap=True)
        box.addWidget(self.resumes_caption)
        box.addWidget(label(RESUME_HELP, "empty", wrap=True))
        self.cancel_resumes = button("Cancel", self.cancel)
        self.resume_progress = ProgressPanel(self.cancel_resumes)
        box.addWidget(self.resume_progress)
        box.addStretch(1)
        self.folder_button = button("Choose résumé &folder…", self.choose_folder,
                                    primary=True)
        self.skip_button = button("Skip résumés",
                                  lambda: self.presenter.skip_resumes())  # noqa: PLW0108
        box.addLayout(buttons_row(self.skip_button, self.folder_button))
        return page

    def _review_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.review_caption = label("", "subtitle", wrap=True)
        box.addWidget(self.review_caption)
        self.review = ReviewPanel()
        for widget in (button("&Give it to this candidate", self._resolve, primary=True),
                       button("Leave for later", self._leave),
                       button("Finish review",
                              lambda: self.presenter.finish())):  # noqa: PLW0108
            self.review.action_box.addWidget(widget)
        box.addWidget(self.review, 1)
        return page

    def _done_step(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.done_caption = label("", "subtitle", wrap=True)
        box.addWidget(self.done_caption)
        self.done_report = ReportTable("Every row and every file was taken: nothing to report.")
        box.addWidget(self.done_report, 1)
        self.save_report_button = button("&Save report as CSV…", self.save_report,
                                         shortcut="Ctrl+S")
        box.addLayout(buttons_row(self.save_report_button,
                                  button("Import another file", self.start_over,
                                         primary=True)))
        return page

    # ------------------------------------------------------------ drawing
    def redraw(self) -> None:
        p = self.presenter
        self.stack.setCurrentWidget(self.steps[p.step])
        number = list(STEP_TITLES).index(p.step) + 1
        self.step_caption.setText(f"Step {number} of {len(STEP_TITLES)}: "
                                  f"{STEP_TITLES[p.step]}")
        draw = {Step.SHEET: self._draw_sheets, Step.MAPPING: self._draw_mapping,
                Step.DRY_RUN: self._draw_dry_run, Step.IMPORTING: self._draw_importing,
                Step.RESUMES: self._draw_resumes, Step.REVIEW: self._draw_review,
                Step.DONE: self._draw_done}.get(p.step)
        if draw is not None:
            draw(p)

    def _draw_sheets(self, p: ImportWizard) -> None:
        self.sheets.clear()
        self.sheets.addItems(list(p.sheets))
        self.sheets.setCurrentRow(0)

    def _draw_mapping(self, p: ImportWizard) -> None:
        name = p.path.name if p.path else ""
        sheet = f", sheet {p.sheet}" if p.sheet else ""
        remembered = (" Columns set as last time for a file of this shape."
                      if p.remembered else " Columns guessed from the headers.")
        self.mapping_caption.setText(
            f"{name}{sheet}: {p.total_rows:,} rows. The first {len(p.preview)} are shown; "
            f"change what a column is imported as in its menu.{remembered}")
        self.mapping.redraw(p)
        self.dry_run_button.setEnabled(p.can_dry_run)
        self.mapping_hint.setText("" if p.can_dry_run else
                                  "Choose the column that holds the name.")

    def _draw_dry_run(self, p: ImportWizard) -> None:
        r = p.report
        self.dry_caption.setText(f"Dry run, nothing written yet. {p.summary} Below: every "
                                 "row that would not be taken, and every warning.")
        self.dry_report.show_rows(p.report_rows)
        taken = r.get("imported", 0) + r.get("updated", 0)
        self.import_button.setText(f"&Import {taken:,} {p.kind}")
        self.import_button.setEnabled(taken > 0)

    def _draw_importing(self, p: ImportWizard) -> None:
        done, total = p.progress
        self.import_progress.show_progress(f"Importing row {done:,} of {total:,}…", done, total)

    def _draw_resumes(self, p: ImportWizard) -> None:
        self.resumes_caption.setText(f"Roster imported. {p.summary}")
        running = self.job is not None
        done, total = p.progress
        self.resume_progress.setVisible(running)
        self.resume_progress.show_progress(f"Checking file {done:,} of {total:,}…", done, total)
        self.folder_button.setEnabled(not running)
        self.skip_button.setEnabled(not running)

    def _draw_review(self, p: ImportWizard) -> None:
        self.review_caption.setText(
            f"{len(p.pending)} file(s) could belong to more than one candidate. Pick the "
            "right person for each, or leave a file for later.")
        self.review.show_pending(p.pending)

    def _draw_done(self, p: ImportWizard) -> None:
        text = f"Import finished. {p.summary}"
        r = p.resume_report
        if r:
            text += (f" Résumés: {r['files']} files, {r['matched']} matched, "
                     f"{len(r['ambiguous'])} left to review, "
                     f"{len(r['unmatched'])} unmatched, {len(r['rejected'])} refused.")
        self.done_caption.setText(text + " Every row and file not taken is listed below.")
        rows = p.report_rows
        self.done_report.show_rows(rows)
        self.save_report_button.setEnabled(bool(rows))

    # ------------------------------------------------------------ actions
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the file to import", "",
            "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
        if path:
            self.presenter.choose_file(path)

    def _use_sheet(self) -> None:
        item = self.sheets.currentItem()
        if item is not None:
            self.presenter.choose_sheet(item.text())

    def back(self) -> None:
        self.presenter.back()

    def dry_run(self) -> None:
        self.presenter.dry_run()

    def start_import(self) -> None:
        self.presenter.start_import()
        self._run(self.presenter.import_job(), self._import_done)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the résumé folder")
        if folder:
            self.run_resumes(folder)

    def run_resumes(self, folder: Path | str) -> None:
        self.presenter.progress = (0, 0)
        self._run(self.presenter.resume_job(folder), self._resumes_done)

    def _run(self, work: Any, done: Callable[[Any], None]) -> None:
        self.job = jobs.start(work, done, self._failed, self._progress)
        self.cancel_import.setEnabled(True)
        self.cancel_resumes.setEnabled(True)
        self.redraw()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_import.setEnabled(False)
            self.cancel_resumes.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.presenter.set_progress(done, total)

    def _import_done(self, report: dict[str, Any]) -> None:
        self.job = None
        self.presenter.import_finished(report)

    def _resumes_done(self, report: dict[str, Any]) -> None:
        self.job = None
        self.presenter.resumes_finished(report)

    def _failed(self, error: Exception) -> None:
        self.job = None
        self.presenter.job_failed(error)

    def _resolve(self) -> None:
        if self.review.current_file and self.review.current_choice:
            self.presenter.resolve(self.review.current_file, self.review.current_choice)

    def _leave(self) -> None:
        if self.review.current_file:
            self.presenter.leave(self.review.current_file)

    def save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the import report",
                                              "import-report.csv", "CSV (*.csv)")
        if path:
            target = path if path.lower().endswith(".csv") else path + ".csv"
            try:
                self.presenter.save_report_csv(target)
            except OSError as error:
                self.presenter.say("error", f"The report could not be saved: {error}")
                return
            self.presenter.say("info", f"Report saved to {target}.")
