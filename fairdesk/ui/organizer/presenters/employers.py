"""The organizer's employers table: add, edit, booth numbers, tags."""

from __future__ import annotations

from dataclasses import dataclass, field

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.model import Employer
from fairdesk.services.employers import add_employer, all_employers, edit_employer
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Booth", "Employer", "Sector", "Contact", "Tags")


@dataclass
class EmployerForm:
    """The add/edit dialog's fields; ``tags`` is typed comma-separated."""

    name: str = ""
    booth: str = ""
    sector: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    tags: str = ""
    employer_id: str | None = field(default=None)

    @classmethod
    def of(cls, employer: Employer) -> EmployerForm:
        return cls(employer.name, employer.booth, employer.sector, employer.contact_name,
                   employer.contact_email, employer.contact_phone, ", ".join(employer.tags),
                   employer.id)

    def fields(self) -> dict[str, object]:
        return {
            "booth": self.booth, "sector": self.sector, "contact_name": self.contact_name,
            "contact_email": self.contact_email, "contact_phone": self.contact_phone,
            "tags": [t for t in self.tags.split(",") if t.strip()],
        }


class EmployersPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.employers: list[Employer] = []
        self.filter_text = ""
        session.subscribe(self._on_change)

    def load(self) -> None:
        self.employers = all_employers(self.session)
        self.changed()

    def _on_change(self, change: Change) -> None:
        if change.topic == "employers":
            self.load()

    @property
    def rows(self) -> list[tuple[str, ...]]:
        needle = self.filter_text.casefold()
        return [
            (e.booth, e.name, e.sector, e.contact_name, ", ".join(e.tags))
            for e in self.employers
            if needle in f"{e.booth} {e.name} {e.sector} {' '.join(e.tags)}".casefold()
        ]

    def visible(self) -> list[Employer]:
        names = {row[1] for row in self.rows}
        return [e for e in self.employers if e.name in names]

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self.changed()

    @property
    def empty_text(self) -> str:
        if self.employers:
            return "No employer matches the filter."
        return "No employers yet. Add one (Ctrl+N) or import a list."

    def new_form(self) -> EmployerForm:
        booths = [int(e.booth) for e in self.employers if e.booth.isdigit()]
        return EmployerForm(booth=str(max(booths, default=0) + 1))

    def save(self, form: EmployerForm) -> bool:
        """Add or edit; on a refusal the form stays open with the reason shown."""
        try:
            if form.employer_id is None:
                saved = add_employer(self.session, form.name, **form.fields())
            else:
                saved = edit_employer(self.session, form.employer_id, name=form.name,
                                      **form.fields())
        except FairDeskError as error:
            self.refused(error)
            return False
        self.say("info", f"Saved {saved.name} (booth {saved.booth or '—'}).")
        return True
