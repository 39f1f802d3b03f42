"""The organizer's event details: name, venue, time zone, fair days; counts at a glance."""

from __future__ import annotations

from datetime import date
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.events import event_info, update_event
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.presenters.base import Presenter

_TOPICS = {"event", "candidates", "checkins", "visits", "employers", "badges", "resumes"}


class EventDetailsPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.info: dict[str, Any] = {}
        self.dirty = False
        self.draft: dict[str, Any] = {}
        session.subscribe(self._on_change)

    def load(self) -> None:
        self.info = event_info(self.session)
        event = self.session.event
        self.draft = {"name": event.name, "venue": event.venue, "timezone": event.timezone,
                      "days": list(event.days)}
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
