"""``fairdesk scan``: a booth's scan from a script (same service as the booth screen)."""

from __future__ import annotations

import argparse
from typing import Any

from fairdesk.cli.common import add_event_arg, add_json_arg, print_json, session_for


def register(commands: Any) -> None:
    p = commands.add_parser("scan", help="record a booth visit from a badge code or ref")
    add_event_arg(p)
    p.add_argument("--employer", metavar="ID", required=True,
                   help="id, booth or name of the booth's employer")
    p.add_argument("payload", metavar="PAYLOAD", help="the scanned QR text or a typed ref")
    p.add_argument("--rating", type=int, choices=range(1, 6), metavar="N", help="1–5")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="repeatable")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--shortlist", action="store_true", help="mark for Phase Two")
    add_json_arg(p)
    p.set_defaults(func=cmd_scan)


def cmd_scan(args: argparse.Namespace) -> int:
    from fairdesk.services import booth  # here, not at the top: every command builds the parser
    from fairdesk.services.employers import find_employer

    session = session_for(args, role="booth")
    try:
        session.employer_id = find_employer(session, args.employer).id
        result = booth.scan(session, args.payload)
        fields: dict[str, Any] = {}
        if args.rating is not None:
            fields["rating"] = args.rating
        if args.tag:
            fields["tags"] = [*result.card.tags, *args.tag]
        if args.note is not None:
            fields["notes"] = args.note
        if args.shortlist:
            fields["shortlist"] = True
        card = booth.edit_visit(session, result.card.visit_id, **fields) if fields else result.card
    finally:
        session.close()
    out = {
        "ref": card.ref, "name": card.name,
        "status": "visit" if result.first else "seen_again", "seen": card.seen_count,
        "rating": card.rating, "tags": list(card.tags), "notes": card.notes,
        "shortlist": card.shortlist, "walk_in_from_badge": result.new_walk_in,
    }
    if args.json:
        print_json(out)
    else:
        verb = "Recorded a visit of" if result.first else "Seen again:"
        print(f"{verb} {card.name} ({card.ref}); seen {card.seen_count}×.")
    return 0
