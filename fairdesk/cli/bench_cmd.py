"""``fairdesk bench``: speed figures against baselines measured in the same run."""

from __future__ import annotations

import argparse
from typing import Any

from fairdesk.cli.common import Refused, add_json_arg, print_json, print_table


def register(commands: Any) -> None:
    p = commands.add_parser("bench", help="measure speed against same-run baselines")
    p.add_argument("--quick", action="store_true", help="smaller sizes; under a minute")
    p.add_argument("--only", metavar="NAME", action="append", help="run only these figures")
    add_json_arg(p)
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from fairdesk.bench.runner import run_all

    try:
        figures = run_all(quick=args.quick, only=args.only)
    except ValueError as error:
        raise Refused(str(error)) from error
    rows = [f.as_dict() for f in figures]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ["name", "value", "unit", "baseline", "ratio", "spread", "target", "ok"])
    return 0
