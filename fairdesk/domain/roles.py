"""The four roles a device runs as (DESIGN.md "Roles"), and a new event's time
zone: all the launcher needs of the domain before its first frame."""

from __future__ import annotations

from typing import Literal

Role = Literal["organizer", "desk", "booth", "kiosk"]
ROLES: tuple[Role, ...] = ("organizer", "desk", "booth", "kiosk")
DEFAULT_TIMEZONE = "America/St_Lucia"  # a new event's, until the organizer picks another
