"""Registering walk-ins at a desk: ref codes ``W<desk>-NNNN``, and the résumé they bring.

A résumé brought to the desk — a file from a USB stick, or photos of the pages
of a paper résumé — is checked and converted by the import's own rules
(:func:`fairdesk.imports.resume_files.check`: PDFs must open, photos become PDF
pages, Word files go through LibreOffice) before anything is written, then
stored as any other résumé (a sha256 blob) in the same transaction as the
walk-in. The desk never exports it: only the organizer's bundles do.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pikepdf

from fairdesk.domain.errors import InvalidField, UnreadableFile
from fairdesk.domain.ids import new_id
from fairdesk.domain.model import Candidate
from fairdesk.domain.rules import walk_in_ref
from fairdesk.imports import resume_files
from fairdesk.imports.resume_files import ResumeFile
from fairdesk.services.candidates import _clean_fields, edit_candidate, find_candidate
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import oplog, resumes

PHOTO_NAME = "photographed-resume.pdf"
MAX_PHOTO_PAGES = 12

__all__ = ["MAX_PHOTO_PAGES", "PHOTO_NAME", "ResumeFile", "check_resume_file",
           "edit_details", "photos_to_resume", "register_walk_in", "register_with_resume"]


def register_walk_in(session: EventSession, desk: int | None = None,
                     **fields: Any) -> Candidate:
    """A candidate who was not on the roster; numbered per desk so desks never clash."""
    return register_with_resume(session, fields, None, desk=desk)


def register_with_resume(session: EventSession, fields: Mapping[str, Any],
                         resume: ResumeFile | None, *, desk: int | None = None) -> Candidate:
    """:func:`register_walk_in` with the résumé they brought, if any.

    ``resume`` (from :func:`check_resume_file` or :func:`photos_to_resume`) is
    stored with the walk-in in one transaction: both are kept or neither.
    """
    desk = desk if desk is not None else session.desk
    if desk is None:
        raise InvalidField("desk", "A walk-in is registered at a desk: give the desk number.")
    clean = _clean_fields(dict(fields))
    if not (clean.get("first_name") or clean.get("last_name")):
        raise InvalidField("name", "A walk-in needs a name.")
    store = session.store
    with store.transaction():
        prefix = f"W{desk}-"
        ref = walk_in_ref(desk, rows.next_ref_number(store, prefix))
        key = new_id()
        now = session.now()
        body = {"id": key, "ref": ref, "source": "walk_in", "desk": desk, **clean}
        if resume is not None:
            body["resume_sha"] = resumes.put(store, resume.data, now, mime=resume.mime,
                                             pages=resume.pages,
                                             original_name=resume.file_name)
            body["cv_filename"] = resume.file_name
        oplog.emit(store, "candidate.add", body, now)
    session.publish(Change("candidates", (key,)))
    if resume is not None:
        session.publish(Change("resumes", (key,)))
    return find_candidate(session, key)


def edit_details(session: EventSession, candidate_key: str, fields: Mapping[str, Any],
                 resume: ResumeFile | None = None) -> Candidate:
    """The desk's "edit details" form: the fields and, if one was attached, a résumé."""
    with session.store.transaction():
        candidate = edit_candidate(session, candidate_key, **fields)
        if resume is not None:
            candidate = attach_resume(session, candidate.id, resume.data, pages=resume.pages,
                                      original_name=resume.file_name, mime=resume.mime)
    return candidate


# ---------------------------------------------------------------- the résumé they bring
def check_resume_file(path: Path) -> ResumeFile:
    """A résumé file from a USB stick, checked and converted as the import does.

    May take seconds (LibreOffice converting a Word file): run it off the GUI thread.
    """
    if not path.is_file():
        raise UnreadableFile(f"{path.name}: no such file (was the USB stick taken out?).",
                             file=str(path))
    checked = resume_files.check(path, path.parent)
    if isinstance(checked, resume_files.Rejected):
        raise UnreadableFile(f"{path.name}: {checked.reason}.", file=str(path))
    return checked


def photos_to_resume(photos: Sequence[bytes], name: str = PHOTO_NAME) -> ResumeFile:
    """Photos of the pages of a paper résumé (JPEG or PNG bytes), in order, as one PDF.

    Each photo goes through the import's image rules (readable, EXIF-upright,
    one A4-wide PDF page); the pages are then joined.
    """
    if not photos:
        raise InvalidField("resume", "Take a photo of each page of the résumé first.")
    if len(photos) > MAX_PHOTO_PAGES:
        raise InvalidField("resume", f"{len(photos)} pages is more than a résumé has "
                           f"(at most {MAX_PHOTO_PAGES}); attach the file instead.")
    pages: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="fairdesk-photos-") as work:
        folder = Path(work)
        for number, photo in enumerate(photos, start=1):
            path = folder / f"page-{number}{_image_suffix(photo)}"
            path.write_bytes(photo)
            checked = resume_files.check(path, folder)
            if isinstance(checked, resume_files.Rejected):
                raise UnreadableFile(f"Photo of page {number}: {checked.reason}.",
                                     file=path.name)
            pages.append(checked.data)
    data = pages[0] if len(pages) == 1 else _join(pages)
    plural = "s" if len(pages) > 1 else ""
    return ResumeFile(name, data, resume_files.PDF, len(pages),
                      f"{len(pages)} photographed page{plural}")


def _image_suffix(photo: bytes) -> str:
    return ".png" if photo.startswith(b"\x89PNG") else ".jpg"


def _join(pages: list[bytes]) -> bytes:
    with contextlib.ExitStack() as stack:
        joined = stack.enter_context(pikepdf.new())
        for page in pages:
            joined.pages.extend(stack.enter_context(pikepdf.open(io.BytesIO(page))).pages)
        out = io.BytesIO()
        joined.save(out)
    return out.getvalue()
