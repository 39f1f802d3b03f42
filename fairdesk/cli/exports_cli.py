"""``fairdesk export bundles|report|visits|checkins`` and ``fairdesk purge``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fairdesk.cli.common import Refused, add_event_arg, add_json_arg, print_json, session_for
from fairdesk.cli.export_cmds import export_subparsers


def register(commands: Any) -> None:
    export = export_subparsers(commands)
    p = export.add_parser("bundles", help="one résumé bundle (ZIP) per employer with visitors")
    add_event_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the ZIPs")
    p.add_argument("--employer", metavar="ID", help="only this employer (id, booth or name)")
    p.add_argument("--shortlist-only", action="store_true",
                   help="only the candidates marked for Phase Two")
    add_json_arg(p)
    p.set_defaults(func=cmd_bundles)

    p = export.add_parser("report", help="the post-event report (PDF)")
    add_event_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)

    for what in ("visits", "checkins"):
        p = export.add_parser(what, help=f"all {what} as a CSV or XLSX file")
        add_event_arg(p)
        p.add_argument("--out", required=True, type=Path, metavar="FILE.csv|FILE.xlsx")
        p.set_defaults(func=cmd_list, what=what)

    p = commands.add_parser("purge", help="remove personal data and résumés; keep the counts")
    add_event_arg(p)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_purge)


def cmd_bundles(args: argparse.Namespace) -> int:
    from fairdesk.services.exports import build_bundles

    session = session_for(args)
    try:
        report = build_bundles(session, args.out, employer_key=args.employer,
                               shortlist_only=args.shortlist_only)
    finally:
        session.close()
    if args.json:
        print_json(report)
        return 0
    for item in report["employers"]:
        print(f"{item['employer']}: {item['candidates']} candidates, {item['pages']} pages "
              f"→ {item['file']}")
        for problem in item["problems"]:
            print(f"  ! {problem['ref']} {problem['name']}: {problem['problem']}")
    print(f"{len(report['employers'])} bundles, {report['candidates']} candidates, "
          f"{report['problems']} problems.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from fairdesk.services.exports import export_report

    session = session_for(args)
    try:
        done = export_report(session, args.out)
    finally:
        session.close()
    print(f"Wrote {done['file']} ({done['pages']} pages).")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from fairdesk.services.exports import export_checkins, export_visits

    session = session_for(args)
    try:
        write = export_visits if args.what == "visits" else export_checkins
        done = write(session, args.out)
    finally:
        session.close()
    print(f"Wrote {done['file']} ({done['rows']} {args.what}).")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from fairdesk.services.exports import purge

    if not args.yes:
        _confirm(args.event)
    session = session_for(args)
    try:
        done = purge(session)
    finally:
        session.close()
    print(f"Purged {args.event}: {done['candidates']} candidates anonymised, "
          f"{done['resumes']} résumés and {done['notes']} booth notes removed.")
    return 0


def _confirm(event: str) -> None:
    """Ask on the terminal; without one (a pipe, a script) refuse: use --yes."""
    if not sys.stdin.isatty():
        raise Refused("purge needs confirmation; run it in a terminal or add --yes.")
    prompt = (f"This removes every name, contact detail, booth note and résumé from {event} "
              "for good; counts stay. Type 'purge' to go on: ")
    print(prompt, end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    if answer.strip().casefold() != "purge":
        raise Refused("purge not confirmed; nothing was changed.")
