"""``fairdesk badges`` (batch pre-printing) and ``fairdesk export invitations``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fairdesk.badges.layouts import DEFAULT_LAYOUT, LAYOUTS
from fairdesk.cli.common import Refused, add_event_arg, add_json_arg, print_json, session_for
from fairdesk.cli.export_cmds import export_subparsers


def register(commands: Any) -> None:
    p = commands.add_parser("badges", help="print a batch of badges to one PDF")
    add_event_arg(p)
    p.add_argument("--out", metavar="FILE.pdf", type=Path, required=True)
    p.add_argument("--layout", choices=list(LAYOUTS), default=DEFAULT_LAYOUT)
    p.add_argument("--ref", metavar="REF", nargs="+", action="extend", default=[],
                   help="only these candidates (ref codes)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", dest="which", action="store_const", const="all",
                       help="everyone (the default)")
    which.add_argument("--checked-in", dest="which", action="store_const", const="checked_in")
    which.add_argument("--not-printed", dest="which", action="store_const",
                       const="not_printed", help="only badges never printed")
    p.add_argument("--sort", choices=["ref", "surname"], default="ref",
                   help="surname: lay badges out alphabetically on a table")
    p.add_argument("--reason", metavar="TEXT", help="why badges already printed are reprinted")
    p.add_argument("--desk", type=int, metavar="N", help="the desk that prints (for the log)")
    add_json_arg(p)
    p.set_defaults(func=cmd_badges, which="all")

    p = export_subparsers(commands).add_parser(
        "invitations", help="one Letter PDF per candidate with their QR, and a mail-merge CSV")
    add_event_arg(p)
    p.add_argument("--out", metavar="DIR", type=Path, required=True)
    p.add_argument("--ref", metavar="REF", nargs="+", action="extend", default=[])
    add_json_arg(p)
    p.set_defaults(func=cmd_invitations)


def cmd_badges(args: argparse.Namespace) -> int:
    from fairdesk.services import badges

    session = session_for(args, desk=args.desk)
    try:
        chosen = badges.select_candidates(session, args.ref, args.which, args.sort)
        if not chosen:
            raise Refused("No candidate matches that selection: no badges written.")
        size = badges.print_batch(session, chosen, args.layout, args.out, args.reason)
    finally:
        session.close()
    result = {"file": str(args.out), "badges": len(chosen), "layout": args.layout,
              "bytes": size, "refs": [c.ref for c in chosen]}
    if args.json:
        print_json(result)
    else:
        print(f"Wrote {len(chosen)} badges ({args.layout}) to {args.out}.")
    return 0


def cmd_invitations(args: argparse.Namespace) -> int:
    from fairdesk.services import badges

    session = session_for(args)
    try:
        chosen = badges.select_candidates(session, args.ref)
        if not chosen:
            raise Refused("The event has no candidates: no invitations written.")
        sheet = badges.write_invitations(session, args.out, chosen)
    finally:
        session.close()
    if args.json:
        print_json({"folder": str(args.out), "invitations": len(chosen), "csv": str(sheet)})
    else:
        print(f"Wrote {len(chosen)} invitations and {sheet.name} to {args.out}.")
    return 0
