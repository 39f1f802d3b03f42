"""``fairdesk import candidates|employers EVENT FILE`` and ``fairdesk import resumes``.

Exit 0 when the import ran (the report says which rows or files were not
taken and why), 1 when the file or folder cannot be read at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fairdesk.cli.common import Refused, add_json_arg, print_json, print_table, session_for

# Other commands may add their own kind of import (``fairdesk import ops``) here.
IMPORT_KINDS: dict[str, Any] = {}


def register(commands: Any) -> None:
    parent = commands.add_parser("import", help="import a roster, résumés or employers")
    kinds = parent.add_subparsers(dest="kind", metavar="KIND", required=True)
    IMPORT_KINDS["subparsers"] = kinds
    for kind, noun in (("candidates", "a roster (CSV or XLSX)"),
                       ("employers", "an employer list (CSV or XLSX)")):
        p = kinds.add_parser(kind, help=f"import {noun}")
        p.add_argument("event", metavar="EVENT", help="the event file (.fairdesk)")
        p.add_argument("file", metavar="FILE", type=Path, help="the CSV or XLSX file")
        p.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (first)")
        p.add_argument("--dry-run", action="store_true",
                       help="report what would happen; change nothing")
        add_json_arg(p)
        p.set_defaults(func=cmd_import_table)
    p = kinds.add_parser("resumes", help="import a folder of résumé files")
    p.add_argument("event", metavar="EVENT", help="the event file (.fairdesk)")
    p.add_argument("folder", metavar="FOLDER", type=Path, help="the résumé folder")
    add_json_arg(p)
    p.set_defaults(func=cmd_import_resumes)


def _check_path(path: Path, folder: bool) -> None:
    if folder and not path.is_dir():
        raise Refused(f"{path}: no such folder.")
    if not folder and not path.is_file():
        raise Refused(f"{path}: no such file.")


def cmd_import_table(args: argparse.Namespace) -> int:
    from fairdesk.services import importing

    _check_path(args.file, folder=False)
    session = session_for(args)
    try:
        run = (importing.import_candidates if args.kind == "candidates"
               else importing.import_employers)
        report = run(session, args.file, None, args.dry_run, sheet=args.sheet)
    finally:
        session.close()
    if args.json:
        print_json(report)
        return 0
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {args.file.name}: {report['rows']} rows: {report['imported']} new, "
          f"{report['updated']} updated, {report['duplicates']} duplicates, "
          f"{report['skipped']} skipped.")
    _print_issues("Not taken", report["problems"], ["row", "field", "reason"])
    _print_issues("Warnings", report["warnings"], ["row", "field", "reason"])
    return 0


def cmd_import_resumes(args: argparse.Namespace) -> int:
    from fairdesk.services import resume_import

    _check_path(args.folder, folder=True)
    session = session_for(args)
    try:
        report = resume_import.import_resumes(session, args.folder)
    finally:
        session.close()
    if args.json:
        print_json(report)
        return 0
    print(f"{report['files']} files: {report['matched']} matched, "
          f"{len(report['ambiguous'])} to review, {len(report['unmatched'])} unmatched, "
          f"{len(report['rejected'])} refused.")
    review = [{"file": a["file"], "reason": "could be " + ", ".join(
        f"{c['ref']} {c['name']} ({c['confidence']}%)" for c in a["choices"])}
        for a in report["ambiguous"]]
    _print_issues("To review (resolve in the import wizard)", review, ["file", "reason"])
    _print_issues("Unmatched", report["unmatched"], ["file", "reason"])
    _print_issues("Refused", report["rejected"], ["file", "reason"])
    _print_issues("Notes", report["warnings"], ["file", "reason"])
    return 0


def _print_issues(title: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    if rows:
        print(f"\n{title}:")
        print_table(rows, columns)
