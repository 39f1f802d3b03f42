"""The organizer's badge branding, as data (stored in the event's ``branding`` field).

Keys of the event's branding dict this module reads (all optional)::

    {"roster_colour": "#1F4E8C", "walk_in_colour": "#C8501E",
     "band_text_colour": "#FFFFFF", "logo": "/path/to/logo.png",
     "roster_label": "Registered", "walk_in_label": "Walk-in",
     "bring": ["Photo ID", "Printed résumé"]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def _colour(value: Any, default: str) -> str:
    match = _HEX.match(str(value)) if value else None
    return f"#{match.group(1).upper()}" if match else default


@dataclass(frozen=True)
class Branding:
    roster_colour: str = "#1F4E8C"
    walk_in_colour: str = "#C8501E"
    band_text_colour: str = "#FFFFFF"
    logo: str = ""  # path of a PNG or JPEG; empty: no logo
    roster_label: str = "Registered"
    walk_in_label: str = "Walk-in"
    bring: tuple[str, ...] = field(
        default=("Photo ID", "A few printed copies of your résumé", "This invitation"))

    @classmethod
    def from_event(cls, data: dict[str, Any]) -> Branding:
        """Read the event's branding dict; unknown keys and bad colours are ignored."""
        base = cls()
        bring = data.get("bring")
        return cls(
            roster_colour=_colour(data.get("roster_colour"), base.roster_colour),
            walk_in_colour=_colour(data.get("walk_in_colour"), base.walk_in_colour),
            band_text_colour=_colour(data.get("band_text_colour"), base.band_text_colour),
            logo=str(data.get("logo") or ""),
            roster_label=str(data.get("roster_label") or base.roster_label),
            walk_in_label=str(data.get("walk_in_label") or base.walk_in_label),
            bring=tuple(str(b) for b in bring) if isinstance(bring, list) else base.bring,
        )

    def colour_for(self, walk_in: bool) -> str:
        return self.walk_in_colour if walk_in else self.roster_colour

    def label_for(self, walk_in: bool) -> str:
        return self.walk_in_label if walk_in else self.roster_label
