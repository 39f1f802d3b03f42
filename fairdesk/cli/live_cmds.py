"""The organizer's live operations: ``stats`` (and, below, the candidate record,
merge and erasure)."""

from __future__ import annotations

import argparse
from typing import Any

from fairdesk.cli.common import add_event_arg, add_json_arg, print_json, print_table, session_for
from fairdesk.services import live


def register(commands: Any) -> None:
    p = commands.add_parser("stats", help="the live dashboard's figures")
    add_event_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_stats)


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
