"""Settings of this device (not of an event), declared once with default, type and help.

They live in a small JSON file in the user's config folder
(``$XDG_CONFIG_HOME/fairdesk/settings.json``; ``FAIRDESK_CONFIG_DIR`` overrides,
which tests use). The settings dialog can build itself from ``SETTINGS``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("recent_events", [], list, "Event files opened lately, newest first."),
    Setting("last_role", "organizer", str, "The role chosen last in the launcher."),
    Setting("desk_number", 1, int, "This laptop's desk number (walk-in refs W<desk>-NNNN)."),
    Setting("badge_layout", "brother-62x100", str, "The badge layout this desk prints."),
    Setting("printer_name", "", str, "The printer badges go to without a dialog."),
    Setting("print_to_folder", "", str, "Write badges as PDFs into this folder instead."),
    Setting("high_contrast", False, bool, "Black on white, larger type, strong focus."),
    Setting("last_screen", {}, dict, "The event, role and desk open last; offered again "
            "after a restart or a crash."),
    Setting("hub_local_only", False, bool, "The organizer's hub listens on this computer "
            "only (for trying it out): no desk or booth on another machine can reach it."),
)
_BY_KEY = {s.key: s for s in SETTINGS}
MAX_RECENT = 10


def config_dir() -> Path:
    override = os.environ.get("FAIRDESK_CONFIG_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "fairdesk"


class AppSettings:
    """Typed access to the settings file; every write is atomic."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        self._values: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) else {}

    def get(self, key: str) -> Any:
        setting = _BY_KEY[key]
        value = self._values.get(key, setting.default)
        return value if isinstance(value, setting.type) else setting.default

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} takes {setting.type.__name__}, not {value!r}")
        # Others (the launcher, a page) may hold their own AppSettings: keep what they wrote.
        self._values = {**self._load(), key: value}
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self._values, indent=2, ensure_ascii=False), "utf-8")
        os.replace(temporary, self.path)

    def remember_event(self, path: Path) -> None:
        text = str(path.resolve())
        recent = [p for p in self.get("recent_events") if p != text]
        self.set("recent_events", [text, *recent][:MAX_RECENT])

    def forget_event(self, path: str) -> None:
        self.set("recent_events", [p for p in self.get("recent_events") if p != path])
