"""The organizer's candidate directory: search as at the desk, filters, open a record."""

from __future__ import annotations

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import directory
from fairdesk.services.directory import FILTERS, DirectoryRow
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Ref", "Name", "E-mail", "Phone", "Today", "Walk-in", "Résumé", "Consent",
           "Phase Two")
TOPICS = frozenset({"candidates", "checkins", "visits", "resumes", "badges"})


def _yes(value: bool) -> str:
    return "yes" if value else ""


class DirectoryPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.text = ""
        self.filters: set[str] = set()
        self.found: list[DirectoryRow] = []
        self.total = 0
        self._unsubscribe = session.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        if change.topic in TOPICS:
            self.load()

    def load(self) -> None:
        try:
            self.found = directory.directory(self.session, self.text, self.filters)
            self.total = directory.count(self.session)
        except FairDeskError as error:
            self.refused(error)
        self.changed()

    def set_text(self, text: str) -> None:
        self.text = text
        self.load()

    def set_filter(self, name: str, on: bool) -> None:
        if name not in FILTERS:
            raise ValueError(name)
        (self.filters.add if on else self.filters.discard)(name)
        self.load()

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return [
            (r.candidate.ref, r.candidate.display_name, r.candidate.email, r.candidate.phone,
             _yes(r.checked_in_today), _yes(r.candidate.walk_in),
             _yes(r.candidate.resume_sha is not None), _yes(r.candidate.consent),
             _yes(r.shortlisted))
            for r in self.found
        ]

    @property
    def summary(self) -> str:
        if not self.total:
            return "No candidates yet: import a roster (Import page)."
        if not self.found:
            return "Nobody matches the search and filters."
        return f"{len(self.found):,} of {self.total:,} candidates"

    def candidate_at(self, index: int) -> str | None:
        """The id of the row at ``index`` (the record to open), if any."""
        return self.found[index].id if 0 <= index < len(self.found) else None
