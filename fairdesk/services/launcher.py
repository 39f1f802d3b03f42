"""What the launcher needs to know about an event file before opening it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fairdesk.domain.errors import FairDeskError

if TYPE_CHECKING:
    from fairdesk.domain.model import Employer


@dataclass(frozen=True)
class EventSummary:
    path: Path
    name: str = ""
    venue: str = ""
    candidates: int = 0
    employers: tuple[Employer, ...] = ()
    problem: str = ""  # why it cannot be opened, in a sentence

    @property
    def ok(self) -> bool:
        return not self.problem


def summarise(path: Path) -> EventSummary:
    """Read an event's name and employers; never raises for a bad file."""
    # the event layers load with the first event read, not before the first frame
    from fairdesk.services.candidates import count_candidates
    from fairdesk.services.employers import all_employers
    from fairdesk.services.session import open_session

    try:
        session = open_session(path)
    except FairDeskError as error:
        return EventSummary(path, problem=error.message)
    except OSError as error:
        return EventSummary(path, problem=f"{path.name} cannot be read ({error.strerror}).")
    try:
        event = session.event
        return EventSummary(path, event.name, event.venue, count_candidates(session),
                            tuple(all_employers(session)))
    finally:
        session.close()


def demo_path(folder: Path) -> Path:
    return folder / "demo.fairdesk"


def ensure_demo(folder: Path) -> Path:
    """The demo event in ``folder``, made on first use."""
    from fairdesk.services.demo import DemoSpec, build_demo  # reportlab: only when needed

    path = demo_path(folder)
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        build_demo(path, DemoSpec()).close()
    return path
