"""Exports after the fair: résumé bundles per employer, the event report, visit and
check-in lists, and the purge of personal data. Every export goes to the audit log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import InvalidField, NothingToExport
from fairdesk.domain.model import Employer
from fairdesk.domain.rules import zone
from fairdesk.exports.bundle_model import BundleHeader
from fairdesk.exports.bundle_writer import bundle_file_name
from fairdesk.exports.cells import write_table
from fairdesk.exports.report import ReportData, write_report
from fairdesk.exports.safe_names import unique
from fairdesk.services import bundle_jobs
from fairdesk.services.bundle_jobs import BundleJob, Cancel, Progress
from fairdesk.services.employers import all_employers, find_employer
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import codec, export_rows
from fairdesk.storage import event as event_rows
from fairdesk.storage import interviews as interview_rows
from fairdesk.storage.store import EventStore


@dataclass(frozen=True)
class EmployerLine:
    """An employer on the export screen, with how many candidates its bundle would hold."""

    id: str
    name: str
    booth: str
    visitors: int
    shortlisted: int


def employer_overview(session: EventSession) -> list[EmployerLine]:
    counts = export_rows.visitor_counts(session.store)
    return [EmployerLine(e.id, e.name, e.booth, *counts.get(e.id, (0, 0)))
            for e in all_employers(session)]


def format_dates(days: tuple[date, ...]) -> str:
    """``20 August 2026``, ``20–21 August 2026``, ``31 August – 1 September 2026``."""
    if not days:
        return ""
    first, last = min(days), max(days)
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"


def local(session: EventSession, at: datetime, with_day: bool | None = None) -> str:
    moment = at.astimezone(zone(session.event.timezone))
    if with_day is None:
        with_day = len(session.event.days) > 1
    return f"{moment:%a %d %b %H:%M}" if with_day else f"{moment:%H:%M}"


def stamp(session: EventSession) -> str:
    """``27 November 2026, 19:22`` at the venue: when an export was made."""
    moment = session.now().astimezone(zone(session.event.timezone))
    return f"{moment.day} {moment:%B %Y, %H:%M}"


# ------------------------------------------------------------------ bundles
def build_bundles(session: EventSession, out_dir: Path | str, *,
                  employer_key: str | None = None, shortlist_only: bool = False,
                  progress: Progress | None = None, cancel: Cancel | None = None,
                  workers: int | None = None) -> dict[str, Any]:
    """One ZIP per employer with visitors (or just ``employer_key``'s) in ``out_dir``.

    ``workers``: processes to write bundles in (``None``: one per core when the
    export is large enough to gain from it; see :mod:`bundle_jobs`).
    """
    out = Path(out_dir)
    jobs = _jobs(session, out, _chosen(session, employer_key, shortlist_only), shortlist_only)
    if workers is None:
        workers = bundle_jobs.worker_count(jobs, session.path)
    results: list[dict[str, Any]] = []
    cancelled = False
    try:
        cancelled = bundle_jobs.run_jobs(session.store, jobs, workers=workers,
                                         progress=progress, cancel=cancel, results=results)
    finally:
        rank = {job.employer_id: index for index, job in enumerate(jobs)}
        results.sort(key=lambda r: rank[r["employer_id"]])
        _audit_bundles(session, out, results, shortlist_only, cancelled)
    return {
        "out_dir": str(out), "employers": results, "cancelled": cancelled,
        "candidates": sum(r["candidates"] for r in results),
        "pages": sum(r["pages"] for r in results),
        "problems": sum(len(r["problems"]) for r in results),
    }


def _chosen(session: EventSession, employer_key: str | None,
            shortlist_only: bool) -> list[tuple[Employer, int]]:
    counts = export_rows.visitor_counts(session.store)
    employers = [find_employer(session, employer_key)] if employer_key \
        else all_employers(session)
    pick = 1 if shortlist_only else 0
    chosen = [(e, counts.get(e.id, (0, 0))[pick]) for e in employers]
    chosen = [(e, n) for e, n in chosen if n]
    if not chosen:
        whom = employers[0].name if employer_key else "any employer"
        what = "Phase Two shortlist" if shortlist_only else "booth visitors"
        raise NothingToExport(f"There are no {what} for {whom}; no bundle to make.")
    return chosen


def _jobs(session: EventSession, out: Path, chosen: list[tuple[Employer, int]],
          shortlist_only: bool) -> list[BundleJob]:
    """Each bundle's header and file name (made unique in employer order)."""
    event, taken = session.event, set[str]()
    jobs = []
    for employer, count in chosen:
        header = BundleHeader(event.name, event.venue, format_dates(event.days), employer.name,
                              employer.booth, stamp(session), shortlist_only)
        name = unique(bundle_file_name(employer.name, event.name, shortlist_only), taken)
        jobs.append(BundleJob(employer.id, employer.name, out / name, header, shortlist_only,
                              event.timezone, len(event.days) > 1, count))
    return jobs


def _audit_bundles(session: EventSession, out: Path, results: list[dict[str, Any]],
                   shortlist_only: bool, cancelled: bool) -> None:
    detail = {
        "employers": [{"id": r["employer_id"], "name": r["employer"],
                       "candidates": r["candidates"]} for r in results],
        "candidates": sum(r["candidates"] for r in results),
        "shortlist_only": shortlist_only, "cancelled": cancelled,
    }
    _audit(session, "export.bundles", str(out), detail)


def _audit(session: EventSession, action: str, subject: str, detail: dict[str, Any]) -> None:
    with session.store.transaction():
        event_rows.audit(session.store, session.now(), action, subject, detail)
    session.publish(Change("audit"))


# ------------------------------------------------------------------ report and lists
def export_report(session: EventSession, out_pdf: Path | str) -> dict[str, Any]:
    """The organizer's post-event report as a PDF."""
    out = _checked(Path(out_pdf), (".pdf",))
    data = report_data(session)
    pages = write_report(out, data)
    _audit(session, "export.report", str(out), {"pages": pages})
    return {"file": str(out), "pages": pages, "totals": data.totals}


def report_data(session: EventSession) -> ReportData:
    store = session.store
    event = session.event
    booths = [(f"{b} · {n}" if b else n, v, s) for n, b, v, s in export_rows.per_employer(store)]
    return ReportData(
        event=event.name, venue=event.venue, dates=format_dates(event.days),
        generated=stamp(session),
        totals=export_rows.totals(store), arrivals=_arrival_slots(session),
        booths=booths, booths_per_candidate=list(export_rows.booths_per_candidate(store).items()),
        districts=export_rows.districts(store), funnel=_funnel(store),
    )


def _funnel(store: EventStore) -> list[tuple[str, int, int, int, int, int, int]]:
    """Phase Two per employer, when the event lays out interviews at all: (name,
    visits, shortlisted, booked, in clash, interviewed, no-shows)."""
    if not interview_rows.has_slots(store):
        return []
    return [(f"{b} · {n}" if b else n, v, s, k, c, i, x)
            for n, b, v, s, k, c, i, x in interview_rows.funnel(store)]


def _arrival_slots(session: EventSession) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per fair day, arrivals per 15 minutes from the first slot to the last (gaps as 0)."""
    tz = zone(session.event.timezone)
    by_day: dict[str, Counter[datetime]] = {}
    for day, at in export_rows.first_arrivals(session.store):
        moment = codec.parse_ts(at).astimezone(tz)
        slot = moment.replace(minute=moment.minute - moment.minute % 15, second=0,
                              microsecond=0)
        by_day.setdefault(day, Counter())[slot] += 1
    out = []
    for day, counts in sorted(by_day.items()):
        slot, last, series = min(counts), max(counts), []
        while slot <= last:
            series.append((f"{slot:%H:%M}", counts.get(slot, 0)))
            slot += timedelta(minutes=15)
        out.append((f"{date.fromisoformat(day):%a %d %b}", series))
    return out


VISIT_HEADERS = ("Ref", "Last name", "First name", "Employer", "Booth", "First scan",
                 "Last scan", "Scans", "Rating", "Tags", "Notes", "Phase Two", "Consent")
CHECKIN_HEADERS = ("Ref", "Last name", "First name", "Walk-in", "Day", "Time", "Desk",
                   "Device", "Undone at", "Undo reason")


def export_visits(session: EventSession, out: Path | str) -> dict[str, Any]:
    path = _checked(Path(out), (".csv", ".xlsx"))
    rows = [[r["ref"], r["last_name"], r["first_name"], r["employer"], r["booth"],
             _when(session, r["first_seen"]), _when(session, r["last_seen"]), r["seen_count"],
             r["rating"], list(codec.tup(r["tags"])), r["notes"], bool(r["shortlist"]),
             bool(r["consent"])] for r in export_rows.visit_export_rows(session.store)]
    count = write_table(path, VISIT_HEADERS, rows, title="Visits")
    _audit(session, "export.visits", str(path), {"rows": count})
    return {"file": str(path), "rows": count}


def export_checkins(session: EventSession, out: Path | str) -> dict[str, Any]:
    path = _checked(Path(out), (".csv", ".xlsx"))
    rows = [[r["ref"], r["last_name"], r["first_name"], r["source"] == "walk_in", r["day"],
             local(session, codec.parse_ts(r["at"]), with_day=False), r["desk"],
             r["device_id"], _when(session, r["undone_at"]), r["undo_reason"]]
            for r in export_rows.checkin_export_rows(session.store)]
    count = write_table(path, CHECKIN_HEADERS, rows, title="Check-ins")
    _audit(session, "export.checkins", str(path), {"rows": count})
    return {"file": str(path), "rows": count}


def _when(session: EventSession, stamp: str | None) -> str:
    if not stamp:
        return ""
    moment = codec.parse_ts(stamp).astimezone(zone(session.event.timezone))
    return f"{moment:%Y-%m-%d %H:%M}"


def _checked(path: Path, suffixes: tuple[str, ...]) -> Path:
    if path.suffix.lower() not in suffixes:
        raise InvalidField("out", f"{path.name}: the file name must end in "
                                  f"{' or '.join(suffixes)}.")
    if path.is_dir():
        raise InvalidField("out", f"{path} is a folder; give a file name.")
    return path


# ------------------------------------------------------------------ purge
def purge(session: EventSession) -> dict[str, Any]:
    """Remove names, contact details, notes and résumés for good; counts stay.

    Local and irreversible (it does not travel to other devices). Upgrade
    backups of the event file (``*.v1.bak``) hold the same data and go too.
    """
    store = session.store
    with store.transaction():
        done = export_rows.purge_personal_data(store)
        event_rows.audit(store, session.now(), "purge", session.event.name, done)
    export_rows.compact(store)
    removed = []
    if session.path is not None:
        for backup in session.path.parent.glob(f"{session.path.name}.v*.bak"):
            backup.unlink()
            removed.append(backup.name)
    for topic in ("candidates", "resumes", "visits", "audit"):
        session.publish(Change(topic))
    return {**done, "backups_removed": removed}
