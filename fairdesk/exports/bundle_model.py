"""What a résumé bundle is made of, as plain data (the service fills it from the event).

Résumé bytes are not part of the data: the writer asks for them one candidate
at a time through a callable, so a large event never holds every résumé in
memory at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

ResumeState = Literal["pdf", "file", "none", "no_consent", "unreadable", "missing"]


@dataclass(frozen=True)
class BundleHeader:
    event: str
    venue: str
    dates: str            # "20 August 2026" or "20–21 August 2026"
    employer: str
    booth: str
    generated: str        # local date and time of the export, for the cover
    shortlist_only: bool = False


@dataclass(frozen=True)
class BundleCandidate:
    """One visitor of the employer's booth. Contact fields are empty without consent."""

    key: str              # what the résumé fetcher is asked for (candidate id)
    ref: str
    first_name: str
    last_name: str
    consent: bool
    email: str = ""
    phone: str = ""
    roles: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    education: str = ""
    district: str = ""
    experience: str = ""
    walk_in: bool = False
    visit_time: str = ""  # local "10:42", with the day when the fair has several
    seen: int = 1
    rating: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    shortlist: bool = False
    has_resume: bool = False
    resume_name: str = ""  # the original file name, for its suffix
    resume_mime: str = "application/pdf"
    interview: str = ""     # "Fri 21 Aug · 10:00–10:20 · Room 1": a standing Phase Two booking
    interview_at: str = ""  # "2026-08-21 10:00", the book's order for booked candidates

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.ref

    @property
    def sort_name(self) -> str:
        if self.first_name and self.last_name:
            return f"{self.last_name}, {self.first_name}"
        return self.display_name


ResumeFetcher = Callable[[BundleCandidate], bytes | None]
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass
class Entry:
    """A candidate's place in the book, filled in while the bundle is written."""

    number: int
    candidate: BundleCandidate
    state: ResumeState = "none"
    resume_pages: int = 0
    member: str = ""       # file name of the original résumé inside the ZIP
    problem: str = ""
    summary_page: int = 0  # 0-based page index in the finished book

    @property
    def resume_label(self) -> str:
        return {
            "pdf": f"{self.resume_pages} p.",
            "file": "separate file",
            "none": "none",
            "no_consent": "no consent",
            "unreadable": "unreadable",
            "missing": "not received",
        }[self.state]


@dataclass
class BundleResult:
    file: str
    candidates: int
    pages: int
    resumes: int
    problems: list[dict[str, str]] = field(default_factory=list)
    cancelled: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file, "candidates": self.candidates, "pages": self.pages,
            "resumes": self.resumes, "problems": list(self.problems),
            "cancelled": self.cancelled,
        }


class Cancelled(Exception):
    """The user cancelled; the bundle being written is dropped."""
