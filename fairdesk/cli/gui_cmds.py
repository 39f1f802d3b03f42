"""Opening the GUI: the launcher, or an event in one role."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fairdesk.domain.roles import ROLES


def register(commands: Any) -> None:
    p = commands.add_parser("open", help="open an event in the GUI")
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--role", choices=ROLES, default="organizer")
    p.add_argument("--employer", metavar="ID", help="the booth's employer (booth role)")
    p.add_argument("--desk", type=int, metavar="N", help="the desk number (desk role)")
    p.add_argument("--print-to", metavar="DIR", type=Path,
                   help="write each printed badge as a PDF into DIR instead of a printer "
                        "(desk and kiosk roles)")
    p.set_defaults(func=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    from fairdesk.app import run_event

    if args.role == "booth" and not args.employer:
        raise SystemExit("fairdesk open: --role booth needs --employer ID")
    return run_event(Path(args.event), role=args.role, desk=args.desk,
                     employer=args.employer, print_to=args.print_to)


def launch(demo: bool = False, event: str | None = None) -> int:
    from fairdesk.app import run_launcher

    return run_launcher(demo=demo, event=Path(event) if event else None)
