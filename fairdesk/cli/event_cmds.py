"""Reading and changing an event: info, candidates, employers, visits, checkin, demo."""

from __future__ import annotations

import argparse
from pathlib import Path
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
    p = commands.add_parser("demo", help="make a realistic fictional event")
    p.add_argument("event", metavar="EVENT", help="the event file to create")
    p.add_argument("--candidates", type=int, default=600, metavar="N")
    p.add_argument("--employers", type=int, default=10, metavar="M")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--no-resumes", action="store_true", help="skip the generated résumés")
    p.set_defaults(func=cmd_demo)

    p = commands.add_parser("info", help="counts of an event")
    add_event_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_info)

    p = commands.add_parser("candidates", help="list or search candidates")
    add_event_arg(p)
    p.add_argument("--search", metavar="Q", help="words of a name, a ref, email or phone")
    add_json_arg(p)
    p.set_defaults(func=cmd_candidates)

    p = commands.add_parser("employers", help="list employers")
    add_event_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_employers)

    p = commands.add_parser("visits", help="list booth visits")
    add_event_arg(p)
    p.add_argument("--employer", metavar="ID", help="id, booth or name of one employer")
    add_json_arg(p)
    p.set_defaults(func=cmd_visits)

    p = commands.add_parser("checkin", help="check a candidate in")
    add_event_arg(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--ref", metavar="REF", help="the ref code on the badge (C-0147)")
    who.add_argument("--payload", metavar="TEXT", help="the text of a scanned badge QR")
    p.add_argument("--desk", type=int, metavar="N", help="the desk number")
    add_json_arg(p)
    p.set_defaults(func=cmd_checkin)


def cmd_demo(args: argparse.Namespace) -> int:
    from fairdesk.services import events
    from fairdesk.services.demo import DemoSpec, build_demo

    if args.candidates < 0 or args.employers < 1:
        raise SystemExit("fairdesk demo: --candidates must be ≥ 0 and --employers ≥ 1")
    spec = DemoSpec(args.candidates, args.employers, args.seed, resumes=not args.no_resumes)
    target = Path(args.event)
    try:  # `fairdesk demo ~/fairs/demo.fairdesk` names a new folder as often as not
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Refused(f"cannot make the folder {target.parent}: {error.strerror}") from error
    session = build_demo(target, spec)
    info = events.event_info(session)
    session.close()
    print(f"Made {args.event}: {info['candidates']} candidates, {info['employers']} employers, "
          f"{info['checked_in']} checked in, {info['visits']} visits.")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from fairdesk.services import events

    session = session_for(args)
    info = events.event_info(session)
    session.close()
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            print(f"{key.replace('_', ' '):>15}: {value}")
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    from fairdesk.services import candidates

    session = session_for(args)
    found = candidates.listing(session, args.search)
    session.close()
    if args.json:
        print_json(found)
    else:
        print_table(found, ["ref", "name", "email", "phone", "checked_in", "consent"])
    return 0


def cmd_employers(args: argparse.Namespace) -> int:
    from fairdesk.services import employers

    session = session_for(args)
    found = [
        {"id": e.id, "name": e.name, "booth": e.booth, "sector": e.sector, "tags": list(e.tags)}
        for e in employers.all_employers(session)
    ]
    session.close()
    if args.json:
        print_json(found)
    else:
        print_table(found, ["booth", "name", "sector", "id"])
    return 0


def cmd_visits(args: argparse.Namespace) -> int:
    from fairdesk.services import visits

    session = session_for(args)
    found = visits.visit_rows(session, args.employer)
    session.close()
    if args.json:
        print_json(found)
    else:
        print_table(found, ["ref", "name", "employer", "seen", "rating", "shortlist", "tags"])
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    from fairdesk.services import candidates, checkin

    session = session_for(args, role="desk", desk=args.desk)
    try:
        key = args.ref if args.ref else _ref_from_payload(session, args.payload)
        done = checkin.check_in(session, key, args.desk)
        person = candidates.find_candidate(session, done.candidate_id)
        result = {
            "ref": person.ref, "name": person.display_name, "day": done.day.isoformat(),
            "time": session.local_time(done.at), "desk": done.desk, "status": "checked_in",
        }
    finally:
        session.close()
    if args.json:
        print_json(result)
    else:
        print(f"Checked in {result['name']} ({result['ref']}) at {result['time']}.")
    return 0


def _ref_from_payload(session: Any, payload: str) -> str:
    """A scanned QR (a signed badge, verified) or a ref typed by hand → the candidate id."""
    from fairdesk.services.badges import resolve_payload

    return resolve_payload(session, payload).id
