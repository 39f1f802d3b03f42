"""The launcher: recent events, open a file, create an event, the demo; choose a role."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.roles import DEFAULT_TIMEZONE, ROLES, Role
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.launcher import EventSummary, ensure_demo, summarise
from fairdesk.ui.common.presenters.base import Presenter
from fairdesk.ui.common.presenters.open_request import OpenRequest

if TYPE_CHECKING:
    from datetime import date

    from fairdesk.storage.launcher_rows import EmployerListing  # a record, for the type

# What the first-run screen says about each role (no event known on this device yet).
ROLE_GUIDE: tuple[tuple[str, str], ...] = (
    ("Organizer", "The event-office laptop: sets up the event and employers, imports the "
     "roster and résumés, pairs the other devices, watches the day and sends the bundles."),
    ("Registration desk", "A laptop with a badge printer and a USB scanner: finds "
     "candidates as you type, checks them in, registers walk-ins and prints their badges."),
    ("Employer booth", "A tablet or laptop at a booth: scans badges, rates, tags and notes "
     "candidates, and shortlists them for Phase Two."),
    ("Self check-in kiosk", "A touch screen with a badge printer at the entrance: "
     "candidates scan their invitation and take their badge; anything else goes to the "
     "desk."),
)
FIRST_STEPS = ("Try the demo to see a fair in full; create a new event on the organizer's "
               "laptop; on a desk, booth or kiosk, join the event with the code from the "
               "organizer's Devices page.")


class LauncherPresenter(Presenter):
    def __init__(self, settings: AppSettings, demo_folder: Path,
                 summarise_event: Callable[[Path], EventSummary] = summarise) -> None:
        super().__init__()
        self.settings = settings
        self.demo_folder = demo_folder
        self._summarise = summarise_event
        self.recent: list[EventSummary] = []
        self.selected: EventSummary | None = None
        role = settings.get("last_role")
        self.role: Role = role if role in ROLES else "organizer"
        self.desk: int = settings.get("desk_number")
        self.employer_id: str | None = None
        self.on_open: Callable[[OpenRequest], None] = lambda request: None

    # ------------------------------------------------------------ state
    def load(self) -> None:
        self.recent = [self._summarise(Path(p)) for p in self.settings.get("recent_events")]
        if self.recent and self.selected is None:
            self._select(self.recent[0])
        self.changed()

    @property
    def first_run(self) -> bool:
        """No event known here yet: the launcher explains the roles and the first steps."""
        return not self.recent and self.selected is None

    @property
    def employers(self) -> tuple[EmployerListing, ...]:
        return self.selected.employers if self.selected else ()

    @property
    def can_open(self) -> bool:
        if self.selected is None or not self.selected.ok:
            return False
        return self.role != "booth" or self.employer_id is not None

    # ------------------------------------------------------------ actions
    def select(self, path: Path) -> None:
        summary = next((s for s in self.recent if s.path == path), None) or self._summarise(path)
        self._select(summary)
        if not summary.ok:
            self.say("error", summary.problem)
        self.changed()

    def _select(self, summary: EventSummary) -> None:
        self.selected = summary
        ids = [e.id for e in summary.employers]
        if self.employer_id not in ids:
            self.employer_id = ids[0] if ids else None

    def choose_role(self, role: Role) -> None:
        self.role = role
        self.changed()

    def choose_desk(self, desk: int) -> None:
        self.desk = max(1, min(99, desk))
        self.changed()

    def choose_employer(self, employer_id: str | None) -> None:
        self.employer_id = employer_id
        self.changed()

    def open_file(self, path: Path) -> None:
        """The user picked a file: select it; remember it only if it is an event."""
        self.select(path)
        if self.selected is not None and self.selected.ok:
            self.settings.remember_event(path)
            self.load()

    def open_demo(self) -> None:
        try:
            path = ensure_demo(self.demo_folder)
        except (FairDeskError, OSError) as error:
            self.say("error", f"The demo event could not be made: {error}")
            return
        self.open_file(path)

    def create(self, path: Path, name: str, venue: str = "", first_day: date | None = None,
               days: int = 1, timezone: str = DEFAULT_TIMEZONE) -> bool:
        from datetime import date, timedelta

        from fairdesk.services.events import create_event  # the event layers, when needed

        if path.suffix != ".fairdesk":
            path = path.with_name(path.name + ".fairdesk")
        start = first_day or date.today()
        try:
            session = create_event(path, name, venue=venue, timezone=timezone,
                                   days=[start + timedelta(days=i) for i in range(days)])
        except FairDeskError as error:
            self.refused(error)
            return False
        except OSError as error:
            self.say("error", f"{path} cannot be written ({error.strerror}).")
            return False
        session.close()
        self.role = "organizer"
        self.open_file(path)
        return True

    def join(self, path: Path, code: str) -> bool:
        """Pair this device with a hub from an invitation code and open what it got."""
        from fairdesk.services.sync import join, joined_role  # aiohttp: only when joining

        if path.suffix != ".fairdesk":
            path = path.with_name(path.name + ".fairdesk")
        try:
            join(path, code.strip())
        except FairDeskError as error:
            self.refused(error)
            return False
        except OSError as error:
            self.say("error", f"{path} cannot be written ({error.strerror}).")
            return False
        role = joined_role(path)
        if role in ROLES:
            self.role = role
        self.open_file(path)
        self.say("info", f"Joined: {path.name} syncs with the hub.")
        self.changed()
        return True

    def forget(self, path: Path) -> None:
        self.settings.forget_event(str(path))
        if self.selected is not None and self.selected.path == path:
            self.selected = None
        self.load()

    def open(self) -> None:
        if self.selected is None:
            self.say("warning", "Choose an event first: a recent one, a file or the demo.")
            return
        if not self.can_open:
            self.say("warning", self.selected.problem or "Choose the booth's employer.")
            return
        self.settings.set("last_role", self.role)
        if self.role == "desk":
            self.settings.set("desk_number", self.desk)
        self.settings.remember_event(self.selected.path)
        self.on_open(OpenRequest(
            self.selected.path, self.role,
            desk=self.desk if self.role == "desk" else None,
            employer_id=self.employer_id if self.role == "booth" else None,
        ))
