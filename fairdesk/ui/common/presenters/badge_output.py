"""Where the desk's badges go: the port the desk presenter prints through.

The Qt side (``fairdesk.ui.common.printing``) implements it for a real printer and
for "print to folder"; tests and the bench use :class:`FolderSync`, which
writes at once on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from fairdesk.services.badges import BadgeDraft, write_atomic


@dataclass(frozen=True)
class BadgeJob:
    """One badge to print: the PDF is rendered before the job is handed over."""

    candidate_id: str
    ref: str
    name: str
    pdf: bytes
    layout: str
    reason: str = ""


Done = Callable[[BadgeJob, str], None]  # (job, where it went: a file or a printer name)
Failed = Callable[[BadgeJob, str], None]  # (job, a sentence saying why)


class BadgeOutput(Protocol):
    @property
    def description(self) -> str:
        """For the status bar: "Printer QL-800", "Folder ~/badges", "No printer"."""
        ...

    @property
    def ready(self) -> bool: ...

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        """Print ``job``; call ``done`` or ``failed`` later, on the caller's thread."""
        ...


def folder_target(folder: Path, ref: str) -> Path:
    """``C-0147.pdf``, then ``C-0147-2.pdf`` … for reprints: never overwrite a badge."""
    target = folder / f"{ref}.pdf"
    number = 2
    while target.exists():
        target = folder / f"{ref}-{number}.pdf"
        number += 1
    return target


def write_to_folder(folder: Path, job: BadgeJob) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder_target(folder, job.ref)
    write_atomic(target, job.pdf)
    return target


class FolderSync:
    """Writes each badge into a folder at once (tests, the bench, scripts)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def description(self) -> str:
        return f"Folder {self.folder}"

    @property
    def ready(self) -> bool:
        return True

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        try:
            target = write_to_folder(self.folder, job)
        except OSError as error:
            failed(job, f"The badge could not be written to {self.folder} ({error.strerror}).")
            return
        done(job, str(target))


class NoOutput:
    """No printer chosen yet: check-ins go on, badges wait for a reprint."""

    description = "No printer chosen"
    ready = False

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        failed(job, "No printer is chosen: pick one (Ctrl+Shift+P), then reprint (Ctrl+P).")


class BadgePreparer:
    """Renders the selected candidate's badge while the desk worker looks at the card.

    The desk knows who Enter will check in before it is pressed: :meth:`prepare`
    starts rendering that badge on a worker thread (the draft was read from the
    event on the caller's thread; rendering touches no database) and drops the
    one prepared for the previous selection. :meth:`take` hands the PDF over
    only when it was prepared from an equal draft and is finished; otherwise
    the caller renders inline, so the first badge of a fresh search is always
    the right one.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="badge-prep")
        self._draft: BadgeDraft | None = None
        self._future: Future[bytes] | None = None

    def prepare(self, draft: BadgeDraft) -> None:
        if draft == self._draft:
            return
        self.cancel()
        self._draft = draft
        self._future = self._pool.submit(draft.render)

    def take(self, draft: BadgeDraft) -> bytes | None:
        future = self._future
        if future is None or draft != self._draft or not future.done() or future.cancelled():
            return None
        self._draft, self._future = None, None
        return None if future.exception() is not None else future.result()

    def cancel(self) -> None:
        if self._future is not None:
            self._future.cancel()  # a render already running finishes and is dropped
        self._draft, self._future = None, None

    def close(self) -> None:
        self.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)


class NoPreparer:
    """Renders nothing ahead (scripts, and the bench's 'inline' side)."""

    def prepare(self, draft: BadgeDraft) -> None:
        pass

    def take(self, draft: BadgeDraft) -> bytes | None:
        return None

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass
