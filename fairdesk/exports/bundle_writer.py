"""One employer's résumé bundle: a ZIP with the book, the original résumés,
candidates.csv / .xlsx and a README.

The ZIP is written under a temporary name and renamed when complete. Résumés
are fetched one at a time, filed in the ZIP and handed to the book merger
(which bounds how many it holds); a résumé that cannot be read is reported and
its candidate keeps a summary page. Nothing else touches the disk: the drawn
pages stay in memory and only the finished book is saved to a file before it
goes into the ZIP.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from fairdesk.exports.atomic import atomic_path
from fairdesk.exports.book_merge import BookMerger, UnreadableResume
from fairdesk.exports.book_pages import draw_front, plan_pages
from fairdesk.exports.bundle_files import HEADERS, candidate_rows, readme
from fairdesk.exports.bundle_model import (
    BundleCandidate,
    BundleHeader,
    BundleResult,
    Cancel,
    Cancelled,
    Entry,
    Progress,
    ResumeFetcher,
)
from fairdesk.exports.cells import csv_to, xlsx_to
from fairdesk.exports.safe_names import resume_member_name, safe_filename, safe_stem
from fairdesk.resources import register_pdf_fonts

RESUME_FOLDER = "Résumés"


def bundle_file_name(employer: str, event: str, shortlist_only: bool = False) -> str:
    """``Bay BPO - Saint Lucia Career Fair.zip`` (safe on every file system)."""
    extra = " - Phase Two" if shortlist_only else ""
    return safe_filename(f"{safe_stem(employer, 60)} - {safe_stem(event, 60)}{extra}", ".zip")


def prepare() -> None:
    """Load what every bundle needs once: the book's fonts (~75 ms of TrueType parsing).
    Called before worker processes are forked, so that they inherit it."""
    register_pdf_fonts()


def order(candidates: Sequence[BundleCandidate]) -> list[Entry]:
    """Book order: candidates with a Phase Two interview first, by its time; then the
    rest by last name, first name, ref; numbered from 1."""
    ranked = sorted(candidates, key=lambda c: (not c.interview_at, c.interview_at,
                                               c.sort_name.casefold(), c.ref))
    return [Entry(number, c) for number, c in enumerate(ranked, start=1)]


def write_bundle(target: Path, header: BundleHeader, candidates: Sequence[BundleCandidate],
                 fetch: ResumeFetcher, *, progress: Progress | None = None,
                 cancel: Cancel | None = None, max_open: int = 200) -> BundleResult:
    """Write the bundle ZIP at ``target``; raises :class:`Cancelled` if cancelled.

    ``progress(done, total)`` follows the candidates, then repeats the total
    after the book's pages are drawn and after the book is saved.
    """
    entries = order(candidates)
    folder = safe_stem(target.stem)
    book_name = safe_filename(f"Résumé book - {header.employer}", ".pdf")
    with tempfile.TemporaryDirectory(prefix="fairdesk-bundle-") as work_name, \
            atomic_path(target) as temporary, \
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive, \
            BookMerger(Path(work_name), max_open) as merger:
        for done, entry in enumerate(entries, start=1):
            if cancel is not None and cancel():
                raise Cancelled
            _take_resume(entry, fetch, archive, folder=f"{folder}/{RESUME_FOLDER}",
                         merger=merger)
            if progress is not None:
                progress(done, len(entries))
        plan_pages(entries)
        front = io.BytesIO()  # cover, index and summaries: ~1 kB a page
        layout = draw_front(front, header, entries)
        if progress is not None:  # the count stays; the stages after it take a while
            progress(len(entries), len(entries))
        book = Path(work_name) / "book.pdf"  # pikepdf writes a stream in small pieces: slow
        pages = merger.finish(front, entries, layout, book,
                              f"Résumé book – {header.employer} – {header.event}")
        archive.write(book, f"{folder}/{book_name}", zipfile.ZIP_STORED)
        if progress is not None:
            progress(len(entries), len(entries))
        _tables(archive, folder, entries)
        archive.writestr(f"{folder}/README.txt", readme(header, entries, book_name))
    problems = [{"ref": e.candidate.ref, "name": e.candidate.display_name, "problem": e.problem}
                for e in entries if e.problem]
    resumes = sum(e.state in ("pdf", "file") for e in entries)
    return BundleResult(str(target), len(entries), pages, resumes, problems)


def _take_resume(entry: Entry, fetch: ResumeFetcher, archive: zipfile.ZipFile, *, folder: str,
                 merger: BookMerger) -> None:
    """Fetch, check and file one candidate's résumé; sets the entry's state."""
    person = entry.candidate
    if not person.consent:
        entry.state = "no_consent"
        return
    if not person.has_resume:
        return
    data = fetch(person)
    if data is None:
        # its desk attached it but has not uploaded it yet (blobs follow the ops)
        entry.state, entry.problem = "missing", "the résumé has not reached this event file yet"
        return
    suffix = Path(person.resume_name).suffix or ".pdf"
    if not _is_pdf(data, person.resume_mime):
        entry.member = resume_member_name(entry.number, person.sort_name, suffix)
        entry.state = "file"
        archive.writestr(f"{folder}/{entry.member}", data)
        return
    try:
        entry.resume_pages = merger.add_resume(data)
    except UnreadableResume as exc:
        entry.state, entry.problem = "unreadable", f"the résumé PDF is damaged ({exc})"
        return
    entry.state = "pdf"
    entry.member = resume_member_name(entry.number, person.sort_name, ".pdf")
    # already compressed: stored as is
    archive.writestr(f"{folder}/{entry.member}", data, zipfile.ZIP_STORED)


def _is_pdf(data: bytes, mime: str) -> bool:
    return mime == "application/pdf" or b"%PDF-" in data[:1024]


def _tables(archive: zipfile.ZipFile, folder: str, entries: Sequence[Entry]) -> None:
    """candidates.csv and candidates.xlsx, streamed into the ZIP (the XLSX is a ZIP itself)."""
    rows = candidate_rows(entries)
    with archive.open(f"{folder}/candidates.csv", "w") as member:
        csv_to(member, HEADERS, rows)
    sheet = io.BytesIO()
    xlsx_to(sheet, HEADERS, rows, title="Candidates")
    archive.writestr(f"{folder}/candidates.xlsx", sheet.getvalue(), zipfile.ZIP_STORED)
