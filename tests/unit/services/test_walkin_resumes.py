"""A résumé brought by a walk-in: checked like the import's, stored with the walk-in."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from fairdesk.domain.errors import InvalidField, UnreadableFile
from fairdesk.services.candidates import add_candidate
from fairdesk.services.resumes import resume_bytes
from fairdesk.services.session import EventSession
from fairdesk.services.walkins import (
    MAX_PHOTO_PAGES,
    check_resume_file,
    edit_details,
    photos_to_resume,
    register_with_resume,
)
from fairdesk.storage import oplog, resumes
from tests.pdf_helpers import blank_pdf


def photo(colour: str = "white", fmt: str = "JPEG", size: tuple[int, int] = (600, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "usb" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


# ---------------------------------------------------------------- a file from a USB stick
def test_a_pdf_is_taken_with_its_page_count(tmp_path: Path) -> None:
    checked = check_resume_file(write(tmp_path, "Shanice CV.pdf", blank_pdf(2)))
    assert (checked.file_name, checked.mime, checked.pages) == ("Shanice CV.pdf",
                                                                "application/pdf", 2)


def test_a_photo_file_becomes_a_one_page_pdf(tmp_path: Path) -> None:
    checked = check_resume_file(write(tmp_path, "cv.png", photo(fmt="PNG")))
    assert checked.mime == "application/pdf" and checked.pages == 1
    assert page_count(checked.data) == 1


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("cv.pdf", b"<html><body>Sign in</body></html>", "HTML page saved as .pdf"),
    ("cv.pdf", b"%PDF-1.4\n1 0 obj", "truncated PDF"),
    ("cv.docx", b"not a zip at all", "not a real DOCX file"),
    ("cv.exe", b"MZ\x90\x00", "not a résumé format"),
    ("cv.pdf", b"", "empty file"),
])
def test_a_bad_file_is_refused_naming_the_file_and_why(tmp_path: Path, name: str,
                                                       data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile) as refused:
        check_resume_file(write(tmp_path, name, data))
    assert refused.value.message.startswith(f"{name}: ") and reason in refused.value.message
    assert refused.value.code == "unreadable_file"


def test_a_file_that_went_away_says_so(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="was the USB stick taken out"):
        check_resume_file(tmp_path / "gone.pdf")


# ---------------------------------------------------------------- photos of a paper résumé
def test_photos_become_one_pdf_with_a_page_each_in_order() -> None:
    pages = [photo("white", size=(600, 800)), photo("white", "PNG", size=(800, 600)),
             photo("white", size=(400, 500))]
    resume = photos_to_resume(pages)
    assert resume.mime == "application/pdf" and resume.pages == 3
    with pikepdf.open(io.BytesIO(resume.data)) as pdf:
        shapes = [(float(p.mediabox[2]) > float(p.mediabox[3])) for p in pdf.pages]
    assert shapes == [False, True, False]  # page 2 (the landscape one) stayed second
    assert resume.file_name == "photographed-resume.pdf"


def test_one_photo_is_a_one_page_pdf() -> None:
    resume = photos_to_resume([photo()])
    assert resume.pages == 1 and page_count(resume.data) == 1


def test_an_unreadable_photo_names_its_page() -> None:
    with pytest.raises(UnreadableFile, match="Photo of page 2: not a readable image"):
        photos_to_resume([photo(), b"\xff\xd8 not really a jpeg"])


def test_no_photos_or_too_many_are_refused() -> None:
    with pytest.raises(InvalidField):
        photos_to_resume([])
    with pytest.raises(InvalidField, match="attach the file instead"):
        photos_to_resume([photo()] * (MAX_PHOTO_PAGES + 1))


# ---------------------------------------------------------------- stored with the walk-in
FIELDS = {"first_name": "Shanice", "last_name": "Alexis", "consent": True}


def test_the_resume_is_stored_as_a_blob_in_the_walk_ins_own_op(session: EventSession,
                                                               tmp_path: Path) -> None:
    session.role, session.desk = "desk", 2
    resume = check_resume_file(write(tmp_path, "cv.pdf", blank_pdf(2)))
    ops = oplog.count(session.store)
    walk_in = register_with_resume(session, FIELDS, resume)
    assert walk_in.ref == "W2-0001" and walk_in.cv_filename == "cv.pdf"
    assert walk_in.resume_sha == hashlib.sha256(resume.data).hexdigest()
    assert resume_bytes(session, walk_in) == resume.data
    assert resumes.pages(session.store, walk_in.resume_sha) == 2
    (op,) = oplog.ops_since(session.store)[ops:]
    assert op.kind == "candidate.add" and op.body["resume_sha"] == walk_in.resume_sha
    assert len(json.dumps(op.body)) < 1000  # the op names the blob; the bytes never travel


def test_a_walk_in_and_its_resume_are_kept_together_or_not_at_all(
        session: EventSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resume = photos_to_resume([photo()])

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(oplog, "emit", broken)
    with pytest.raises(OSError):
        register_with_resume(session, FIELDS, resume, desk=1)
    monkeypatch.undo()
    assert resumes.count(session.store) == 0
    assert register_with_resume(session, FIELDS, None, desk=1).ref == "W1-0001"


def test_editing_details_can_give_a_resume(session: EventSession, tmp_path: Path) -> None:
    person = add_candidate(session, first_name="Léon", last_name="St. Rose")
    resume = check_resume_file(write(tmp_path, "leon.jpg", photo()))
    edited = edit_details(session, person.id, {"email": "leon@example.org"}, resume)
    assert edited.email == "leon@example.org" and edited.cv_filename == "leon.jpg"
    assert edited.resume_sha == hashlib.sha256(resume.data).hexdigest()
