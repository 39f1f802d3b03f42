"""The organizer's badge branding, as plain Python (the Qt view only renders it).

The draft holds the event name line, the logo file and the band colours of
pre-registered and walk-in badges. Every edit marks the preview stale; the
view debounces and then asks :meth:`BrandingPresenter.preview_pdf` for sample
badges on the chosen layout. A field with a bad value keeps its message in
``errors`` and the preview uses the saved value meanwhile, so typing half a
colour never breaks the preview. :meth:`save` writes the draft in one event
update; :meth:`write_test_sheet` writes a full page of samples to a PDF.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import branding as service
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

FIELDS = ("event_line", "logo", "roster_colour", "walk_in_colour")
COLOURS = ("roster_colour", "walk_in_colour")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
DEFAULTS = service.DEFAULT_COLOURS
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def clean_colour(text: str) -> str | None:
    """``#1f4e8c`` or ``1F4E8C`` → ``#1F4E8C``; anything else → None."""
    match = _HEX.match(text.strip())
    return f"#{match.group(1).upper()}" if match else None


class BrandingPresenter(Presenter):
    def __init__(self, session: EventSession) -> None:
        super().__init__()
        self.session = session
        self.layouts = service.layout_choices()
        self.layout = self.layouts[0][0]
        self.saved: dict[str, str] = {}
        self.draft: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self.stale = True
        self.preview_error = ""
        self._unsubscribe = session.subscribe(self._on_change)

    # ------------------------------------------------------------ state
    def load(self) -> None:
        stored = service.stored_branding(self.session)
        self.saved = {"event_line": self.session.event.name,
                      "logo": str(stored.get("logo") or "")}
        for key in COLOURS:
            self.saved[key] = clean_colour(str(stored.get(key) or "")) or DEFAULTS[key]
        self.draft = dict(self.saved)
        self.errors = {}
        self._touch()

    def close(self) -> None:
        """Stop listening; safe after the session closed (it drops its listeners)."""
        with contextlib.suppress(ValueError):
            self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        if change.topic == "event" and not self.dirty:
            self.load()

    @property
    def dirty(self) -> bool:
        return self.draft != self.saved

    @property
    def can_save(self) -> bool:
        return self.dirty and not self.errors

    def _touch(self) -> None:
        self.stale = True
        self.changed()

    # ------------------------------------------------------------ edits
    def edit(self, field: str, value: str) -> None:
        if field not in FIELDS:
            raise KeyError(field)
        if self.draft.get(field) == value:
            return
        self.draft[field] = value
        self._check(field)
        self._touch()

    def _check(self, field: str) -> None:
        self.errors.pop(field, None)
        value = self.draft[field].strip()
        if field in COLOURS and clean_colour(value) is None:
            self.errors[field] = f"“{value}” is not a colour: use six hex digits, like #1F4E8C."
        elif field == "logo" and value:
            path = Path(value)
            if path.suffix.lower() not in LOGO_SUFFIXES:
                self.errors[field] = f"{path.name}: the logo must be a PNG or JPEG file."
            elif not path.is_file():
                self.errors[field] = f"{value}: there is no such file."
        elif field == "event_line" and not value:
            self.errors[field] = "The badge needs the event's name."

    def set_layout(self, name: str) -> None:
        if name not in dict(self.layouts):
            raise KeyError(name)
        if name != self.layout:
            self.layout = name
            self._touch()

    def reset_colours(self) -> None:
        for key in COLOURS:
            self.edit(key, DEFAULTS[key])

    @property
    def layout_title(self) -> str:
        return dict(self.layouts)[self.layout]

    # ------------------------------------------------------------ output
    def values(self) -> dict[str, str]:
        """The draft's branding keys; a field in error falls back to its saved value."""
        good = {k: (self.saved[k] if k in self.errors else self.draft[k]) for k in FIELDS}
        colours = {k: clean_colour(good[k]) or DEFAULTS[k] for k in COLOURS}
        return {"logo": good["logo"].strip(), **colours}

    def _line(self) -> str:
        return self.saved["event_line"] if "event_line" in self.errors else \
            self.draft["event_line"]

    def preview_pdf(self) -> bytes | None:
        """Two sample badges (pre-registered, walk-in) with the draft; None if it failed."""
        self.stale = False
        try:
            pdf = service.sample_pdf(self.session, self.values(), self.layout, self._line())
        except (FairDeskError, OSError, ValueError) as error:
            self.preview_error = f"The preview could not be drawn: {error}"
            return None
        self.preview_error = ""
        return pdf

    def write_test_sheet(self, path: Path | str) -> Path | None:
        try:
            out = service.write_test_sheet(self.session, self.values(), self.layout,
                                           path, self._line())
        except (FairDeskError, OSError, ValueError) as error:
            self.say("error", f"The test sheet could not be written: {error}", "write_failed")
            return None
        self.say("info", f"Test sheet ({self.layout_title}) saved to {out}.")
        return out

    def save(self) -> bool:
        if self.errors:
            self.say("warning", " ".join(self.errors.values()), "invalid_branding")
            return False
        values: dict[str, Any] = self.values()
        try:
            service.save_branding(self.session, values, event_name=self.draft["event_line"])
        except FairDeskError as error:
            self.refused(error)
            return False
        self.load()
        self.say("info", "Badge design saved: the desks print with it from now on.")
        return True

    def revert(self) -> None:
        self.load()
