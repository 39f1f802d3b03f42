"""An open event on this device, and the "what changed" notices.

A session is what every service function takes first. It knows the store, the
device's role (organizer, desk or booth), its desk number or employer, and the
clock (injected, so tests can set the time). After each write a service
publishes one :class:`Change`; screens refresh only if it concerns them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.model import Event
from fairdesk.domain.roles import Role
from fairdesk.domain.rules import fair_day, zone
from fairdesk.storage import EventStore, open_event_file
from fairdesk.storage import event as event_rows

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Change:
    """What a write changed: a topic ("checkins", "candidates", "visits",
    "employers", "event", "badges", "resumes") and the ids concerned."""

    topic: str
    ids: tuple[str, ...] = ()


Listener = Callable[[Change], None]


class EventSession:
    def __init__(
        self,
        store: EventStore,
        *,
        role: Role = "organizer",
        desk: int | None = None,
        employer_id: str | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.role: Role = role
        self.desk = desk
        self.employer_id = employer_id
        self.clock = clock
        self._listeners: list[Listener] = []
        self.closed = False
        self._event: Event | None = None

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def event(self) -> Event:
        if self._event is None:
            self._event = event_rows.get(self.store)
        return self._event

    def now(self) -> datetime:
        return self.clock()

    def fair_day(self, at: datetime | None = None) -> date:
        return fair_day(at or self.now(), self.event.timezone)

    def local_time(self, at: datetime) -> str:
        """``09:42`` at the venue."""
        return at.astimezone(zone(self.event.timezone)).strftime("%H:%M")

    # ---------------------------------------------------------- notices
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Listen to changes; returns an unsubscribe function that is safe to call twice."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        if change.topic == "event":
            self._event = None
        for listener in list(self._listeners):
            listener(change)

    def close(self) -> None:
        self._listeners.clear()
        self.closed = True  # a view's timer that outlives the session reads nothing
        self.store.close()


def open_session(
    path: Path | str,
    *,
    role: Role = "organizer",
    desk: int | None = None,
    employer_id: str | None = None,
    clock: Clock = utc_now,
) -> EventSession:
    store = open_event_file(path)
    paired = store.setting("desk") if role == "desk" else None
    if isinstance(paired, int):  # a paired desk: the number the hub gave it, no other
        if desk is not None and desk != paired:
            store.close()
            raise InvalidField(
                "desk", f"This laptop is paired with the hub as desk {paired}: open it as "
                f"desk {paired} (another number could give two walk-ins the same ref).")
        desk = paired
    return EventSession(store, role=role, desk=desk, employer_id=employer_id, clock=clock)
