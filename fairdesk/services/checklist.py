"""The day-before checklist of an event (``fairdesk doctor EVENT --checklist FILE.pdf``):
devices and their roles, printers, and the paper stock the expected arrivals need."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from fairdesk.badges.layouts import LAYOUTS, get_layout
from fairdesk.exports.checklist import ChecklistData, Section
from fairdesk.exports.checklist import write_checklist as write_pdf
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.badges import select_candidates
from fairdesk.services.devices import DeviceInfo, list_devices
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession, open_session

WALK_IN_SHARE = 0.25  # walk-ins on the day, as a share of the roster (at least MIN_WALK_INS)
MIN_WALK_INS = 50
SPARE_SHARE = 0.10  # misprints, reprints and jams


@dataclass(frozen=True)
class Stock:
    """How badges of one layout are bought: what a pack is called and how many it holds."""

    pack: str
    badges: int


# Per layout: a Brother DK-11202 roll has 300 labels; DK-22205 tape is 30.48 m (90 mm a badge).
STOCK: dict[str, Stock] = {
    "brother-62x100": Stock("DK-11202 roll (300 labels)", 300),
    "brother-62": Stock("DK-22205 roll (30.48 m)", 338),
    "avery-5392": Stock("Avery 5392 pack (25 sheets of 6)", 150),
    "insert-4x3": Stock("pack of 100 4 × 3 in inserts", 100),
    "a6": Stock("pack of 100 A6 cards", 100),
}


@dataclass(frozen=True)
class PaperNeed:
    layout: str
    roster_to_print: int
    walk_ins: int
    spare: int

    @property
    def badges(self) -> int:
        return self.roster_to_print + self.walk_ins + self.spare

    @property
    def packs(self) -> int:
        stock = STOCK.get(self.layout)
        return math.ceil(self.badges / stock.badges) if stock else 0


def paper_need(roster: int, not_printed: int, layout: str) -> PaperNeed:
    """Badges still to print on the day: roster not pre-printed, walk-ins, spares."""
    walk_ins = max(MIN_WALK_INS, math.ceil(roster * WALK_IN_SHARE)) if roster else MIN_WALK_INS
    spare = math.ceil((not_printed + walk_ins) * SPARE_SHARE)
    return PaperNeed(layout, not_printed, walk_ins, spare)


def checklist_data(session: EventSession, layout: str, generated: str) -> ChecklistData:
    event = session.event
    everyone = select_candidates(session)
    waiting = select_candidates(session, which="not_printed")
    need = paper_need(len(everyone), len(waiting), layout)
    devices = [d for d in list_devices(session) if d.revoked_at is None]
    days = ", ".join(d.isoformat() for d in event.days)
    return ChecklistData(event.name, f"{event.venue} · {days}".strip(" ·"), generated, (
        _devices(devices, session),
        _printers(devices),
        _paper(need, len(everyone), len(waiting)),
        _on_the_day(),
    ))


def _devices(devices: list[DeviceInfo], session: EventSession) -> Section:
    rows = [("Organizer laptop (hub)", "organizer", "runs the hub: fairdesk hub EVENT")]
    rows += [(d.name, d.role, f"desk {d.desk}" if d.role == "desk" else d.employer or "")
             for d in devices]
    paired = {d.employer_id for d in devices if d.role == "booth"}
    rows += [(f"Booth {e.booth or '?'} — not paired yet", "booth", e.name)
             for e in all_employers(session) if e.id not in paired]
    return Section("Devices and roles", ("Device", "Role", "Desk / employer"), tuple(rows),
                   "Each desk and booth: run Check this device (or fairdesk doctor EVENT) "
                   "until every line is green.")


def _printers(devices: list[DeviceInfo]) -> Section:
    desks = [d for d in devices if d.role in ("desk", "kiosk")]
    rows = tuple((d.name, "printer on, labels loaded, test badge printed and scanned")
                 for d in desks)
    return Section("Printers", ("At", "Check"), rows or (
        ("each registration desk", "printer on, labels loaded, test badge printed and scanned"),
    ), "The test badge comes from Check this device; scan it with the desk's scanner.")


def _paper(need: PaperNeed, roster: int, waiting: int) -> Section:
    stock = STOCK.get(need.layout)
    title = get_layout(need.layout).title if need.layout in LAYOUTS else need.layout
    rows = [
        ("Layout", title),
        ("Roster", f"{roster} candidates, {roster - waiting} badges printed already"),
        ("To print on the day", f"{need.roster_to_print} roster + {need.walk_ins} walk-ins "
         f"+ {need.spare} spare = {need.badges} badges"),
        ("Buy", f"{need.packs} × {stock.pack}" if stock else f"{need.badges} badges"),
        ("Badge holders and lanyards", f"{roster + need.walk_ins}"),
    ]
    return Section("Paper stock", ("What", "How many"), tuple(rows),
                   f"Walk-ins are reckoned at {WALK_IN_SHARE:.0%} of the roster "
                   f"(at least {MIN_WALK_INS}), spares at {SPARE_SHARE:.0%}.")


def _on_the_day() -> Section:
    rows = (("Power strips and chargers at every desk and booth", ""),
            ("Event file backed up to a USB stick (one file: the .fairdesk)", ""),
            ("Venue Wi-Fi tried from a booth: Sync with hub is green", ""),
            ("Clocks: every device within 2 minutes of the hub", ""))
    return Section("Before the doors open", ("What", "Note"), rows)


def write_checklist(event: Path, out: Path, settings: AppSettings | None = None) -> Path:
    """Read ``event`` and write its checklist to ``out``; returns ``out``."""
    layout = str((settings or AppSettings()).get("badge_layout"))
    session = open_session(event)
    try:
        data = checklist_data(session, layout, session.now().strftime("%Y-%m-%d %H:%M UTC"))
    finally:
        session.close()
    write_pdf(out, data)
    return out
