"""The organizer's Devices screen: paired devices, invites (code + QR), revoke,
start and stop the hub, the changes the hub holds back until their record
arrives ("parked"), and the Phase Two bookings that lost to an earlier one
("clash: rebook" on their booth). Plain Python: the view only renders it."""

from __future__ import annotations

import errno
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.app_settings import AppSettings
from fairdesk.services.devices import DeviceInfo, Invite, invite, list_devices, revoke_device
from fairdesk.services.employers import all_employers
from fairdesk.services.hub_address import (
    DEFAULT_PORT,
    EVERY_INTERFACE,
    LOOPBACK,
    lan_addresses,
    next_free_port,
    port_taken,
    usable,
)
from fairdesk.services.hub_server import HubServer
from fairdesk.services.interviews import ClashLine, clash_lines
from fairdesk.services.parked_ops import ParkedOp, parked_ops
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

COLUMNS = ("Device", "Role", "Employer / desk", "Last seen", "Pending", "Status")
PARKED_COLUMNS = ("Change", "From device", "Made", "Waits for")
CLASH_COLUMNS = ("Candidate", "Employer", "Interview", "Booked on", "Lost to")
ROLES = (("desk", "Registration desk"), ("booth", "Employer booth"),
         ("kiosk", "Self check-in kiosk"))
LOCAL_ONLY = "hub_local_only"  # the app setting behind "Only this computer"


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
    """``make_hub(host, port)`` makes the hub; ``addresses()`` lists this laptop's
    network addresses (the view passes the interfaces Qt sees); ``settings``
    remembers "Only this computer" (none: not remembered)."""

    def __init__(self, session: EventSession, port: int = DEFAULT_PORT,
                 make_hub: Callable[[str, int], HubLike] | None = None,
                 settings: AppSettings | None = None,
                 addresses: Callable[[], list[str]] = lan_addresses) -> None:
        super().__init__()
        self.session = session
        self.devices: list[DeviceInfo] = []
        self.parked: list[ParkedOp] = []
        self.clashes: list[ClashLine] = []
        self.last_invite: Invite | None = None
        self.port = port
        self.settings = settings
        self.local_only = bool(settings.get(LOCAL_ONLY)) if settings else False
        self.find_addresses = addresses
        self.addresses: list[str] = usable(addresses())
        self.address_index = 0
        self.make_hub = make_hub or self._default_hub
        self.hub: HubLike | None = None
        session.subscribe(self._on_change)

    def _default_hub(self, host: str, port: int) -> HubLike:
        if self.session.path is None:
            raise OSError("An in-memory event cannot be served.")
        return HubServer(self.session.path, host, port)

    def load(self) -> None:
        self.devices = list_devices(self.session)
        self.parked = parked_ops(self.session)
        self.clashes = clash_lines(self.session)
        self.changed()

    def _on_change(self, change: Change) -> None:
        if change.topic in ("devices", "interviews"):
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
        clashes = f" · {len(self.clashes)} in clash" if self.clashes else ""
        return f"{text} · {_changes(len(self.parked))} parked{clashes}"

    @property
    def clash_text(self) -> str:
        """The line over the clash list; "" when no booking is in clash."""
        n = len(self.clashes)
        if not n:
            return ""
        what = "booking lost" if n == 1 else "bookings lost"
        return (f"{n} {what} to an earlier one (clash: rebook). The booth that made "
                f"{'it' if n == 1 else 'each'} shows it in red on the visit and rebooks "
                "from there; nothing was dropped.")

    @property
    def clash_rows(self) -> list[tuple[str, ...]]:
        return [(f"{c.ref} · {c.name}" if c.name else c.ref, c.booking.employer_name,
                 c.booking.when(), c.device, c.reason) for c in self.clashes]

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
    def listen_host(self) -> str:
        """Where the hub listens: every interface, or this computer only."""
        return LOOPBACK if self.local_only else EVERY_INTERFACE

    @property
    def reachable(self) -> bool:
        """Whether desks and booths on other machines can reach the hub."""
        return not self.local_only and bool(self.addresses)

    @property
    def shown_port(self) -> int:
        """The port the hub listens on (the one chosen when it was asked for any)."""
        if self.hub is not None and self.hub.running:
            return urlsplit(self.hub.url).port or self.port
        return self.port

    @property
    def url_choices(self) -> list[str]:
        """The Hub URL field's choices: one per network address (or loopback)."""
        hosts = self.addresses if self.reachable else [LOOPBACK]
        return [f"https://{host}:{self.shown_port}" for host in hosts]

    @property
    def reach_note(self) -> str:
        """A warning under the Hub URL when other devices could not use it; else ""."""
        if self.local_only:
            return ("Only this computer can reach the hub: desks and booths on other "
                    "machines cannot join. Untick “Only this computer” for the venue.")
        if not self.addresses:
            return ("No network found: only this computer can reach the hub at "
                    f"{LOOPBACK}. Connect this laptop to the venue network so other "
                    "devices can join.")
        return ""

    @property
    def hub_text(self) -> str:
        if not self.hub_running:
            return "Hub stopped"
        where = "devices on this network can join" if self.reachable \
            else "only this computer can reach it"
        return f"Hub running at {self.hub_url()} — {where}"

    @property
    def chosen_index(self) -> int:
        """The chosen address among ``url_choices`` (kept while "Only this computer")."""
        return min(self.address_index, len(self.url_choices) - 1)

    def hub_url(self) -> str:
        """The address put in invites when the Hub URL field is left blank."""
        return self.url_choices[self.chosen_index]

    def refresh_addresses(self) -> None:
        """Look at the network again (a cable plugged in, Wi-Fi joined)."""
        found = usable(self.find_addresses())
        if found != self.addresses:
            kept = self.addresses[self.address_index] \
                if self.address_index < len(self.addresses) else None
            self.addresses = found
            self.address_index = found.index(kept) if kept in found else 0
            self.changed()

    def choose_address(self, index: int) -> None:
        if 0 <= index < len(self.url_choices) and index != self.address_index:
            self.address_index = index
            self.changed()

    def set_local_only(self, on: bool) -> None:
        """Tick or untick "Only this computer"; it applies when the hub next starts."""
        if on == self.local_only:
            return
        self.local_only = on
        if self.settings is not None:
            self.settings.set(LOCAL_ONLY, on)
        self.changed()

    def set_port(self, port: int) -> None:
        if port != self.port:
            self.port = port
            self.changed()

    def toggle_hub(self) -> None:
        if self.hub_running and self.hub is not None:
            self.hub.stop()
            self.say("info", "Hub stopped; devices keep working and sync later.")
        else:
            self._start_hub()
        self.changed()

    def _start_hub(self) -> None:
        try:
            hub = self.make_hub(self.listen_host, self.port)
            self.hub = hub
            hub.start()
        except OSError as error:
            self._not_started(error)
            return
        except FairDeskError as error:
            self.say("error", f"Could not start the hub: {error.message}", error.code)
            return
        self.say("info", self.hub_text + ".")

    def _not_started(self, error: OSError) -> None:
        if port_taken(error):
            taken, self.port = self.port, next_free_port(self.listen_host, self.port)
            offer = (f"Port {self.port} is free: choose Start hub again to use it."
                     if self.port else "Choose Start hub again to use any free port.")
            self.say("error", f"Port {taken} is taken on this computer (another program, or "
                     f"a hub already running). {offer}", "port_taken")
        elif error.errno == errno.EACCES:
            self.say("error", f"This computer does not let FairDesk listen on port {self.port}; "
                     "choose a port from 1024 up.", "port_denied")
        else:
            self.say("error", f"Could not start the hub: {error.strerror or error}")

    def stop_hub(self) -> None:
        if self.hub_running and self.hub is not None:
            self.hub.stop()

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
