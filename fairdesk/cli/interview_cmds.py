"""``fairdesk slots [add]``, ``book``, ``unbook`` and ``interviewed`` (Phase Two)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fairdesk.cli.common import add_event_arg, add_json_arg, print_json, print_table, session_for
from fairdesk.domain.interviews import DEFAULT_LENGTH_MIN, SlotPattern
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import EventSession

SLOT_COLUMNS = ["id", "employer", "day", "start", "end", "room", "ref", "state"]


def register(commands: Any) -> None:
    p = commands.add_parser(
        "slots", help="list interview slots, or lay them out: slots add EVENT --employer ...",
        usage="fairdesk slots [add | remove] EVENT [--employer ID] [--day YYYY-MM-DD "
              "--start HH:MM --end HH:MM --length MIN [--buffer MIN] [--rooms N]] "
              "[--slot ID ...] [--json]")
    p.add_argument("words", nargs="+", metavar="[add | remove] EVENT", help=argparse.SUPPRESS)
    p.add_argument("--employer", metavar="ID", help="id, booth or name of the employer")
    p.add_argument("--day", metavar="YYYY-MM-DD", help="add: the interview day")
    p.add_argument("--start", metavar="HH:MM", help="add: start of the window (venue time)")
    p.add_argument("--end", metavar="HH:MM", help="add: end of the window (venue time)")
    p.add_argument("--length", type=int, metavar="MIN",
                   help=f"add: minutes per slot (default {DEFAULT_LENGTH_MIN})")
    p.add_argument("--buffer", type=int, default=0, metavar="MIN",
                   help="add: minutes between slots")
    p.add_argument("--rooms", type=int, default=1, metavar="N",
                   help="add: parallel rooms (interviewers)")
    p.add_argument("--slot", action="append", metavar="ID",
                   help="remove: a free slot to take back (ids from fairdesk slots; repeat)")
    add_json_arg(p)
    p.set_defaults(func=cmd_slots, parser=p)

    p = commands.add_parser("book", help="book a candidate into an interview slot")
    add_event_arg(p)
    p.add_argument("--employer", metavar="ID", required=True)
    p.add_argument("--ref", metavar="REF", required=True, help="the candidate's ref code")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--slot", metavar="ID", help="this slot (ids from fairdesk slots)")
    which.add_argument("--next", action="store_true", help="the next free slot that fits")
    add_json_arg(p)
    p.set_defaults(func=cmd_book)

    p = commands.add_parser("unbook", help="take back a candidate's interview at an employer")
    add_event_arg(p)
    p.add_argument("--employer", metavar="ID", required=True)
    p.add_argument("--ref", metavar="REF", required=True)
    add_json_arg(p)
    p.set_defaults(func=cmd_unbook)

    p = commands.add_parser("interviewed",
                            help="record that a booked interview took place (or a no-show)")
    add_event_arg(p)
    p.add_argument("--employer", metavar="ID", required=True)
    p.add_argument("--ref", metavar="REF", required=True)
    p.add_argument("--no-show", action="store_true", help="the candidate did not come")
    add_json_arg(p)
    p.set_defaults(func=cmd_interviewed)
    register_export(commands)


def _session(args: argparse.Namespace) -> EventSession:
    """The organizer's file, or a booth's device file acting for its employer."""
    session = session_for(args)
    if session.store.setting("role") == "booth":
        session.role, session.employer_id = "booth", session.store.setting("employer_id")
    return session


def cmd_slots(args: argparse.Namespace) -> int:
    from fairdesk.services import interviews

    parser: argparse.ArgumentParser = args.parser
    words: list[str] = args.words
    adding = words[0] == "add" and len(words) == 2
    removing = words[0] == "remove" and len(words) == 2
    if len(words) != 1 and not (adding or removing):
        parser.error("give the event file, or: add EVENT, or: remove EVENT")
    args.event = words[-1]
    if removing:
        if not args.slot:
            parser.error("slots remove needs --slot ID (one or more)")
        return _remove(args)
    if adding:
        missing = [f"--{n}" for n in ("employer", "day", "start", "end")
                   if getattr(args, n) is None]
        if missing:
            parser.error(f"slots add needs {', '.join(missing)}")
        return _add(args)
    session = _session(args)
    try:
        listing = interviews.slot_rows(session, args.employer)
    finally:
        session.close()
    if args.json:
        print_json(listing)
    else:
        print_table(listing, SLOT_COLUMNS)
    return 0


def _add(args: argparse.Namespace) -> int:
    from fairdesk.services import interviews

    length = DEFAULT_LENGTH_MIN if args.length is None else args.length  # 0 is refused
    pattern = SlotPattern(args.start, args.end, length, args.buffer, args.rooms)
    session = _session(args)
    try:
        made = interviews.add_slots(session, args.employer, args.day, pattern)
    finally:
        session.close()
    if args.json:
        print_json([{"id": s.id, "employer": s.employer_id, "day": s.day.isoformat(),
                     "start": s.start, "end": s.end, "room": s.room, "ref": None}
                    for s in made])
    else:
        print(f"Added {len(made)} slots on {args.day} ({made[0].start}–{made[-1].end}).")
    return 0


def _remove(args: argparse.Namespace) -> int:
    """All the given slots or none: a booked one is refused, naming who holds it."""
    from fairdesk.services import interviews

    session = _session(args)
    try:
        gone = interviews.remove_slots(session, args.slot)
    finally:
        session.close()
    if args.json:
        print_json([s.id for s in gone])
    else:
        skipped = len(set(args.slot)) - len(gone)
        extra = f"; {skipped} not found or already removed" if skipped else ""
        print(f"Removed {len(gone)} slot{'' if len(gone) == 1 else 's'}{extra}.")
    return 0


def cmd_book(args: argparse.Namespace) -> int:
    from fairdesk.services import interviews

    session = _session(args)
    try:
        done = interviews.book(session, args.employer, args.ref,
                               None if args.next else args.slot)
        ref = find_candidate(session, args.ref).ref
    finally:
        session.close()
    out = {**interviews.booking_dict(done.booking, ref), "room": done.slot.room,
           "moved_from": done.moved_from.slot_id if done.moved_from else None}
    if args.json:
        print_json(out)
    else:
        verb = "Moved" if done.moved_from else "Booked"
        print(f"{verb} {ref}: {done.booking.when()} with {done.booking.employer_name}"
              f"{', ' + done.slot.room if done.slot.room else ''}.")
    return 0


def cmd_unbook(args: argparse.Namespace) -> int:
    from fairdesk.services import interviews

    session = _session(args)
    try:
        gone = interviews.unbook(session, args.employer, args.ref)
        ref = find_candidate(session, args.ref).ref
    finally:
        session.close()
    if args.json:
        print_json([interviews.booking_dict(b, ref) for b in gone])
    else:
        for b in gone:
            print(f"Unbooked {ref}: {b.when()} with {b.employer_name}.")
    return 0


def cmd_interviewed(args: argparse.Namespace) -> int:
    from fairdesk.services import interview_attendance, interviews

    session = _session(args)
    try:
        marked = interview_attendance.record_attendance(session, args.employer, args.ref,
                                                        not args.no_show)
        ref = find_candidate(session, args.ref).ref
    finally:
        session.close()
    if args.json:
        print_json({**interviews.booking_dict(marked, ref), "attended": marked.attended})
    else:
        what = "interviewed" if marked.attended else "a no-show"
        print(f"Recorded {ref} as {what}: {marked.when()} with {marked.employer_name}.")
    return 0


def register_export(commands: Any) -> None:
    """``fairdesk export interviews`` (schedules, calendars, letters)."""
    from fairdesk.cli.export_cmds import export_subparsers

    p = export_subparsers(commands).add_parser(
        "interviews", help="interview schedules (XLSX, PDF), calendars (.ics) and letters")
    add_event_arg(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the files")
    p.add_argument("--employer", metavar="ID", help="only this employer (id, booth or name)")
    add_json_arg(p)
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("slip", help="print a candidate's interview slips on a badge layout")
    add_event_arg(p)
    p.add_argument("--ref", metavar="REF", required=True)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.add_argument("--layout", default="insert-4x3", metavar="NAME")
    p.set_defaults(func=cmd_slip)


def cmd_export(args: argparse.Namespace) -> int:
    from fairdesk.services.interview_exports import export_interviews

    session = session_for(args)
    try:
        report = export_interviews(session, args.out, args.employer)
    finally:
        session.close()
    if args.json:
        print_json(report)
    else:
        n = report["employers"]
        print(f"{len(report['files'])} files for {n} employer{'' if n == 1 else 's'} in "
              f"{args.out} ({report['booked']} booked, {report['clashes']} in clash).")
    return 0


def cmd_slip(args: argparse.Namespace) -> int:
    from fairdesk.domain.errors import InvalidField
    from fairdesk.exports.atomic import atomic_path
    from fairdesk.services.interview_exports import slip_pdf

    out = Path(args.out)
    if out.suffix.lower() != ".pdf" or out.is_dir():
        raise InvalidField("out", f"{out}: give a file name ending in .pdf for the slips.")
    session = session_for(args)
    try:
        data = slip_pdf(session, args.ref, args.layout)
    finally:
        session.close()
    with atomic_path(Path(args.out)) as temporary:
        temporary.write_bytes(data)
    print(f"Interview slips written to {args.out}.")
    return 0
