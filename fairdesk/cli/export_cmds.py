"""The shared ``fairdesk export`` command.

Several modules add subcommands (``invitations``, ``bundles``, ``report`` ...):
each calls :func:`export_subparsers` with the top-level subparsers and adds
its own parser to what it returns. The ``export`` parser is made once per
top-level parser and kept on it.
"""

from __future__ import annotations

from typing import Any

_ATTRIBUTE = "_fairdesk_export_subparsers"


def export_subparsers(commands: Any) -> Any:
    """The sub-subparsers of ``fairdesk export`` (made on first call, then cached)."""
    existing = getattr(commands, _ATTRIBUTE, None)
    if existing is not None:
        return existing
    parser = commands.add_parser("export", help="write files for other tools and people")
    subparsers = parser.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    setattr(commands, _ATTRIBUTE, subparsers)
    return subparsers


def register(commands: Any) -> None:
    """Makes ``export`` even when no module has added a subcommand yet (idempotent)."""
    export_subparsers(commands)
