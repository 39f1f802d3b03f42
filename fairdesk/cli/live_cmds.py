"""The organizer's live operations: ``stats`` (and, below, the candidate record,
merge and erasure)."""

from __future__ import annotations

import argparse
from typing import Any

from fairdesk.cli.common import add_event_arg, add_json_arg, print_json, print_table, session_for
from fairdesk.services import candidate_record, live


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


def cmd_stats(args: argparse.Namespace) -> int:
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
    print("audit:")
    print_table(found["audit"], ["at", "device", "action"])
    return 0
