"""The records of an event, as plain frozen dataclasses.

Times are timezone-aware ``datetime`` values in UTC; a fair day is the local
``date`` in the event's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Source = Literal["roster", "walk_in"]


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    venue: str
    timezone: str
    days: tuple[date, ...]
    created_at: datetime
    public_key: bytes
    signing_key: bytes | None = None  # absent on booth devices


@dataclass(frozen=True)
class Employer:
    id: str
    name: str
    booth: str = ""
    sector: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    tags: tuple[str, ...] = ()


ERASED_NAME = "erased candidate"


def person_name(first_name: str, last_name: str, erased: bool = False) -> str:
    """"Marie Jn Baptiste"; an erased person shows no name, only :data:`ERASED_NAME`."""
    if erased:
        return ERASED_NAME
    return " ".join(p for p in (first_name, last_name) if p)


@dataclass(frozen=True)
class Candidate:
    id: str
    ref: str
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    district: str = ""
    education: str = ""
    languages: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    experience: str = ""
    consent: bool = False
    source: Source = "roster"
    desk: int | None = None
    resume_sha: str | None = None
    cv_filename: str = ""
    submitted_at: str = ""
    erased: bool = False  # personal data erased on request (issue 16); facts stay

    @property
    def display_name(self) -> str:
        return person_name(self.first_name, self.last_name, self.erased)

    @property
    def sort_name(self) -> str:
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.display_name

    @property
    def walk_in(self) -> bool:
        return self.source == "walk_in"


@dataclass(frozen=True)
class CheckIn:
    id: str
    candidate_id: str
    day: date
    at: datetime
    desk: int | None
    device_id: str
    undone_at: datetime | None = None
    undo_reason: str = ""


@dataclass(frozen=True)
class Visit:
    id: str
    candidate_id: str
    employer_id: str
    device_id: str
    first_seen: datetime
    last_seen: datetime
    seen_count: int = 1
    rating: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    shortlist: bool = False


@dataclass(frozen=True)
class BadgePrint:
    id: str
    candidate_id: str
    at: datetime
    device_id: str
    desk: int | None
    layout: str
    reason: str = ""


@dataclass(frozen=True)
class Op:
    """One change, as it travels between devices (DESIGN.md "Identity and sync")."""

    op_id: str
    device_id: str
    seq: int
    kind: str
    at: datetime
    hlc: str
    body: dict[str, Any] = field(default_factory=dict)
