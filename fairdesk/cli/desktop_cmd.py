"""``fairdesk install-desktop [--json]``: the menu entry and the .fairdesk file type (Linux)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fairdesk.cli.common import Refused, add_json_arg, print_json


def register(commands: Any) -> None:
    p = commands.add_parser(
        "install-desktop", help="Linux: add FairDesk to this user's menu; .fairdesk files open it")
    add_json_arg(p)
    p.set_defaults(func=cmd_install_desktop)


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from fairdesk.services.desktop_integration import data_home, install

    if not sys.platform.startswith("linux"):
        raise Refused("install-desktop is for Linux desktops (Windows and macOS need no step)")
    written = install()
    if args.json:
        print_json({"share": str(data_home()), "written": [str(p) for p in written]})
    else:
        for path in written:
            print(path)
    return 0
