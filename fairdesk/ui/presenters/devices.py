"""The organizer's Devices screen: paired devices, invites (code + QR), revoke,
start and stop the hub, and the changes the hub holds back until their record
arrives ("parked"). Plain Python: the view only renders it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.devices import DeviceInfo, Invite, invite, list_devices, revoke_device
from fairdesk.services.employers import all_employers
from fairdesk.services.hub import HubServer
from fairdesk.services.parked_ops import ParkedOp, parked_ops
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.presenters.base import Presenter

COLUMNS = ("Device", "Role", "Employer / desk", "Last seen", "Pending", "Status")
PARKED_COLUMNS = ("Change", "From device", "Made", "Waits for")
ROLES = (("desk", "Registration desk"), ("booth", "Employer booth"))


class HubLike(Protocol):
    url: str

    @property
    def running(self) -> bool: ...

    def start(self) -> str: ...
    def stop(self) -> None: ...


@dataclass(frozen=True)
class InviteForm:
    role: str = "desk"
    employer_id: str | None = None
    desk: int | None = None
    hub_url: str = ""  # blank: the running hub's address (or the default one)


class DevicesPresenter(Presenter):
    def __init__(self, session: EventSession, host: str = "127.0.0.1", port: int = 8765,
                 make_hub: Callable[[], HubLike] | None = None) -> None:
        super().__init__()
        self.session = session
        self.devices: list[DeviceInfo] = []
        self.parked: list[ParkedOp] = []
        self.last_invite: Invite | None = None
        self.host, self.port = host, port
        self._make_hub = make_hub or self._default_hub
        self.hub: HubLike | None = None
        session.subscribe(self._on_change)

    def _default_hub(self) -> HubLike:
        if self.session.path is None:
            raise OSError("An in-memory event cannot be served.")
        return HubServer(self.session.path, self.host, self.port)

    def load(self) -> None:
        self.devices = list_devices(self.session)
        self.parked = parked_ops(self.session)
        self.changed()

    def _on_change(self, change: Change) -> None:
        if change.topic == "devices":
            self.load()

    # ------------------------------------------------------------ what is shown
    @property
    def empty(self) -> bool:
        return not self.devices

    @property
    def empty_text(self) -> str:
        if self.hub_running:
            return ("No devices yet: the hub is running. Invite a desk or a booth below, "
                    "then choose “Join event” on that device and type or scan the code.")
        return "No devices yet: start the hub, then invite a desk or a booth."

    @property
    def summary_text(self) -> str:
        revoked = sum(1 for d in self.devices if d.revoked_at)
        text = f"{len(self.devices)} paired" + (f" · {revoked} revoked" if revoked else "")
        return f"{text} · {_changes(len(self.parked))} parked"

    @property
    def parked_text(self) -> str:
        """The line under the table; "" when nothing is parked."""
        n = len(self.parked)
        if not n:
            return ""
        verb = "waits" if n == 1 else "wait"
        they = "it applies by itself" if n == 1 else "they apply by themselves"
        return (f"{_changes(n).capitalize()} {verb} for a record that has not arrived yet; "
                f"{they} when it does.")

    @property
    def parked_rows(self) -> list[tuple[str, ...]]:
        return [(p.what, p.device, self._when(p.at), p.reason) for p in self.parked]

    def _when(self, at: datetime) -> str:
        day = self.session.fair_day(at)
        text = self.session.local_time(at)
        return text if day == self.session.fair_day() else f"{day:%d %b} {text}"

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return [self._row(d) for d in self.devices]

    def _row(self, d: DeviceInfo) -> tuple[str, ...]:
        where = d.employer if d.role == "booth" else (f"Desk {d.desk}" if d.desk else "")
        seen = self.session.local_time(d.last_seen_at) if d.last_seen_at else "never"
        status = "revoked" if d.revoked_at else "active"
        return (d.name or d.id[:8], d.role, where, seen, str(d.pending), status)

    def employers(self) -> list[tuple[str, str]]:
        return [(e.id, f"{e.booth} · {e.name}" if e.booth else e.name)
                for e in all_employers(self.session)]

    # ------------------------------------------------------------ hub
    @property
    def hub_running(self) -> bool:
        return self.hub is not None and self.hub.running

    @property
    def hub_text(self) -> str:
        return f"Hub running at {self.hub.url}" if self.hub and self.hub.running \
            else "Hub stopped"

    def toggle_hub(self) -> None:
        try:
            if self.hub_running and self.hub is not None:
                self.hub.stop()
                self.say("info", "Hub stopped; devices keep working and sync later.")
            else:
                hub = self._make_hub()
                self.hub = hub
                self.say("info", f"Hub running at {hub.start()}.")
        except (OSError, FairDeskError) as error:
            self.say("error", f"Could not start the hub: {error}")
        self.changed()

    def stop_hub(self) -> None:
        if self.hub_running and self.hub is not None:
            self.hub.stop()

    def hub_url(self) -> str:
        return self.hub.url if self.hub and self.hub.running else \
            f"https://{self.host}:{self.port}"

    # ------------------------------------------------------------ actions
    def make_invite(self, form: InviteForm) -> Invite | None:
        try:
            self.last_invite = invite(self.session, form.role,
                                      form.hub_url.strip() or self.hub_url(),
                                      employer=form.employer_id, desk=form.desk)
        except FairDeskError as error:
            self.refused(error)
            return None
        self.changed()
        return self.last_invite

    def revoke(self, index: int) -> None:
        try:
            done = revoke_device(self.session, self.devices[index].id)
        except FairDeskError as error:
            self.refused(error)
            return
        self.say("info", f"Revoked {done.name or done.id[:8]}; its token no longer works.")

    def invite_summary(self) -> dict[str, Any]:
        made = self.last_invite
        if made is None:
            return {}
        return {"code": made.code, "role": made.role,
                "expires": self.session.local_time(made.expires_at)}


def _changes(n: int) -> str:
    return f"{n:,} change" + ("" if n == 1 else "s")
