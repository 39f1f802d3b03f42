"""Picking the duplicate to merge with a record: the roster searched as in the
directory, without the record itself and without erased people."""

from __future__ import annotations

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import directory
from fairdesk.services.directory import DirectoryRow
from fairdesk.services.session import EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Ref", "Name", "E-mail", "Phone", "Walk-in")


class MergePicker(Presenter):
    def __init__(self, session: EventSession, this_id: str) -> None:
        super().__init__()
        self.session = session
        self.this_id = this_id
        self.text = ""
        self.found: list[DirectoryRow] = []
        self.chosen: str | None = None

    def set_text(self, text: str) -> None:
        self.text = text
        self.load()

    def load(self) -> None:
        try:
            rows = directory.directory(self.session, self.text, limit=200)
        except FairDeskError as error:
            self.refused(error)
            rows = []
        self.found = [r for r in rows
                      if r.id != self.this_id and not r.candidate.erased]
        if self.chosen not in {r.id for r in self.found}:
            self.chosen = None
        self.changed()

    def candidate_at(self, index: int) -> str | None:
        return self.found[index].id if 0 <= index < len(self.found) else None

    def choose(self, index: int) -> None:
        """The row picked in the list (the view then asks for the question)."""
        self.chosen = self.candidate_at(index)

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return [(r.candidate.ref, r.candidate.display_name, r.candidate.email,
                 r.candidate.phone, "yes" if r.candidate.walk_in else "")
                for r in self.found]

    @property
    def summary(self) -> str:
        if not self.text.strip():
            return "Type the duplicate's name, e-mail, phone or ref to narrow the list."
        if not self.found:
            return "Nobody else matches."
        return f"{len(self.found):,} found: pick the duplicate."
