"""What every command shares: opening the event, JSON output, refusals → exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.session import EventSession, open_session

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Refused(Exception):
    """A command-level refusal (exit 1) that is not a domain error."""


def run_command(args: argparse.Namespace) -> int:
    func: Callable[[argparse.Namespace], int | None] = args.func
    try:
        return func(args) or EXIT_OK
    except FairDeskError as error:
        print(f"fairdesk: {error.message}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:  # `fairdesk candidates EVENT | head` (before OSError: a subclass)
        sys.stderr.close()
        return EXIT_OK
    except (Refused, OSError) as error:
        print(f"fairdesk: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("fairdesk: interrupted", file=sys.stderr)
        return 130


def session_for(args: argparse.Namespace, **kwargs: Any) -> EventSession:
    return open_session(Path(args.event), **kwargs)


def add_event_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event", metavar="EVENT", help="the event file (.fairdesk)")


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """A plain aligned table for people; scripts use ``--json``."""
    if not rows:
        print("(none)")
        return
    texts = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(t[i]) for t in texts)) for i, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for line in texts:
        print("  ".join(t.ljust(w) for t, w in zip(line, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())
