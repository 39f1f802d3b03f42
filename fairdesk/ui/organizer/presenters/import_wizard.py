"""The import wizard's state, as plain Python (the Qt view only renders it).

Steps, in order (:class:`Step`)::

    FILE → (SHEET) → MAPPING → DRY_RUN → IMPORTING → RESUMES → (REVIEW) → DONE

- ``choose_file(path)`` reads the file; a workbook with several sheets goes to
  SHEET (``choose_sheet(name)``), anything else straight to MAPPING.
- MAPPING: ``columns`` (header, target, sample cells) and ``preview`` (first
  rows, every cell plain text: formula-looking cells must be shown as text);
  ``set_target(index, target)`` changes one column (``target_choices`` lists
  them); ``can_dry_run`` says whether a name column is chosen.
- ``dry_run()`` → DRY_RUN with ``report`` and ``report_rows`` (a table the view
  shows and ``save_report_csv(path)`` writes).
- ``start_import()`` → IMPORTING; the view runs ``import_job()`` on its job
  helper (it opens its own connection) and hands the result to
  ``import_finished(result)`` or the error to ``job_failed(error)``. Tests and
  simple callers use ``run_import()``, which does all three synchronously. A
  cancelled import returns to DRY_RUN with the event unchanged.
- RESUMES (candidates only): ``resume_job(folder)`` / ``resumes_finished`` or
  ``run_resumes(folder)``; ``skip_resumes()`` goes to DONE.
- REVIEW: ``pending`` lists files that fit several candidates;
  ``resolve(file, candidate_id)`` gives one away, ``leave(file)`` keeps it
  for later; the step ends (DONE) when none is left or on ``finish()``.
  ``resume_report`` follows the review: a resolved file leaves ``ambiguous``,
  counts as ``matched`` and is listed in ``resolved`` (file, ref, name).
- ``back()`` returns to the previous step where that makes sense.

``on_change()`` fires after every state change; messages go to ``on_message``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import Cancelled, FairDeskError
from fairdesk.imports.cleaning import looks_like_formula
from fairdesk.imports.mapping import CANDIDATE_TARGETS, EMPLOYER_TARGETS, IGNORE
from fairdesk.services import importing, resume_import
from fairdesk.services.session import EventSession, open_session
from fairdesk.ui.common.presenters.base import Presenter

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Work = Callable[[Progress, CancelCheck], dict[str, Any]]
REPORT_COLUMNS = ("row", "status", "field", "reason")


class Step(Enum):
    FILE = "file"
    SHEET = "sheet"
    MAPPING = "mapping"
    DRY_RUN = "dry_run"
    IMPORTING = "importing"
    RESUMES = "resumes"
    REVIEW = "review"
    DONE = "done"


class ImportWizard(Presenter):
    """One run of the import wizard for ``kind`` "candidates" or "employers"."""

    def __init__(self, session: EventSession, kind: str = "candidates") -> None:
        super().__init__()
        self.session = session
        self.kind = kind
        self.step = Step.FILE
        self.path: Path | None = None
        self.sheets: tuple[str, ...] = ()
        self.sheet: str | None = None
        self.headers: tuple[str, ...] = ()
        self.mapping: list[str] = []
        self.remembered = False
        self.preview: list[tuple[int, tuple[str, ...]]] = []
        self.total_rows = 0
        self.report: dict[str, Any] = {}
        self.resume_report: dict[str, Any] = {}
        self.pending: list[dict[str, Any]] = []
        self.progress: tuple[int, int] = (0, 0)

    # ------------------------------------------------------------ file & sheet
    def choose_file(self, path: Path | str) -> None:
        self.path = Path(path)
        self.sheet = None
        if self._load_preview():
            self._go(Step.SHEET if len(self.sheets) > 1 else Step.MAPPING)

    def choose_sheet(self, name: str) -> None:
        self.sheet = name
        if self._load_preview():
            self._go(Step.MAPPING)

    def _load_preview(self) -> bool:
        assert self.path is not None
        try:
            found = importing.preview_file(self.session, self.path, self.sheet, self.kind)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.sheets, self.sheet = found.sheets, found.sheet or None
        self.headers, self.mapping = found.headers, list(found.mapping)
        self.remembered, self.total_rows = found.remembered, found.total_rows
        self.preview = list(found.rows)
        return True

    # ------------------------------------------------------------ mapping
    @property
    def target_choices(self) -> list[tuple[str, str]]:
        """``(target, label)`` for the column menus; ``""`` means "don't import"."""
        targets = CANDIDATE_TARGETS if self.kind == "candidates" else EMPLOYER_TARGETS
        return [(IGNORE, "Don't import"), *targets.items()]

    @property
    def columns(self) -> list[dict[str, Any]]:
        """Per column: index, header, target, its label and up to three sample cells."""
        labels = dict(self.target_choices)
        return [{"index": i, "header": h, "target": self.mapping[i],
                 "label": labels[self.mapping[i]],
                 "samples": [cells[i] for _, cells in self.preview[:3] if cells[i].strip()]}
                for i, h in enumerate(self.headers)]

    def set_target(self, index: int, target: str) -> None:
        """Point column ``index`` at ``target``; a column that had it loses it."""
        if target not in dict(self.target_choices):
            raise ValueError(f"unknown target {target!r}")
        if target:
            self.mapping = [IGNORE if t == target else t for t in self.mapping]
        self.mapping[index] = target
        self.changed()

    @property
    def can_dry_run(self) -> bool:
        names = {"full_name", "first_name", "last_name"} if self.kind == "candidates" else {
            "name"}
        return bool(names & set(self.mapping))

    @staticmethod
    def shows_as_formula(cell: str) -> bool:
        """The view marks these cells: they are kept and shown as plain text."""
        return looks_like_formula(cell)

    # ------------------------------------------------------------ dry run & import
    def dry_run(self) -> None:
        if not self.can_dry_run:
            self.say("warning", "Choose the column that holds the name first.", "no_name_column")
            return
        try:
            self.report = self._run(self.session, dry_run=True)
        except FairDeskError as error:
            self.refused(error)
            return
        self._go(Step.DRY_RUN)

    def _run(self, session: EventSession, *, dry_run: bool, progress: Progress | None = None,
             cancel: CancelCheck | None = None) -> dict[str, Any]:
        assert self.path is not None
        if self.kind == "candidates":
            return importing.import_candidates(session, self.path, self.mapping, dry_run,
                                               progress, cancel=cancel, sheet=self.sheet)
        return importing.import_employers(session, self.path, self.mapping, dry_run,
                                          sheet=self.sheet)

    def start_import(self) -> None:
        self.progress = (0, self.total_rows)
        self._go(Step.IMPORTING)

    def import_job(self) -> Work:
        """The import as a job: opens its own connection to the event file."""
        path = self.session.path
        clock = self.session.clock

        def work(progress: Progress, cancel: CancelCheck) -> dict[str, Any]:
            if path is None:
                return self._run(self.session, dry_run=False, progress=progress, cancel=cancel)
            own = open_session(path, clock=clock)
            try:
                return self._run(own, dry_run=False, progress=progress, cancel=cancel)
            finally:
                own.close()

        return work

    def set_progress(self, done: int, total: int) -> None:
        self.progress = (done, total)
        self.changed()

    def import_finished(self, report: dict[str, Any]) -> None:
        self.report = report
        self.say("info", self.summary)
        self._go(Step.RESUMES if self.kind == "candidates" else Step.DONE)

    def job_failed(self, error: BaseException) -> None:
        """A job ended with an error: a cancel or refusal goes back one step."""
        back = Step.DRY_RUN if self.step is Step.IMPORTING else Step.RESUMES
        if isinstance(error, Cancelled):
            self.say("info", error.message, error.code)
        elif isinstance(error, FairDeskError):
            self.refused(error)
        else:
            self.say("error", f"The import stopped: {error}", "internal")
        self._go(back)

    def run_import(self, progress: Progress | None = None,
                   cancel: CancelCheck | None = None) -> None:
        """Start, run and finish the import on this thread (tests, scripts)."""
        self.start_import()
        try:
            report = self.import_job()(progress or self.set_progress, cancel or (lambda: False))
        except Exception as error:  # every failure is shown, never lost
            self.job_failed(error)
            return
        self.import_finished(report)

    # ------------------------------------------------------------ résumés
    def resume_job(self, folder: Path | str) -> Work:
        path, clock = self.session.path, self.session.clock

        def work(progress: Progress, cancel: CancelCheck) -> dict[str, Any]:
            if path is None:
                return resume_import.import_resumes(self.session, folder, progress, cancel)
            own = open_session(path, clock=clock)
            try:
                return resume_import.import_resumes(own, folder, progress, cancel)
            finally:
                own.close()

        return work

    def resumes_finished(self, report: dict[str, Any]) -> None:
        self.resume_report = {**report, "ambiguous": list(report["ambiguous"]), "resolved": []}
        self.pending = list(report["ambiguous"])
        self.say("info", f"{report['files']} files: {report['matched']} matched, "
                         f"{len(report['ambiguous'])} to review, {len(report['unmatched'])} "
                         f"unmatched, {len(report['rejected'])} refused.")
        self._go(Step.REVIEW if self.pending else Step.DONE)

    def run_resumes(self, folder: Path | str, cancel: CancelCheck | None = None) -> None:
        try:
            report = self.resume_job(folder)(self.set_progress, cancel or (lambda: False))
        except Exception as error:  # every failure is shown, never lost
            self.job_failed(error)
            return
        self.resumes_finished(report)

    def skip_resumes(self) -> None:
        self._go(Step.DONE)

    def resolve(self, file: str, candidate_id: str) -> None:
        entry = next(a for a in self.pending if a["file"] == file)
        try:
            given = resume_import.resolve_resume(self.session, entry["sha256"], candidate_id, file)
        except FairDeskError as error:
            self.refused(error)
            return
        self.pending.remove(entry)
        report = self.resume_report
        report["ambiguous"] = [a for a in report["ambiguous"] if a["file"] != file]
        report["matched"] += 1
        report["resolved"].append({"file": file, "ref": given.ref, "name": given.display_name})
        self._after_review()

    def leave(self, file: str) -> None:
        self.pending = [a for a in self.pending if a["file"] != file]
        self._after_review()

    def _after_review(self) -> None:
        if self.pending:
            self.changed()
        else:
            self._go(Step.DONE)

    def finish(self) -> None:
        self._go(Step.DONE)

    # ------------------------------------------------------------ report table
    @property
    def summary(self) -> str:
        r = self.report
        if not r:
            return ""
        return (f"{r['rows']} rows: {r['imported']} new, {r['updated']} updated, "
                f"{r['duplicates']} duplicates, {r['skipped']} skipped.")

    @property
    def report_rows(self) -> list[dict[str, Any]]:
        """Every row not taken, then every warning; then résumé files with a note,
        the ones given away in the review and the ones still to review."""
        rows = [{"row": p["row"], "status": "not taken", "field": p["field"],
                 "reason": p["reason"]} for p in self.report.get("problems", [])]
        rows += [{"row": w["row"], "status": "warning", "field": w["field"],
                  "reason": w["reason"]} for w in self.report.get("warnings", [])]
        r = self.resume_report
        for status, key in (("refused", "rejected"), ("unmatched", "unmatched"),
                            ("note", "warnings")):
            rows += [{"row": f["file"], "status": status, "field": "file",
                      "reason": f["reason"]} for f in r.get(key, [])]
        rows += [{"row": f["file"], "status": "resolved", "field": "file",
                  "reason": f"given to {f['ref']} {f['name']} in the review"}
                 for f in r.get("resolved", [])]
        rows += [{"row": a["file"], "status": "to review", "field": "file",
                  "reason": "fits " + ", ".join(f"{c['ref']} {c['name']}" for c in
                                                a["choices"])} for a in r.get("ambiguous", [])]
        return rows

    def save_report_csv(self, path: Path | str) -> None:
        """Write the report table; formula-looking cells are written so they stay text."""
        target = Path(path)
        temporary = target.with_name(target.name + ".partial")
        with temporary.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(REPORT_COLUMNS)
            for row in self.report_rows:
                writer.writerow([_as_text(row[c]) for c in REPORT_COLUMNS])
        os.replace(temporary, target)

    # ------------------------------------------------------------ navigation
    def back(self) -> None:
        previous = {Step.SHEET: Step.FILE, Step.DRY_RUN: Step.MAPPING,
                    Step.MAPPING: Step.SHEET if len(self.sheets) > 1 else Step.FILE}
        if self.step in previous:
            self._go(previous[self.step])

    def _go(self, step: Step) -> None:
        self.step = step
        self.changed()


def _as_text(value: Any) -> str:
    text = str(value)
    return "'" + text if looks_like_formula(text) else text
