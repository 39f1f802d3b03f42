"""The ``fairdesk`` command: the GUI launcher, and batch work on the same services.

Exit codes (DESIGN.md): 0 success, 2 bad usage, 1 a refused input (with a
one-line reason on stderr). Each command module has ``register(subparsers)``
and sets ``func`` on its parser; add new modules to ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fairdesk import __version__

COMMAND_MODULES = (
    "fairdesk.cli.gui_cmds",
    "fairdesk.cli.event_cmds",
    "fairdesk.cli.booth_cmds",
    "fairdesk.cli.bench_cmd",
    "fairdesk.cli.badge_cmds",
    "fairdesk.cli.import_cmds",
    "fairdesk.cli.exports_cli",
    "fairdesk.cli.sync_cmds",
    "fairdesk.cli.doctor_cmd",
    "fairdesk.cli.interview_cmds",
    "fairdesk.cli.live_cmds",
    "fairdesk.cli.desktop_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fairdesk",
        description="Runs the day of a career fair. With no command, opens the launcher.",
    )
    parser.add_argument("--version", action="version", version=f"fairdesk {__version__}")
    parser.add_argument(
        "--demo", action="store_true",
        help="open the launcher with the demo event (made on first use)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if len(given) == 1 and given[0].lower().endswith(".fairdesk"):
        # A double-clicked .fairdesk file (the desktop's MIME type): the launcher, with it chosen.
        from fairdesk.cli.gui_cmds import launch

        return launch(event=given[0])
    if given in ([], ["--demo"]):
        # The launcher without the parser: building it imports every command module and,
        # through them, the event layers (~60 ms before the launcher's first frame).
        from fairdesk.cli.gui_cmds import launch

        return launch(demo=bool(given))
    parser = build_parser()
    args = parser.parse_args(given)
    if args.command is None:
        from fairdesk.cli.gui_cmds import launch

        return launch(demo=args.demo)
    from fairdesk.cli.common import run_command

    return run_command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
