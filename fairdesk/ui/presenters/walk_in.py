"""The walk-in form (and the same form for editing a candidate's details).

While the desk types, people already in the event with the same e-mail,
phone or name are offered instead (``duplicates``), so nobody is registered
twice. Saving a walk-in gives a ``W<desk>-NNNN`` ref; the desk presenter then
checks them in and prints the badge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError, InvalidField
from fairdesk.domain.model import Candidate
from fairdesk.services import desk
from fairdesk.services.candidates import edit_candidate
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession
from fairdesk.services.walkins import register_walk_in
from fairdesk.ui.presenters.base import Presenter


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | list | bool | choice


FIELDS: tuple[Field, ...] = (
    Field("first_name", "First name"),
    Field("last_name", "Last name"),
    Field("email", "E-mail"),
    Field("phone", "Phone"),
    Field("district", "District", "choice"),
    Field("roles", "Roles wanted (comma-separated)", "list"),
    Field("languages", "Languages (comma-separated)", "list"),
    Field("consent", "Employers whose booth scans the badge may receive the résumé and "
          "contact details", "bool"),
)
_WATCHED = frozenset({"first_name", "last_name", "email", "phone"})
MAX_RESUME_BYTES = 20 * 1024 * 1024


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class CandidateForm(Presenter):
    """``existing=None``: a new walk-in; otherwise editing that candidate."""

    def __init__(self, session: EventSession, existing: Candidate | None = None) -> None:
        super().__init__()
        self.session = session
        self.existing = existing
        self.values: dict[str, Any] = {f.key: "" for f in FIELDS}
        self.values["consent"] = False
        if existing is not None:
            self._load(existing)
        self.duplicates: list[desk.Duplicate] = []
        self.resume: Path | None = None
        self.error_field = ""
        self.on_saved: Callable[[Candidate], None] = lambda candidate: None
        self.on_use_existing: Callable[[Candidate], None] = lambda candidate: None

    def _load(self, c: Candidate) -> None:
        self.values.update(
            first_name=c.first_name, last_name=c.last_name, email=c.email, phone=c.phone,
            district=c.district, roles=", ".join(c.roles), languages=", ".join(c.languages),
            consent=c.consent)

    @property
    def is_walk_in(self) -> bool:
        return self.existing is None

    @property
    def title(self) -> str:
        if self.existing is None:
            return f"Register a walk-in at desk {self.session.desk or '?'}"
        return f"Edit {self.existing.display_name} ({self.existing.ref})"

    @property
    def districts(self) -> list[str]:
        return desk.district_suggestions(self.session)

    # ---------------------------------------------------------- typing
    def set(self, key: str, value: Any) -> None:
        self.values[key] = value
        if key == self.error_field:
            self.error_field = ""
        if key in _WATCHED and self.is_walk_in:
            self._look_for_duplicates()
        self.changed()

    def _look_for_duplicates(self) -> None:
        v = self.values
        self.duplicates = desk.duplicates(
            self.session, first_name=str(v["first_name"]), last_name=str(v["last_name"]),
            email=str(v["email"]), phone=str(v["phone"]))

    @property
    def duplicate_lines(self) -> list[str]:
        return [f"{d.candidate.display_name} ({d.candidate.ref}) — {d.reason}"
                + (f" · {d.candidate.email}" if d.candidate.email else "")
                for d in self.duplicates]

    def use_existing(self, index: int = 0) -> None:
        """Take the offered person instead of registering a new one."""
        if 0 <= index < len(self.duplicates):
            self.on_use_existing(self.duplicates[index].candidate)

    def attach(self, path: Path | None) -> None:
        """A résumé from a USB stick (PDF); ``None`` takes it off the form."""
        if path is not None and not path.is_file():
            self.say("error", f"{path} is not a file.", "unreadable_file")
            return
        self.resume = path
        self.changed()

    # ---------------------------------------------------------- saving
    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in FIELDS:
            value = self.values[f.key]
            out[f.key] = _split(str(value)) if f.kind == "list" else value
        return out

    def save(self) -> Candidate | None:
        try:
            candidate = self._write()
        except FairDeskError as error:
            self.error_field = error.field if isinstance(error, InvalidField) else ""
            self.refused(error)
            self.changed()
            return None
        except OSError as error:
            self.say("error", f"The résumé could not be read ({error.strerror}).",
                     "unreadable_file")
            return None
        self.on_saved(candidate)
        return candidate

    def _write(self) -> Candidate:
        fields = self.fields()
        if not (str(fields["first_name"]).strip() or str(fields["last_name"]).strip()):
            raise InvalidField("first_name", "Type the walk-in's name first.")
        email = str(fields["email"]).strip()
        if email and ("@" not in email or "." not in email.split("@")[-1]):
            raise InvalidField("email", f"“{email}” is not an e-mail address.")
        data = self._resume_bytes()
        if self.existing is None:
            candidate = register_walk_in(self.session, **fields)
        else:
            candidate = edit_candidate(self.session, self.existing.id, **fields)
        if data is not None and self.resume is not None:
            candidate = attach_resume(self.session, candidate.id, data,
                                      original_name=self.resume.name)
        return candidate

    def _resume_bytes(self) -> bytes | None:
        if self.resume is None:
            return None
        if self.resume.stat().st_size > MAX_RESUME_BYTES:
            raise InvalidField("resume", f"{self.resume.name} is larger than 20 MB.")
        return self.resume.read_bytes()
