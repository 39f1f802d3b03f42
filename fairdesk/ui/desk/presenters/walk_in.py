"""The walk-in form (and the same form for editing a candidate's details).

While the desk types, people already in the event with the same e-mail,
phone or name are offered instead (``duplicates``), so nobody is registered
twice. Saving a walk-in gives a ``W<desk>-NNNN`` ref; the desk presenter then
checks them in and prints the badge.

A résumé can come with the form: a file from a USB stick (:meth:`attach`,
checked like the import's files, which may take seconds for a Word file, so
the view passes a ``runner`` that works off the GUI thread) or photos of a
paper résumé (:meth:`attach_resume` with what :mod:`.photo` made). It is shown
by name and can be taken off (:meth:`remove_resume`) until the form is saved.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError, InvalidField
from fairdesk.domain.model import Candidate
from fairdesk.services import desk
from fairdesk.services.session import EventSession
from fairdesk.services.walkins import (
    ResumeFile,
    check_resume_file,
    edit_details,
    register_with_resume,
)
from fairdesk.ui.common.presenters.base import Presenter

Work = Callable[[], Any]
Runner = Callable[[Work, Callable[[Any], None], Callable[[Exception], None]], None]
RESUME_FILTER = "Résumés (*.pdf *.docx *.doc *.odt *.rtf *.jpg *.jpeg *.png);;All files (*)"


def run_now(work: Work, done: Callable[[Any], None], failed: Callable[[Exception], None]) -> None:
    """The default runner: the work in hand, on this thread (tests, scripts)."""
    try:
        result = work()
    except Exception as error:  # handed to ``failed``, which decides what it means
        failed(error)
        return
    done(result)


def usb_folder(home: Path | None = None, user: str | None = None,
               mounts: tuple[Path, ...] | None = None) -> Path:
    """Where a file picker should open: the first USB stick mounted, else the home folder."""
    home = home or Path.home()
    user = user or os.environ.get("USER") or os.environ.get("USERNAME") or home.name
    if mounts is None:
        mounts = (Path("/media") / user, Path("/run/media") / user, Path("/Volumes"))
    for root in mounts:
        try:
            sticks = sorted(p for p in root.iterdir()
                            if p.is_dir() and p.name != "Macintosh HD")
        except OSError:
            continue
        if sticks:
            return sticks[0]
    return home


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
        self.resume: ResumeFile | None = None
        self.checking = ""  # the name of a résumé file being checked, if any
        self._attempt = 0  # a late check of a file since replaced or removed is dropped
        self.runner: Runner = run_now
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

    # ---------------------------------------------------------- the résumé
    def attach(self, path: Path | None) -> None:
        """A résumé file (a USB stick): checked by ``runner``; ``None`` takes it off."""
        if path is None:
            self.remove_resume()
            return
        self._attempt += 1
        attempt = self._attempt
        self.checking = path.name
        self.changed()
        self.runner(lambda: check_resume_file(path),
                    lambda checked: self._checked(attempt, checked),
                    lambda error: self._not_taken(attempt, path, error))

    def _checked(self, attempt: int, checked: ResumeFile) -> None:
        if attempt == self._attempt:
            self.attach_resume(checked)

    def _not_taken(self, attempt: int, path: Path, error: Exception) -> None:
        if attempt != self._attempt:
            return
        self.checking = ""
        if isinstance(error, FairDeskError):
            self.refused(error)
        else:
            self.say("error", f"{path.name} could not be read as a résumé ({error}).",
                     "unreadable_file")
        self.changed()

    def attach_resume(self, resume: ResumeFile) -> None:
        """A résumé already checked (a file, or the photos of a paper résumé)."""
        self._attempt += 1
        self.checking = ""
        self.resume = resume
        self.say("info", f"Résumé {resume.file_name} attached; it is stored when you save.")
        self.changed()

    def remove_resume(self) -> None:
        self._attempt += 1
        self.checking = ""
        if self.resume is not None:
            self.say("info", f"Résumé {self.resume.file_name} taken off the form.")
        self.resume = None
        self.changed()

    @property
    def resume_line(self) -> str:
        if self.checking:
            return f"Checking {self.checking}…"
        r = self.resume
        if r is None and self.existing is not None and self.existing.resume_sha:
            return (f"Résumé on file: {self.existing.cv_filename or 'yes'} "
                    "(attach another to replace it)")
        if r is None:
            return "No résumé attached"
        size = f"{len(r.data) / 1024 / 1024:.1f} MB" if len(r.data) >= 1024 * 1024 else (
            f"{max(1, len(r.data) // 1024)} KB")
        pages = f"{r.pages} page{'s' if r.pages != 1 else ''}, " if r.pages else ""
        note = f" — {r.note}" if r.note else ""
        return f"Résumé: {r.file_name} ({pages}{size}){note}"

    # ---------------------------------------------------------- saving
    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in FIELDS:
            value = self.values[f.key]
            out[f.key] = _split(str(value)) if f.kind == "list" else value
        return out

    def save(self) -> Candidate | None:
        if self.checking:
            self.say("warning", f"{self.checking} is still being checked: save again in a "
                     "moment, or take it off the form.", "resume_pending")
            return None
        try:
            candidate = self._write()
        except FairDeskError as error:
            self.error_field = error.field if isinstance(error, InvalidField) else ""
            self.refused(error)
            self.changed()
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
        if self.existing is None:
            return register_with_resume(self.session, fields, self.resume)
        return edit_details(self.session, self.existing.id, fields, self.resume)
