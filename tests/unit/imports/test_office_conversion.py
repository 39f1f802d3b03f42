"""Word, OpenDocument and RTF résumés become PDFs through LibreOffice.

The conversion tests run LibreOffice for real and are skipped, with the reason,
where ``soffice`` is not on PATH (CI does not install it). The tests of a hung
or failing converter use a stand-in script and always run.
"""

from __future__ import annotations

import io
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2
import pytest

from fairdesk.imports import resume_files
from fairdesk.imports.resume_files import ResumeFile, check, convert_to_pdf

needs_office = pytest.mark.skipif(
    resume_files.soffice() is None,
    reason="LibreOffice is not installed (no soffice on PATH): "
           "apt-get install libreoffice-writer-nogui to run the conversion tests",
)
NAME = "Clémence Hippolyte"


def rtf(text: str) -> bytes:
    escaped = "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in text)
    return ("{\\rtf1\\ansi{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs24 Curriculum vitae\\par "
            + escaped + "\\par}").encode("ascii")


def odt(text: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:p>Curriculum vitae</text:p><text:p>{text}</text:p>"
        "</office:text></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return out.getvalue()


def docx(text: str) -> bytes:
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{word}">'
        "<w:body><w:p><w:r><w:t>Curriculum vitae</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


MAKERS = {".rtf": rtf, ".odt": odt, ".docx": docx}


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        text = str(textpage.get_text_range())
        textpage.close()
        page.close()
        return text
    finally:
        pdf.close()


@pytest.mark.slow
@needs_office
@pytest.mark.parametrize("suffix", sorted(MAKERS))
def test_office_resume_becomes_a_pdf(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"CV {NAME}{suffix}"
    path.write_bytes(MAKERS[suffix](NAME))
    result = check(path, tmp_path)
    assert isinstance(result, ResumeFile), result
    assert result.mime == "application/pdf" and result.pages == 1
    assert result.note == f"converted from {suffix[1:].upper()} to PDF"
    assert result.file_name == path.name  # the name the roster knows is kept
    assert NAME in pdf_text(result.data)


@pytest.mark.slow
@needs_office
def test_two_conversions_at_once_do_not_clash() -> None:
    """Each call has its own LibreOffice profile, so parallel runs both succeed."""
    office = resume_files.soffice()
    assert office is not None
    jobs = [(docx("Ana Joseph"), ".docx"), (odt("Léon Félix"), ".odt")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: convert_to_pdf(office, *job), jobs))
    assert [r is not None and "Curriculum vitae" in pdf_text(r) for r in results] == [True] * 2


def _fake_office(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!{sys.executable}\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "State:\tZ" not in status.read_text()
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_hung_converter_is_killed_with_its_helpers(tmp_path: Path) -> None:
    marker = tmp_path / "helper.pid"
    office = _fake_office(tmp_path, (
        "import subprocess, sys, time\n"
        "helper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(marker)!r}, 'w').write(str(helper.pid))\n"
        "time.sleep(60)"))
    start = time.monotonic()
    assert convert_to_pdf(office, rtf(NAME), ".rtf", timeout=1.5) is None
    assert time.monotonic() - start < 20
    helper = int(marker.read_text())
    deadline = time.monotonic() + 5
    while _alive(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper), "the converter's helper process outlived the timeout"


def test_a_converter_that_makes_nothing_keeps_the_original(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office = _fake_office(tmp_path, "import sys; sys.exit(0)")
    monkeypatch.setattr(resume_files, "soffice", lambda: office)
    path = tmp_path / "cv.odt"
    data = odt(NAME)
    path.write_bytes(data)
    result = check(path, tmp_path)
    assert isinstance(result, ResumeFile)
    assert result.data == data and result.pages is None
    assert result.note == "kept as sent: LibreOffice could not convert it to PDF"
