"""The organizer's Devices screen: paired devices, invites (code + QR), revoke,
start and stop the hub. Plain Python: the view only renders it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.devices import DeviceInfo, Invite, invite, list_devices, revoke_device
from fairdesk.services.employers import all_employers
from fairdesk.services.hub import HubServer
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.presenters.base import Presenter

COLUMNS = ("Device", "Role", "Employer / desk", "Last seen", "Pending", "Status")


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


class DevicesPresenter(Presenter):
    def __init__(self, session: EventSession, host: str = "127.0.0.1", port: int = 8765,
                 make_hub: Callable[[], HubLike] | None = None) -> None:
        super().__init__()
        self.session = session
        self.devices: list[DeviceInfo] = []
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
        self.changed()

    def _on_change(self, change: Change) -> None:
        if change.topic == "devices":
            self.load()

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
            self.last_invite = invite(self.session, form.role, self.hub_url(),
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
