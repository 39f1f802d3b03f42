"""Put FairDesk in a Linux desktop's menu and make ``.fairdesk`` files open it.

``fairdesk install-desktop`` (and ``python tools/build_app.py install-desktop``,
which runs the built app's own command) writes, for this user, under
``$XDG_DATA_HOME`` (default ``~/.local/share``): the menu entry
``applications/fairdesk.desktop``, the app icon and the ``.fairdesk`` file
icon in ``icons/hicolor/``, and the ``application/x-fairdesk`` type in
``mime/packages/``; then refreshes the MIME and menu caches when their tools
are installed. Nothing needs root, and running it again changes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from fairdesk.resources import HERE

RESOURCES = Path(HERE)  # typed here: mypy does not follow the resources/ package-dir
MIME_TYPE = "application/x-fairdesk"
TEMPLATE_EXEC = "\nExec=fairdesk "
# Characters that make an Exec argument need quotes (Desktop Entry spec, "The Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    named = os.environ.get("XDG_DATA_HOME", "")
    return Path(named) if os.path.isabs(named) else Path.home() / ".local" / "share"


def this_command() -> list[str]:
    """How the desktop starts this FairDesk: the frozen binary, or this Python's module."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    return [str(Path(sys.executable).absolute()), "-m", "fairdesk"]


def exec_quote(text: str) -> str:
    """``text`` as one argument of an ``Exec=`` line.

    Inside quotes ``"`` `` ` `` ``$`` and ``\\`` take a backslash; the string
    value's own escaping then doubles every backslash, and ``%`` is written ``%%``.
    """
    text = text.replace("%", "%%")
    if any(c in _EXEC_RESERVED for c in text):
        text = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    return text.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The shipped ``fairdesk.desktop`` with its ``Exec`` pointed at ``command``."""
    template = (RESOURCES / "linux" / "fairdesk.desktop").read_text(encoding="utf-8")
    if TEMPLATE_EXEC not in template:
        raise ValueError("fairdesk.desktop has no 'Exec=fairdesk ' line to point")
    exec_args = " ".join(exec_quote(arg) for arg in command)
    return template.replace(TEMPLATE_EXEC, f"\nExec={exec_args} ")


def install(command: Sequence[str] | None = None, share: Path | None = None) -> list[Path]:
    """Write the entry, icons and type under ``share``; returns the files written."""
    share = share or data_home()
    entry = desktop_entry(command or this_command())
    icons = share / "icons" / "hicolor"
    png = (RESOURCES / "icons" / "fairdesk.png").read_bytes()
    written = [
        _write(share / "applications" / "fairdesk.desktop", entry.encode("utf-8")),
        _write(icons / "256x256" / "apps" / "fairdesk.png", png),
        _write(icons / "scalable" / "apps" / "fairdesk.svg",
               (RESOURCES / "icons" / "fairdesk.svg").read_bytes()),
        # A file manager's icon for a .fairdesk file: the type's name with / made -.
        _write(icons / "256x256" / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.png", png),
        _write(share / "mime" / "packages" / "fairdesk.xml",
               (RESOURCES / "linux" / "fairdesk-mime.xml").read_bytes()),
    ]
    for tool, folder in (("update-mime-database", share / "mime"),
                         ("update-desktop-database", share / "applications")):
        if shutil.which(tool):
            subprocess.run([tool, str(folder)], check=False, capture_output=True, timeout=60)
    return written


def _write(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target
