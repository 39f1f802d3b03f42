"""The organizer's export screen, as plain Python (the Qt view only renders it).

The screen lists employers with how many candidates visited their booth (and
how many they shortlisted). The organizer picks all or one, may keep only the
Phase Two shortlist, chooses an output folder and starts; a progress bar runs,
cancel stops after the current candidate (finished bundles stay), and the
result lists each employer's file, pages and problems.

States: ``idle`` → ``running`` → ``done`` | ``cancelled`` | ``failed``.
The view runs :meth:`ExportScreen.export_job` on its job helper (the job opens
its own connection) and hands back :meth:`export_finished` or
:meth:`job_failed`; tests and scripts call :meth:`run_export`.

The event report and the visits / check-ins lists take a few seconds on a
large event, so they run as jobs too: :meth:`start_writing` marks the screen
busy (``writing``) and returns the job; :meth:`write_finished` or
:meth:`write_failed` ends it. One at a time; bundles may run meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fairdesk.domain.errors import Cancelled, FairDeskError
from fairdesk.services import exports
from fairdesk.services.exports import EmployerLine
from fairdesk.services.session import Change, EventSession, open_session
from fairdesk.ui.common.presenters.base import Presenter

State = Literal["idle", "running", "done", "cancelled", "failed"]
Writing = Literal["report", "visits", "checkins"]
Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Work = Callable[[Progress, CancelCheck], dict[str, Any]]


@dataclass(frozen=True)
class ResultLine:
    employer: str
    file: str
    candidates: int
    pages: int
    problems: tuple[str, ...]


class ExportScreen(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.employers: list[EmployerLine] = []
        self.selected: str | None = None  # employer id; None = all with visitors
        self.shortlist_only = False
        self.out_dir: Path | None = None
        self.state: State = "idle"
        self.done, self.total = 0, 0
        self.results: list[ResultLine] = []
        self.writing: Writing | None = None  # the report or list being written
        self.writing_to: Path | None = None
        self._cancel = threading.Event()
        self._current = ""
        self.refresh()

    # ------------------------------------------------------------ choices
    def refresh(self) -> None:
        self.employers = exports.employer_overview(self.session)
        if self.selected not in {e.id for e in self.employers}:
            self.selected = None
        self.changed()

    def count(self, line: EmployerLine) -> int:
        return line.shortlisted if self.shortlist_only else line.visitors

    @property
    def chosen(self) -> list[EmployerLine]:
        lines = [e for e in self.employers if self.selected in (None, e.id)]
        return [e for e in lines if self.count(e)]

    def choose_all(self) -> None:
        self.selected = None
        self.changed()

    def choose(self, employer_id: str) -> None:
        if employer_id not in {e.id for e in self.employers}:
            raise KeyError(employer_id)
        self.selected = employer_id
        self.changed()

    def set_shortlist_only(self, value: bool) -> None:
        self.shortlist_only = value
        self.changed()

    def set_out_dir(self, folder: Path | str) -> None:
        self.out_dir = Path(folder)
        self.changed()

    @property
    def can_start(self) -> bool:
        return self.state != "running" and self.out_dir is not None and bool(self.chosen)

    @property
    def hint(self) -> str:
        """Why Start is greyed out, or what it will do."""
        if self.out_dir is None:
            return "Choose a folder for the bundles."
        if not self.chosen:
            return "Nobody to export: no visitors" + (
                " shortlisted for Phase Two." if self.shortlist_only else " yet.")
        people = sum(self.count(e) for e in self.chosen)
        return f"{len(self.chosen)} bundle(s), {people} candidate(s)."

    # ------------------------------------------------------------ running
    def start(self) -> None:
        if not self.can_start:
            raise RuntimeError(self.hint)
        self._cancel.clear()
        self.state, self.results, self._current = "running", [], ""
        self.done, self.total = 0, sum(self.count(e) for e in self.chosen)
        self.changed()

    def export_job(self) -> Work:
        """The export as a job: opens its own connection to the event file."""
        path, clock = self.session.path, self.session.clock
        out, key, shortlist = self.out_dir, self.selected, self.shortlist_only
        assert out is not None

        def work(progress: Progress, cancel: CancelCheck) -> dict[str, Any]:
            def stop() -> bool:
                return self._cancel.is_set() or cancel()

            def step(done: int, total: int, name: str) -> None:
                self._current = name  # read by the view with the progress it announces
                progress(done, total)

            own = open_session(path, clock=clock) if path is not None else self.session
            try:
                return exports.build_bundles(own, out, employer_key=key,
                                             shortlist_only=shortlist, progress=step,
                                             cancel=stop)
            finally:
                if own is not self.session:
                    own.close()

        return work

    def set_progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        self.changed()

    @property
    def current(self) -> str:
        """The employer whose bundle progressed last (several are written at once)."""
        return self._current if self.state == "running" else ""

    def cancel(self) -> None:
        if self.state == "running":
            self._cancel.set()
            self.say("info", "Cancelling after the current candidate…")

    def export_finished(self, report: dict[str, Any]) -> None:
        self.results = [
            ResultLine(r["employer"], r["file"], r["candidates"], r["pages"],
                       tuple(f"{p['ref']} {p['name']}: {p['problem']}" for p in r["problems"]))
            for r in report["employers"]
        ]
        self.state = "cancelled" if report["cancelled"] else "done"
        problems = sum(len(r.problems) for r in self.results)
        text = f"{len(self.results)} bundle(s) written to {report['out_dir']}"
        text += f"; {problems} résumé problem(s)." if problems else "."
        if report["cancelled"]:
            text = f"Cancelled. {text}"
        self.say("warning" if problems or report["cancelled"] else "info", text)
        self.session.publish(Change("audit"))  # the job logged the export on its connection
        self.refresh()

    def job_failed(self, error: BaseException) -> None:
        self.state = "failed"
        if isinstance(error, Cancelled):
            self.state = "cancelled"
            self.say("info", error.message, error.code)
        elif isinstance(error, FairDeskError):
            self.refused(error)
        elif isinstance(error, OSError):
            self.say("error", f"The bundles could not be written: {error}", "write_failed")
        else:
            self.say("error", f"The export stopped: {error}", "internal")
        self.changed()

    def run_export(self, progress: Progress | None = None,
                   cancel: CancelCheck | None = None) -> None:
        """Start, run and finish on this thread (tests, scripts)."""
        self.start()
        try:
            report = self.export_job()(progress or self.set_progress, cancel or (lambda: False))
        except Exception as error:  # every failure is shown, never lost
            self.job_failed(error)
            return
        self.export_finished(report)

    # ------------------------------------------------------------ report and lists
    @property
    def can_write(self) -> bool:
        return self.writing is None

    @property
    def writing_text(self) -> str:
        if self.writing is None or self.writing_to is None:
            return ""
        return f"Writing {_WHAT[self.writing]} to {self.writing_to.name}…"

    def start_writing(self, kind: Writing, path: Path | str) -> Work:
        """Mark the report or a list as being written; returns the job that writes it.

        The job opens its own connection to the event file, like the bundles.
        """
        if self.writing is not None:
            raise RuntimeError(self.writing_text)
        target, db, clock = Path(path), self.session.path, self.session.clock
        self.writing, self.writing_to = kind, target
        self.changed()

        def work(_progress: Progress, _cancel: CancelCheck) -> dict[str, Any]:
            own = open_session(db, clock=clock) if db is not None else self.session
            try:
                return _WRITERS[kind](own, target)
            finally:
                if own is not self.session:
                    own.close()

        return work

    def write_finished(self, result: dict[str, Any]) -> None:
        self.writing = self.writing_to = None
        size = f"{result['pages']} page(s)" if "pages" in result else f"{result['rows']} row(s)"
        self.say("info", f"Saved {result['file']} ({size}).")
        self.session.publish(Change("audit"))
        self.changed()

    def write_failed(self, error: BaseException) -> None:
        kind, target = self.writing, self.writing_to
        self.writing = self.writing_to = None
        if isinstance(error, FairDeskError):
            self.refused(error)
        elif isinstance(error, OSError):
            name = target.name if target is not None else "The file"
            self.say("error", f"{name} could not be written: {error}", "write_failed")
        else:
            what = _WHAT[kind].capitalize() if kind is not None else "The export"
            self.say("error", f"{what} stopped: {error}", "internal")
        self.changed()

    def write_report(self, path: Path | str) -> dict[str, Any] | None:
        """The event report PDF, written on this thread (tests, scripts)."""
        return self._write_here("report", path)

    def write_list(self, kind: Literal["visits", "checkins"],
                   path: Path | str) -> dict[str, Any] | None:
        """The visits or check-ins list as CSV or XLSX (by the file's suffix), on this thread."""
        return self._write_here(kind, path)

    def _write_here(self, kind: Writing, path: Path | str) -> dict[str, Any] | None:
        work = self.start_writing(kind, path)
        try:
            result = work(lambda _done, _total: None, lambda: False)
        except Exception as error:  # every failure is shown, never lost
            self.write_failed(error)
            return None
        self.write_finished(result)
        return result


_WHAT: dict[Writing, str] = {"report": "the event report", "visits": "the visits list",
                             "checkins": "the check-ins list"}
_WRITERS: dict[Writing, Callable[[EventSession, Path], dict[str, Any]]] = {
    "report": exports.export_report, "visits": exports.export_visits,
    "checkins": exports.export_checkins,
}
