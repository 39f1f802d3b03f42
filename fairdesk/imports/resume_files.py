"""Checking the files of a résumé folder before any is stored.

Every file found becomes either a :class:`ResumeFile` (what to store: a PDF, or
the original when it could not be converted) or a :class:`Rejected` with a
reason a person can act on. PDFs must open (pikepdf) and have pages; photos
(JPG/PNG) become one PDF page; DOCX/DOC/ODT/RTF are converted by LibreOffice
where it is installed and otherwise kept as they are, with a note.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import pikepdf

MAX_BYTES = 20 * 1024 * 1024
PDF = "application/pdf"
OFFICE_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
}
IMAGES = frozenset({".jpg", ".jpeg", ".png"})
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "icon\r"})
CONVERT_TIMEOUT_S = 120


@dataclass(frozen=True)
class ResumeFile:
    """A file fit to store: ``data`` is what goes into the event file."""

    name: str  # path inside the folder, with "/"
    data: bytes
    mime: str
    pages: int | None
    note: str = ""  # e.g. kept as DOCX because LibreOffice is not installed

    @property
    def file_name(self) -> str:
        return self.name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Rejected:
    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.name, "reason": self.reason}


Checked: TypeAlias = ResumeFile | Rejected  # what checking a file gives


def needs_conversion(path: Path) -> bool:
    """A Word/OpenDocument/RTF file: LibreOffice may run (slowly) when it is checked."""
    return path.suffix.lower() in OFFICE_MIME


class _Refused(Exception):
    """A file that cannot be taken; the message is the reason."""


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (recursively), in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            yield Path(root) / name


def is_ignored(relative: str) -> str:
    """Why a file is not a résumé at all (hidden, system, lock file), or ``""``."""
    parts = relative.split("/")
    name = parts[-1]
    if name.casefold() in SYSTEM_FILES or "__MACOSX" in parts:
        return "system file, not a résumé (ignored)"
    if any(p.startswith(".") for p in parts):
        return "hidden file, not a résumé (ignored)"
    if name.startswith("~$"):
        return "Office lock file, not a résumé (ignored)"
    return ""


def check(path: Path, folder: Path) -> Checked:
    """Read and check one file of ``folder``."""
    relative = path.relative_to(folder).as_posix()
    ignored = is_ignored(relative)
    if ignored:
        return Rejected(relative, ignored)
    try:
        data = _read(path)
        return _checked(relative, path, data)
    except _Refused as refused:
        return Rejected(relative, str(refused))


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Refused(f"larger than 20 MB ({size / 1024 / 1024:.1f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise _Refused(f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise _Refused("empty file")
    return data


def _checked(relative: str, path: Path, data: bytes) -> ResumeFile:
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return ResumeFile(relative, data, PDF, pdf_pages(data))
    if suffix in IMAGES:
        converted = image_to_pdf(data)
        return ResumeFile(relative, converted, PDF, 1, "photo turned into a one-page PDF")
    if suffix in OFFICE_MIME:
        return _office(relative, data, suffix)
    raise _Refused(f"not a résumé format ({suffix or 'no extension'}); "
                   "use PDF, Word, OpenDocument, RTF, JPG or PNG")


def pdf_pages(data: bytes) -> int:
    """The page count of a real, complete, unencrypted PDF; else :class:`_Refused`."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or (
        head.startswith(b"<") and b"<html" in data[:4096].lower()
    ):
        raise _Refused("an HTML page saved as .pdf (a failed download?), not a PDF")
    if b"%PDF-" not in data[:1024]:
        raise _Refused(f"not a PDF (the file starts with {data[:8]!r})")
    if b"%%EOF" not in data[-4096:]:
        raise _Refused("truncated PDF (the file ends before the document does; "
                       "download it again)")
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise _Refused("encrypted PDF; ask for a copy without a password")
            pages = len(pdf.pages)
    except pikepdf.PasswordError as exc:
        raise _Refused("encrypted PDF (needs a password); ask for a copy without one") from exc
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        raise _Refused(f"damaged PDF ({str(exc).splitlines()[0][:120]})") from exc
    if pages == 0:
        raise _Refused("PDF with no pages")
    return pages


def image_to_pdf(data: bytes) -> bytes:
    """A photo of a paper résumé as one PDF page (EXIF rotation applied)."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            rgb = upright.convert("RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _Refused("not a readable image") from exc
    out = io.BytesIO()
    dpi = max(72.0, rgb.width / 8.27)  # fit the width of an A4 page
    rgb.save(out, format="PDF", resolution=dpi)
    return out.getvalue()


def _office(relative: str, data: bytes, suffix: str) -> ResumeFile:
    if not _office_signature_ok(data, suffix):
        raise _Refused(f"not a real {suffix[1:].upper()} file (damaged or renamed)")
    office = soffice()
    if office is None:
        return ResumeFile(relative, data, OFFICE_MIME[suffix], None,
                          "kept as sent: LibreOffice is not installed to convert it to PDF")
    converted = convert_to_pdf(office, data, suffix)
    if converted is None:
        return ResumeFile(relative, data, OFFICE_MIME[suffix], None,
                          "kept as sent: LibreOffice could not convert it to PDF")
    return ResumeFile(relative, converted, PDF, pdf_pages(converted),
                      f"converted from {suffix[1:].upper()} to PDF")


def _office_signature_ok(data: bytes, suffix: str) -> bool:
    if suffix in (".docx", ".odt"):
        return zipfile.is_zipfile(io.BytesIO(data))
    if suffix == ".doc":
        return data.startswith(b"\xd0\xcf\x11\xe0") or data.lstrip().startswith(b"{\\rtf")
    return data.lstrip().startswith(b"{\\rtf")


def soffice() -> str | None:
    """The LibreOffice program, or ``None`` where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(office: str, data: bytes, suffix: str,
                   timeout: float | None = None) -> bytes | None:
    """The PDF that LibreOffice makes of ``data`` (a DOCX/DOC/ODT/RTF), or ``None``.

    LibreOffice converts a private copy of the very bytes that were checked, in
    a folder of its own with a profile of its own (``-env:UserInstallation``),
    so two conversions at once (two imports, parallel tests) never share a
    profile or a lock file. One that hangs is killed with its helpers after
    ``timeout`` seconds (:data:`CONVERT_TIMEOUT_S`).
    """
    with tempfile.TemporaryDirectory(prefix="fairdesk-convert-") as work:
        folder = Path(work)
        source = folder / f"resume{suffix}"
        source.write_bytes(data)
        out = folder / "pdf"
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf",
                   "--outdir", str(out), str(source)]
        if not _run(command, CONVERT_TIMEOUT_S if timeout is None else timeout):
            return None
        produced = out / "resume.pdf"
        return produced.read_bytes() if produced.is_file() else None


def _run(command: list[str], timeout: float) -> bool:
    """Run ``command`` in a process group of its own; ``True`` when it ended well."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(timeout=timeout) == 0
    except subprocess.TimeoutExpired:
        _kill(process)
        return False


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill a conversion and the helpers it started (soffice runs soffice.bin)."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.wait()
