"""Where the desk's badges go: the port the desk presenter prints through.

The Qt side (``fairdesk.ui.common.printing``) implements it for a real printer and
for "print to folder"; tests and the bench use :class:`FolderSync`, which
writes at once on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from fairdesk.services.badges import write_atomic


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
