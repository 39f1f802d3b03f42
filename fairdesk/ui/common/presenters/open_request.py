"""What the composition root needs to open an event in a role (launcher, desk reopen, kiosk)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fairdesk.domain.roles import Role


@dataclass(frozen=True)
class OpenRequest:
    """What the composition root needs to open the chosen event in the chosen role."""

    path: Path
    role: Role
    desk: int | None = None
    employer_id: str | None = None
