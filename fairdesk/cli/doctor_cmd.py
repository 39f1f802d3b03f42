"""``fairdesk doctor [EVENT] [--json]``: is this device ready for the fair?

Exit 0 when every line is green, 1 when one is red. ``--checklist FILE.pdf``
writes the day-before checklist of the event instead. ``--qt-facts`` and
``--qt-print`` are the child processes the checks start (hidden).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fairdesk.cli.common import EXIT_OK, EXIT_REFUSED, Refused, add_json_arg, print_json


def register(commands: Any) -> None:
    p = commands.add_parser("doctor", help="check this device: printer, scanner, hub, file")
    p.add_argument("event", metavar="EVENT", nargs="?", type=Path,
                   help="the event file this device uses (.fairdesk)")
    add_json_arg(p)
    p.add_argument("--print-to", metavar="DIR", type=Path,
                   help="this device prints badges into DIR (the test badge goes there)")
    p.add_argument("--checklist", metavar="FILE.pdf", type=Path,
                   help="write the event's day-before checklist PDF instead of checking")
    p.add_argument("--qt-facts", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--qt-print", nargs=2, metavar=("PRINTER", "PDF"), help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    if args.qt_facts:
        from fairdesk.ui.common.device_probes import facts_here

        print(json.dumps(facts_here().as_dict()))
        return EXIT_OK
    if args.qt_print:
        from fairdesk.ui.common.device_probes import print_test_page

        printer, pdf = args.qt_print
        print(print_test_page(printer, Path(pdf).read_bytes()))
        return EXIT_OK
    if args.checklist is not None:
        return _checklist(args)
    return _check(args)


def _check(args: argparse.Namespace) -> int:
    from fairdesk.services.app_settings import AppSettings
    from fairdesk.services.doctor import Doctor, all_ok, as_json, run_checks
    from fairdesk.ui.common.device_probes import facts_isolated, print_isolated

    doctor = Doctor(args.event, AppSettings(), facts_isolated(), print_to=args.print_to,
                    send_to_printer=print_isolated)
    results = run_checks(doctor)
    if args.json:
        print_json(as_json(results))
    else:
        width = max(len(r.name) for r in results)
        for r in results:
            print(f"{'ok ' if r.ok else 'RED'}  {r.name.ljust(width)}  {r.detail}")
            if r.fix and not r.ok:
                print(f"     {' ' * width}  → {r.fix}")
    return EXIT_OK if all_ok(results) else EXIT_REFUSED



def _checklist(args: argparse.Namespace) -> int:
    from fairdesk.services.checklist import write_checklist

    if args.event is None:
        raise Refused("--checklist needs the event: fairdesk doctor EVENT --checklist FILE.pdf")
    out = write_checklist(args.event, args.checklist)
    if args.json:
        print_json({"checklist": str(out)})
    else:
        print(f"Checklist written to {out}")
    return EXIT_OK
