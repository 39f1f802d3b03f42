"""Multi-device commands: ``hub``, ``devices``, ``join``, ``sync``, ``export ops``
and ``import ops`` (DESIGN.md "Command line", issue 8)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fairdesk.cli.common import add_event_arg, add_json_arg, print_json, print_table, session_for
from fairdesk.cli.export_cmds import export_subparsers
from fairdesk.cli.import_cmds import IMPORT_KINDS
from fairdesk.domain.errors import SeqClash


def register(commands: Any) -> None:
    p = commands.add_parser("hub", help="serve this event to paired desks and booths")
    add_event_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (8765; 0 picks a free one)")
    p.set_defaults(func=cmd_hub)
    _register_devices(commands)

    p = commands.add_parser("join", help="pair this device with a hub; makes its event file")
    p.add_argument("device_file", metavar="DEVICE_FILE", type=Path, help="the file to make")
    p.add_argument("--code", required=True, metavar="CODE", help="the pairing code (FD1.…)")
    p.add_argument("--name", default="", help="a name for this device on the hub")
    add_json_arg(p)
    p.set_defaults(func=cmd_join)

    p = commands.add_parser("sync", help="push pending changes to the hub, then pull")
    p.add_argument("device_file", metavar="DEVICE_FILE", type=Path)
    p.add_argument("--once", action="store_true", help="one round, then exit (scripts)")
    p.add_argument("--every", type=float, default=5.0, metavar="S",
                   help="seconds between rounds without --once (5)")
    p.add_argument("--renumber", action="store_true",
                   help="with --once: this file was restored from a backup (and is not in "
                        "use on another machine); send its unsent changes under new numbers")
    add_json_arg(p)
    p.set_defaults(func=cmd_sync)

    p = export_subparsers(commands).add_parser("ops", help="this device's changes, signed, "
                                                          "for a USB stick")
    p.add_argument("device_file", metavar="DEVICE_FILE", type=Path)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    add_json_arg(p)
    p.set_defaults(func=cmd_export_ops)

    p = IMPORT_KINDS["subparsers"].add_parser("ops", help="a device's signed op file (USB)")
    add_event_arg(p)
    p.add_argument("file", metavar="FILE", type=Path)
    add_json_arg(p)
    p.set_defaults(func=cmd_import_ops)


def _register_devices(commands: Any) -> None:
    parent = commands.add_parser("devices", help="pair, list and revoke devices")
    actions = parent.add_subparsers(dest="devices_action", metavar="ACTION", required=True)
    p = actions.add_parser("invite", help="a one-time pairing code for a desk or booth")
    add_event_arg(p)
    p.add_argument("--role", required=True, choices=("desk", "booth", "kiosk"))
    p.add_argument("--employer", metavar="ID", help="the booth's employer (id, booth or name)")
    p.add_argument("--desk", type=int, metavar="N", help="the desk number")
    p.add_argument("--hub", required=True, metavar="URL", help="https://ADDRESS:PORT")
    p.add_argument("--minutes", type=float, default=15.0, help="valid for (15 minutes)")
    add_json_arg(p)
    p.set_defaults(func=cmd_invite)
    p = actions.add_parser("list", help="paired devices")
    add_event_arg(p)
    add_json_arg(p)
    p.set_defaults(func=cmd_devices_list)
    p = actions.add_parser("revoke", help="stop a device's token working")
    add_event_arg(p)
    p.add_argument("device", metavar="DEVICE", help="the device id (or a unique prefix)")
    add_json_arg(p)
    p.set_defaults(func=cmd_revoke)


def cmd_hub(args: argparse.Namespace) -> int:
    from fairdesk.services.hub_server import serve

    def ready(url: str, fingerprint: str) -> None:
        print(f"Hub for {args.event} at {url}", flush=True)
        print(f"Certificate fingerprint {fingerprint}", flush=True)

    session = session_for(args)  # refuses a missing or foreign file before binding
    session.close()
    serve(Path(args.event), args.host, args.port, on_ready=ready)
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from fairdesk.services.devices import invite

    session = session_for(args)
    try:
        made = invite(session, args.role, args.hub, employer=args.employer, desk=args.desk,
                      ttl=timedelta(minutes=args.minutes))
    finally:
        session.close()
    if args.json:
        print_json({"code": made.code, "role": made.role, "employer_id": made.employer_id,
                    "desk": made.desk, "expires_at": made.expires_at.isoformat()})
    else:
        print(made.code)
    return 0


def cmd_devices_list(args: argparse.Namespace) -> int:
    from fairdesk.services.devices import list_devices

    session = session_for(args)
    try:
        rows = [d.as_dict() for d in list_devices(session)]
    finally:
        session.close()
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ["id", "name", "role", "employer", "desk", "last_seen_at", "pending",
                           "revoked_at"])
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from fairdesk.services.devices import revoke_device

    session = session_for(args)
    try:
        done = revoke_device(session, args.device)
    finally:
        session.close()
    if args.json:
        print_json(done.as_dict())
    else:
        print(f"Revoked {done.role} device {done.id} ({done.name}).")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from fairdesk.services.sync import join

    report = join(args.device_file, args.code, args.name)
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Joined; {args.device_file} holds {report.pulled} ops from the hub.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from fairdesk.services.sync import sync_file

    if not args.once:
        if args.renumber:
            print("fairdesk sync: --renumber works with --once only.", file=sys.stderr)
            return 2
        return _sync_forever(args)
    try:
        report = sync_file(args.device_file, renumber=args.renumber)
    except SeqClash as clash:
        raise SeqClash(f"{clash.message} If this file was restored from a backup and is "
                       "not in use on another machine, run again with --renumber; if it "
                       "was copied to a second machine, pair that machine as a device of "
                       "its own (fairdesk join).", **clash.details) from clash
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Pushed {report.pushed}, pulled {report.pulled}; {report.pending} pending.")
    return 0


def _sync_forever(args: argparse.Namespace) -> int:
    from fairdesk.services.sync_loop import SyncLoop

    loop = SyncLoop(args.device_file, interval=args.every,
                    on_status=lambda s: print(s.summary(), file=sys.stderr, flush=True))
    loop.run_in_this_thread()
    return 0


def cmd_export_ops(args: argparse.Namespace) -> int:
    from fairdesk.services.usb_sync import export_ops

    done = export_ops(args.device_file, args.out)
    if args.json:
        print_json({**done.as_dict(), "out": str(args.out)})
    else:
        print(f"Wrote {done.ops} ops and {done.resumes} résumés to {args.out}.")
    return 0


def cmd_import_ops(args: argparse.Namespace) -> int:
    from fairdesk.services.usb_sync import import_ops

    report = import_ops(Path(args.event), args.file)
    if args.json:
        print_json(report.as_dict())
    else:
        print(f"Took {report.new} new ops of {report.ops} from device {report.device_id}; "
              f"stored {report.resumes} résumés, {len(report.refused)} refused.")
    for refused in report.refused:  # the rest went on; each refusal is named
        print(f"{refused.file}: résumé {refused.sha256[:12]} ({refused.name or 'no name'}) "
              f"refused: {refused.reason}", file=sys.stderr)
    return 0
