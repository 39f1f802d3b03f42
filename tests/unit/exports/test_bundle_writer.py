from __future__ import annotations

import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from fairdesk.exports.book_merge import BookMerger
from fairdesk.exports.book_pages import ROWS_PER_PAGE, index_page_count
from fairdesk.exports.bundle_model import BundleCandidate, BundleHeader, Cancelled
from fairdesk.exports.bundle_writer import bundle_file_name, write_bundle
from fairdesk.exports.demo_resumes import ResumeFacts, resume_pdf

HEADER = BundleHeader("Test Fair", "Hall A", "20 August 2026", "Bay BPO", "3",
                      "20 August 2026, 17:00")


def _resume(name: str, seed: int) -> tuple[bytes, int]:
    facts = ResumeFacts(name, "x@example.org", "+17585550000", "Castries", "BSc",
                        ("Agent",), ("English",))
    return resume_pdf(facts, random.Random(seed))


def _people(n: int) -> tuple[list[BundleCandidate], dict[str, bytes], int]:
    people, files, pages = [], {}, 0
    for i in range(n):
        consent = i % 4 != 3
        person = BundleCandidate(
            key=f"id{i}", ref=f"C-{i + 1:04d}", first_name=f"Ann{i}", last_name=f"Lee{i:02d}",
            consent=consent, email=f"ann{i}@example.org" if consent else "",
            phone="+17585550000" if consent else "", rating=(i % 5) + 1 if i % 3 else None,
            tags=("bilingual",), notes=f"note {i}", shortlist=i % 2 == 0,
            has_resume=consent and i % 5 != 4,
        )
        people.append(person)
        if person.has_resume:
            files[person.key], count = _resume(person.display_name, i)
            pages += count
    return people, files, pages


def _write(tmp_path: Path, people: list[BundleCandidate], files: dict[str, bytes],
           **kwargs: object) -> tuple[Path, object]:
    target = tmp_path / bundle_file_name("Bay BPO", "Test Fair")
    result = write_bundle(target, HEADER, people, lambda c: files.get(c.key), **kwargs)  # type: ignore[arg-type]
    return target, result


def _book(target: Path, tmp_path: Path) -> Path:
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "x")
    return next((tmp_path / "x").rglob("Résumé book*.pdf"))


def test_book_pages_bookmarks_links_and_qpdf_check(tmp_path: Path) -> None:
    people, files, resume_pages = _people(40)
    target, result = _write(tmp_path, people, files)
    book = _book(target, tmp_path)
    expected = 1 + index_page_count(40) + 40 + resume_pages
    assert result.pages == expected  # type: ignore[attr-defined]
    if shutil.which("qpdf"):
        subprocess.run(["qpdf", "--check", str(book)], check=True, capture_output=True)
    with pikepdf.open(book) as pdf:
        assert len(pdf.pages) == expected
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles[:2] == ["Cover", "Index"]
        assert len(titles) == 2 + 40
        links = [a for a in pdf.pages[1].obj.Annots if a.Subtype == "/Link"]
        assert len(links) == min(40, ROWS_PER_PAGE)
        first_target = links[0].Dest[0]
        assert first_target.objgen == pdf.pages[1 + index_page_count(40)].obj.objgen
        # every summary page links back to the index page that lists its candidate
        numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        for index_page in range(index_page_count(40)):
            rows = [a for a in pdf.pages[1 + index_page].obj.Annots if a.Subtype == "/Link"]
            assert len(rows) == min(ROWS_PER_PAGE, 40 - index_page * ROWS_PER_PAGE)
            for row in rows:
                summary = pdf.pages[numbers[row.Dest[0].objgen]]
                (back,) = [a for a in summary.obj.Annots if a.Subtype == "/Link"]
                assert numbers[back.Dest[0].objgen] == 1 + index_page


def test_members_and_consent(tmp_path: Path) -> None:
    people, files, _ = _people(8)
    target, _ = _write(tmp_path, people, files)
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        csv_text = archive.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
    folder = target.stem
    assert f"{folder}/README.txt" in names
    assert f"{folder}/Résumés/001 - Lee00, Ann0.pdf" in names
    assert not any("Lee03" in n for n in names)  # no consent: no résumé file
    assert "ann3@example.org" not in csv_text
    assert "note 3" in csv_text  # still listed with the booth's notes
    assert all(not n.startswith(("/", "..")) for n in names)


def test_corrupt_resume_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    people, files, resume_pages = _people(6)
    files["id0"] = b"%PDF-1.4 this is not really a pdf"
    broken_pages = _resume(people[0].display_name, 0)[1]
    target, result = _write(tmp_path, people, files)
    problems = result.problems  # type: ignore[attr-defined]
    assert [p["ref"] for p in problems] == ["C-0001"]
    assert result.pages == 1 + 1 + 6 + resume_pages - broken_pages  # type: ignore[attr-defined]
    with pikepdf.open(_book(target, tmp_path)) as pdf:
        assert len(pdf.pages) == result.pages  # type: ignore[attr-defined]


def test_spilling_past_max_open_keeps_the_same_book(tmp_path: Path) -> None:
    people, files, resume_pages = _people(12)
    _, result = _write(tmp_path, people, files, max_open=2)
    assert result.pages == 1 + 1 + 12 + resume_pages  # type: ignore[attr-defined]


def test_cancel_and_failure_leave_no_partial_file(tmp_path: Path) -> None:
    people, files, _ = _people(5)
    with pytest.raises(Cancelled):
        _write(tmp_path, people, files, cancel=lambda: True)

    def boom(person: BundleCandidate) -> bytes:
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        write_bundle(tmp_path / "b.zip", HEADER, people, boom)
    assert list(tmp_path.iterdir()) == []


def test_bookmarks_point_at_each_summary_and_its_resume(tmp_path: Path) -> None:
    people, files, _ = _people(10)
    target, _ = _write(tmp_path, people, files)
    with pikepdf.open(_book(target, tmp_path)) as pdf:
        numbers = {page.objgen: index for index, page in enumerate(pdf.pages)}
        first_summary = 1 + index_page_count(10)
        top = pdf.Root.Outlines
        assert top.Count == 2 + 10 + sum(p.key in files for p in people)
        item, seen = top.First, []
        while True:
            page = numbers[item.Dest[0].objgen]
            children = []
            if "/First" in item:
                child = item.First
                children.append((str(child.Title), numbers[child.Dest[0].objgen]))
                assert child.Parent.objgen == item.objgen and "/Next" not in child
            seen.append((str(item.Title), page, children))
            if "/Next" not in item:
                break
            assert item.Next.Prev.objgen == item.objgen
            item = item.Next
        assert top.Last.objgen == item.objgen
    assert [s[:2] for s in seen[:2]] == [("Cover", 0), ("Index", 1)]
    assert seen[2][1] == first_summary and seen[2][0].startswith("001 Lee00, Ann0 · C-0001")
    for _title, page, children in seen[2:]:
        if children:  # the résumé follows its summary page
            assert children == [("Résumé", page + 1)]
    with_resume = [t for t, _, c in seen[2:] if c]
    assert len(with_resume) == sum(p.key in files for p in people)


def test_summary_pages_show_labels_values_and_consent(tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    people, files, _ = _people(4)  # the 4th did not consent
    target, _ = _write(tmp_path, people, files)
    book = pdfium.PdfDocument(_book(target, tmp_path))
    texts = [book[i].get_textpage().get_text_range() for i in range(len(book))]
    consented = next(t for t in texts if "Ann0 Lee00" in t)
    refused = next(t for t in texts if "Ann3 Lee03" in t)
    for label in ("YOUR RATING", "TAGS", "NOTES", "EMAIL", "PHONE", "ROLES SOUGHT", "RÉSUMÉ",
                  "Back to the index", "Bay BPO · Test Fair"):
        assert label in consented, label
    assert "ann0@example.org" in consented and "note 0" in consented
    assert "Contact details withheld" in refused and "EMAIL" not in refused
    assert "ann3@example.org" not in refused and "note 3" in refused
    assert "Contact details withheld" not in consented


def test_merger_spills_by_bytes_too(tmp_path: Path) -> None:
    data = [_resume(f"P{i}", i) for i in range(3)]
    with BookMerger(tmp_path, max_bytes=1) as merger:
        counts = [merger.add_resume(pdf) for pdf, _ in data]
        assert merger._parts == 3  # every résumé pushed the book to a part file
        assert len(merger.book.pages) == sum(n for _, n in data) == sum(counts)


def test_a_resume_not_received_yet_is_marked_so_and_not_as_damaged(tmp_path: Path) -> None:
    people, files, resume_pages = _people(6)
    late_pages = _resume(people[0].display_name, 0)[1]
    del files["id0"]  # its desk attached it but has not synced the file yet
    target, result = _write(tmp_path, people, files)
    problems = result.problems  # type: ignore[attr-defined]
    assert [(p["ref"], p["problem"]) for p in problems] == [
        ("C-0001", "the résumé has not reached this event file yet")]
    assert result.pages == 1 + 1 + 6 + resume_pages - late_pages  # type: ignore[attr-defined]
    with zipfile.ZipFile(target) as archive:
        csv_text = archive.read(next(n for n in archive.namelist()
                                     if n.endswith(".csv"))).decode("utf-8-sig")
    (row,) = [line for line in csv_text.splitlines() if "C-0001" in line]
    assert "not received" in row and "unreadable" not in row
