"""Long work off the GUI thread, with progress and cancel (STYLE habit 4).

A job is a plain function ``work(progress, cancelled) -> result`` that opens
its own database connection (SQLite connections never cross threads) and never
touches a widget. Results, progress and errors come back as Qt signals on the
GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


class JobSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self._cancel.is_set)
        except Exception as error:
            error.__notes__ = [traceback.format_exc()]
            self.signals.failed.emit(error)
            return
        self.signals.done.emit(result)


def start(work: Work, on_done: Callable[[Any], None], on_failed: Callable[[Exception], None],
          on_progress: Progress | None = None) -> Job:
    job = Job(work)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(job)
    return job
