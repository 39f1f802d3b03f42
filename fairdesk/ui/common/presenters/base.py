"""What every presenter shares: change and message callbacks, error wording."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from fairdesk.domain.errors import FairDeskError

Level = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Message:
    level: Level
    text: str
    code: str = ""


class Presenter:
    """Base: ``on_change()`` asks the view to redraw; ``on_message(m)`` shows a sentence."""

    def __init__(self) -> None:
        self.on_change: Callable[[], None] = lambda: None
        self.on_message: Callable[[Message], None] = lambda message: None
        self.last_message: Message | None = None

    def changed(self) -> None:
        self.on_change()

    def say(self, level: Level, text: str, code: str = "") -> None:
        self.last_message = Message(level, text, code)
        self.on_message(self.last_message)

    def dismiss(self) -> None:
        """No message any more (the view shows none)."""
        if self.last_message is not None:
            self.last_message = None
            self.on_message(Message("info", ""))

    def refused(self, error: FairDeskError) -> None:
        """A service said no: show its sentence, keep its code for tests and styling."""
        self.say("error", error.message, error.code)
