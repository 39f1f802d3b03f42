"""The organizer's event details: name, venue, time zone, fair days; counts at a glance.

Also the booth exit PIN (issue 6): booths ask for it before leaving booth
mode. It is set, changed or removed at once (not part of the draft that Save
writes) and reaches the booths with the event at their next sync.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import booth
from fairdesk.services.events import event_info, update_event
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

_TOPICS = {"event", "candidates", "checkins", "visits", "employers", "badges", "resumes"}


class EventDetailsPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.info: dict[str, Any] = {}
        self.dirty = False
        self.draft: dict[str, Any] = {}
        self.pin_set = False
        session.subscribe(self._on_change)

    def load(self) -> None:
        self.info = event_info(self.session)
        event = self.session.event
        self.draft = {"name": event.name, "venue": event.venue, "timezone": event.timezone,
                      "days": list(event.days)}
        self.pin_set = booth.exit_pin_set(self.session)
        self.dirty = False
        self.changed()

    def _on_change(self, change: Change) -> None:
        if change.topic in _TOPICS and not self.dirty:
            self.load()

    def edit(self, field: str, value: Any) -> None:
        if self.draft.get(field) != value:
            self.draft[field] = value
            self.dirty = True
            self.changed()

    def add_day(self, day: date) -> None:
        if day not in self.draft["days"]:
            self.edit("days", sorted([*self.draft["days"], day]))

    def remove_day(self, day: date) -> None:
        self.edit("days", [d for d in self.draft["days"] if d != day])

    def save(self) -> bool:
        try:
            update_event(self.session, **self.draft)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.dirty = False
        self.load()
        self.say("info", "Event details saved.")
        return True

    def revert(self) -> None:
        self.load()

    # ---------------------------------------------------------- booth exit PIN
    @property
    def pin_text(self) -> str:
        if self.pin_set:
            return "Set: leaving booth mode needs this PIN."
        return "Not set: anyone at a booth can leave booth mode."

    @property
    def pin_action(self) -> str:
        return "Change PIN…" if self.pin_set else "Set PIN…"

    @property
    def remove_question(self) -> str:
        return ("Remove the booth exit PIN? Anyone at a booth could then leave booth mode "
                "once the booth has synced.")

    def set_pin(self, first: str, again: str) -> str:
        """Set or change the PIN typed twice; returns "" when done, else why not.

        The reason is returned (for the PIN dialog to show beside the fields)
        rather than sent as a message, so a typo does not pop up a second box.
        """
        pin = first.strip()
        if not pin:
            return "Type a PIN of 4 to 12 digits."
        if not (pin.isascii() and pin.isdigit()):
            return "The PIN may hold digits (0–9) only."
        if pin != again.strip():
            return "The two PINs differ: type the same PIN in both fields."
        changed = self.pin_set  # before the change notice reloads it
        try:
            booth.set_exit_pin(self.session, pin)
        except FairDeskError as error:
            return error.message
        self._pin_changed(True)
        self.say("info", ("Booth exit PIN changed" if changed else "Booth exit PIN set")
                 + "; booths use it from their next sync.")
        return ""

    def remove_pin(self) -> bool:
        if not self.pin_set:
            return False
        try:
            booth.set_exit_pin(self.session, None)
        except FairDeskError as error:
            self.refused(error)
            return False
        self._pin_changed(False)
        self.say("info", "Booth exit PIN removed; booths can be left without it "
                 "from their next sync.")
        return True

    def _pin_changed(self, pin_set: bool) -> None:
        # The change notice reloads the page only when no edit is pending, so
        # the PIN's state is set here as well.
        self.pin_set = pin_set
        self.changed()
