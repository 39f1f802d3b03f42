"""Checking résumé files: real PDFs pass with a page count, bad ones say why."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from fairdesk.imports import resume_files
from fairdesk.imports.resume_files import Rejected, ResumeFile, check, walk
from tests.pdf_helpers import blank_pdf


def _checked(tmp_path: Path, name: str, data: bytes) -> ResumeFile | Rejected:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return check(path, tmp_path)


def test_sample_folder(samples: Path) -> None:
    folder = samples / "cvs"
    results = {r.name: r for r in (check(p, folder) for p in walk(folder))}
    rejected = {n: r.reason for n, r in results.items() if isinstance(r, Rejected)}
    assert set(rejected) == {".DS_Store", "CV_not_really.pdf", "CV_truncated_download.pdf",
                             "empty.pdf"}
    assert "HTML" in rejected["CV_not_really.pdf"]
    assert "truncated" in rejected["CV_truncated_download.pdf"]
    assert rejected["empty.pdf"] == "empty file"
    good = [r for r in results.values() if isinstance(r, ResumeFile)]
    assert len(good) == 32 and all(r.pages and r.pages >= 1 for r in good)


def test_real_pdf_gives_pages(tmp_path: Path) -> None:
    result = _checked(tmp_path, "sub/dir/cv.pdf", blank_pdf(3))
    assert isinstance(result, ResumeFile)
    assert (result.name, result.pages, result.file_name) == ("sub/dir/cv.pdf", 3, "cv.pdf")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    result = _checked(tmp_path, "locked.pdf", out.getvalue())
    assert isinstance(result, Rejected) and "encrypted" in result.reason


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resume_files, "MAX_BYTES", 100)
    result = _checked(tmp_path, "big.pdf", blank_pdf())
    assert isinstance(result, Rejected) and "20 MB" in result.reason


def test_hidden_and_unknown_files(tmp_path: Path) -> None:
    assert isinstance(_checked(tmp_path, ".hidden/cv.pdf", blank_pdf()), Rejected)
    assert isinstance(_checked(tmp_path, "~$cv.docx", b"x"), Rejected)
    result = _checked(tmp_path, "notes.txt", b"hello")
    assert isinstance(result, Rejected) and "not a résumé format" in result.reason


def test_photo_becomes_a_pdf_page(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, format="JPEG")
    result = _checked(tmp_path, "scan.JPG", out.getvalue())
    assert isinstance(result, ResumeFile)
    assert result.mime == "application/pdf" and result.pages == 1
    assert result.data.startswith(b"%PDF")


def test_word_file_kept_when_libreoffice_is_missing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    monkeypatch.setattr(resume_files, "soffice", lambda: None)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = _checked(tmp_path, "cv.docx", buffer.getvalue())
    assert isinstance(result, ResumeFile)
    assert result.mime.endswith("wordprocessingml.document")
    assert "LibreOffice is not installed" in result.note
    bad = _checked(tmp_path, "fake.docx", b"plain text")
    assert isinstance(bad, Rejected) and "not a real DOCX" in bad.reason
