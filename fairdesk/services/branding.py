"""Badge branding for the organizer: read and save it, and render a sample badge.

The event's ``branding`` dict also holds keys that other screens own (the
booth exit PIN): :func:`save_branding` merges the organizer's values into it
and never drops the others. :func:`sample_pdf` renders draft branding (not yet
saved) onto sample badges so the organizer sees a change before saving it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fairdesk.badges import token
from fairdesk.badges.branding import Branding
from fairdesk.badges.layouts import LAYOUTS, get_layout
from fairdesk.badges.render import BadgeData, render_pdf
from fairdesk.services.badges import write_atomic
from fairdesk.services.events import update_event
from fairdesk.services.session import EventSession
from fairdesk.storage import event as event_rows

SAMPLE_ID = "00000000-0000-7000-8000-000000000000"  # no candidate has this id
DEFAULT_COLOURS = {"roster_colour": Branding().roster_colour,
                   "walk_in_colour": Branding().walk_in_colour}
SAMPLES = (("Marie-Thérèse Jn Baptiste", "C-0147", False),
           ("Kervin O'Neil", "W2-0012", True))


def stored_branding(session: EventSession) -> dict[str, Any]:
    """The event's branding dict as stored (every key, including other screens')."""
    return dict(event_rows.branding(session.store))


def layout_choices() -> list[tuple[str, str]]:
    """``(name, title)`` of every badge layout, in the order they are declared."""
    return [(layout.name, layout.title) for layout in LAYOUTS.values()]


def save_branding(session: EventSession, values: dict[str, Any],
                  event_name: str | None = None) -> Branding:
    """Merge ``values`` into the stored branding (other keys kept) in one write.

    A value of ``""`` or ``None`` removes the key, so the default applies again.
    ``event_name`` (the line on the badge's band is the event's name) is saved
    in the same write when it changed.
    """
    merged = stored_branding(session)
    for key, value in values.items():
        if value in ("", None):
            merged.pop(key, None)
        else:
            merged[key] = value
    fields: dict[str, Any] = {"branding": merged}
    if event_name is not None and event_name.strip() != session.event.name:
        fields["name"] = event_name
    update_event(session, **fields)
    return Branding.from_event(merged)


def _payload(session: EventSession, name: str) -> str:
    key = session.event.signing_key
    if key is None:  # a device without the key still sees the design
        return f"FAIRDESK-SAMPLE {name}"
    return token.sign(key, session.event.id, SAMPLE_ID, name)


def sample_badges(session: EventSession, event_line: str, count: int = 2) -> list[BadgeData]:
    """``count`` sample badges, pre-registered and walk-in in turn."""
    line = " ".join(event_line.split()) or session.event.name
    return [BadgeData(line, name, ref, walk_in, _payload(session, name))
            for name, ref, walk_in in (SAMPLES[i % len(SAMPLES)] for i in range(count))]


def sample_pdf(session: EventSession, values: dict[str, Any], layout: str,
               event_line: str = "", count: int = 2) -> bytes:
    """Sample badges with draft branding ``values`` on ``layout``. Writes nothing."""
    chosen = get_layout(layout)
    branding = Branding.from_event({**stored_branding(session), **values})
    return render_pdf(sample_badges(session, event_line, count), chosen, branding,
                      title=f"{session.event.name}: sample badges")


def write_test_sheet(session: EventSession, values: dict[str, Any], layout: str,
                     out: Path | str, event_line: str = "") -> Path:
    """A full page of sample badges (both bands), written atomically."""
    chosen = get_layout(layout)
    count = max(chosen.per_page, 2)
    target = Path(out)
    write_atomic(target, sample_pdf(session, values, layout, event_line, count))
    return target
