"""The organizer's live operations: ``stats`` (and, below, the candidate record,
merge and erasure)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fairdesk.cli.common import (
    Refused,
    add_event_arg,
    add_json_arg,
    print_json,
    print_table,
    session_for,
)


def register(commands: Any) -> None:
    p = commands.add_parser("stats", help="the live dashboard's figures")
    add_event_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_stats)

    p = commands.add_parser("candidate", help="one candidate's whole record")
    add_event_arg(p)
    p.add_argument("ref", metavar="REF", help="the ref code (C-0147) or the candidate id")
    add_json_arg(p)
    p.set_defaults(func=cmd_candidate)

    p = commands.add_parser("merge", help="merge two records of one person into one")
    add_event_arg(p)
    p.add_argument("--keep", required=True, metavar="REF", help="the record that stays")
    p.add_argument("--drop", required=True, metavar="REF",
                   help="the duplicate: its check-ins, visits and résumé move to --keep")
    add_json_arg(p)
    p.set_defaults(func=cmd_merge)

    p = commands.add_parser("erase", help="erase one person's personal data on request")
    add_event_arg(p)
    p.add_argument("--ref", required=True, metavar="REF", help="the person's ref code")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (audit log)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_json_arg(p)
    p.set_defaults(func=cmd_erase)


def cmd_stats(args: argparse.Namespace) -> int:
    from fairdesk.services import live

    session = session_for(args)
    try:
        figures = live.stats(session)
    finally:
        session.close()
    if args.json:
        print_json(figures)
        return 0
    print(f"checked in, no visit yet: {figures['no_visit']}")
    print_table(figures["booths"], ["employer", "today", "last_hour"])
    print_table(figures["phase_two"], ["employer", "shortlisted", "booked"])
    print_table(figures["devices"], ["id", "role", "last_seen", "pending"])
    return 0


def cmd_candidate(args: argparse.Namespace) -> int:
    from fairdesk.services import candidate_record

    session = session_for(args)
    try:
        found = candidate_record.record(session, args.ref)
    finally:
        session.close()
    if args.json:
        print_json(found)
        return 0
    print(f"{found['name']} ({found['ref']})  {found['email']}  {found['phone']}")
    print(f"consent: {'yes' if found['consent'] else 'no'}  source: {found['source']}  "
          f"résumé: {found['resume']['original_name'] if found['resume'] else 'none'}")
    print("check-ins:")
    print_table(found["checkins"], ["day", "time", "desk", "undone_at", "undo_reason"])
    print("badge prints:")
    print_table(found["prints"], ["at", "desk", "layout", "reason"])
    print("visits:")
    print_table(found["visits"], ["booth", "employer", "seen", "rating", "shortlist", "tags"])
    print("interviews:")
    print_table(found["interviews"], ["day", "start", "end", "employer", "room", "state"])
    print("audit:")
    print_table(found["audit"], ["at", "device", "action"])
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from fairdesk.services import merging

    session = session_for(args)
    try:
        done = merging.merge(session, args.keep, args.drop)
    finally:
        session.close()
    result = {"kept": done.kept.ref, "name": done.kept.display_name,
              "dropped": done.dropped_ref, "moved": done.moved}
    if args.json:
        print_json(result)
    else:
        moved = ", ".join(f"{n} {what}" for what, n in done.moved.items())
        print(f"Merged {done.dropped_ref} into {done.kept.ref} ({done.kept.display_name}): "
              f"moved {moved}. {done.dropped_ref}'s badge now opens {done.kept.ref}.")
    return 0


def _confirm_erase(event: str, ref: str) -> None:
    """Ask on the terminal; without one (a pipe, a script) refuse: use --yes."""
    if not sys.stdin.isatty():
        raise Refused("erase needs confirmation; run it in a terminal or add --yes.")
    print(f"This erases the name, contact details and résumé of {ref} from {event} and, "
          f"at their next sync, from every device; counts stay. Type the ref to go on: ",
          end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().casefold() != ref.strip().casefold():
        raise Refused("erase not confirmed; nothing was changed.")


def cmd_erase(args: argparse.Namespace) -> int:
    from fairdesk.services import erasure

    if not args.yes:
        _confirm_erase(args.event, args.ref)
    session = session_for(args)
    try:
        done = erasure.erase(session, args.ref, args.reason)
    finally:
        session.close()
    result = {"ref": done.ref, "erased": True, "compacted": done.compacted,
              "backups_removed": done.backups_removed}
    if args.json:
        print_json(result)
    else:
        print(f"Erased {done.ref}: personal data and résumé removed; the file was vacuumed"
              f"{'' if done.compacted else ' (its log empties when the other apps close it)'}.")
    return 0
