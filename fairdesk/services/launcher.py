"""What the launcher needs to know about an event file before opening it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fairdesk.domain.errors import FairDeskError

if TYPE_CHECKING:  # loaded with the first summary, not before the first frame
    from fairdesk.storage.launcher_rows import EmployerListing


@dataclass(frozen=True)
class EventSummary:
    path: Path
    name: str = ""
    venue: str = ""
    candidates: int = 0
    employers: tuple[EmployerListing, ...] = ()  # id, name, booth
    problem: str = ""  # why it cannot be opened, in a sentence

    @property
    def ok(self) -> bool:
        return not self.problem


def summarise(path: Path) -> EventSummary:
    """What the launcher shows of an event, read read-only: no upgrade, no backup,
    no write. Never raises for a bad file: its summary says why it cannot be opened."""
    # stdlib sqlite3 only: sqlite-utils and the event layers load when an event opens
    from fairdesk.storage.launcher_rows import read_listing

    try:
        listing = read_listing(path)
    except FairDeskError as error:
        return EventSummary(path, problem=error.message)
    except OSError as error:
        return EventSummary(path, problem=f"{path.name} cannot be read "
                                          f"({error.strerror or error}).")
    return EventSummary(path, listing.name, listing.venue, listing.candidates,
                        listing.employers)


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
