"""The spreadsheet rows and the README of a bundle (same rows in CSV and XLSX)."""

from __future__ import annotations

from collections.abc import Sequence

from fairdesk.exports.bundle_model import BundleHeader, Entry

HEADERS = (
    "No.", "Ref", "Last name", "First name", "Email", "Phone", "Consent", "Phase Two",
    "Rating", "Tags", "Notes", "Visit time", "Scans", "Roles", "Languages", "Education",
    "District", "Experience", "Walk-in", "Résumé", "Book page",
    "Interview",  # last: scripts that read the earlier columns by position keep working
)


def candidate_rows(entries: Sequence[Entry]) -> list[list[object]]:
    rows: list[list[object]] = []
    for entry in entries:
        c = entry.candidate
        rows.append([
            entry.number, c.ref, c.last_name, c.first_name,
            c.email if c.consent else "", c.phone if c.consent else "",
            c.consent, c.shortlist, c.rating, list(c.tags), c.notes, c.visit_time, c.seen,
            list(c.roles), list(c.languages), c.education, c.district, c.experience,
            c.walk_in, entry.member or entry.resume_label, entry.summary_page + 1,
            c.interview,
        ])
    return rows


def readme(header: BundleHeader, entries: Sequence[Entry], book_name: str) -> str:
    shortlisted = sum(e.candidate.shortlist for e in entries)
    booked = sum(bool(e.candidate.interview) for e in entries)
    withheld = sum(not e.candidate.consent for e in entries)
    scope = "Phase Two shortlist" if header.shortlist_only else "booth visitors"
    lines = [
        f"{header.employer} — {scope} at {header.event}",
        f"{header.venue}, {header.dates}".strip(", "),
        f"Made with FairDesk on {header.generated}.",
        "",
        f"Candidates: {len(entries)} (Phase Two: {shortlisted}"
        + (f", {booked} with an interview booked: they come first, in interview order)."
           if booked else ")."),
        "",
        "What is inside",
        f"- {book_name}: the résumé book. A cover, an index (click a name to jump to",
        "  the candidate), then per candidate a summary page with your booth's rating,",
        "  tags and notes, followed by their résumé. Bookmarks list every candidate.",
        "- Résumés/: the original résumé files, numbered as in the book.",
        "- candidates.xlsx and candidates.csv: the same rows as the index, to sort and",
        "  filter. Every cell is plain text or a number, never a formula; in the CSV,",
        "  text a spreadsheet could take for a formula (such as a phone number starting",
        "  with +) starts with an apostrophe (').",
        "",
        "Privacy",
        "Candidates agreed to share their résumé and contact details with the employers",
        "whose booth scanned their badge. Candidates who did not agree are listed with",
        "your booth's notes only, without contact details or résumé"
        + (f" ({withheld} in this bundle)." if withheld else "."),
        "Keep this bundle within your recruiting team and delete it when the round is over.",
    ]
    problems = [e for e in entries if e.problem]
    if problems:
        lines += ["", "Résumés that could not be added (ask the organizer):"]
        lines += [f"- {e.candidate.ref} {e.candidate.sort_name}: {e.problem}" for e in problems]
    return "\r\n".join(lines) + "\r\n"
