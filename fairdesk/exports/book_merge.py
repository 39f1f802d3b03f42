"""Merging the drawn pages and the résumés into one book with pikepdf: outline and links.

Résumé pages are appended as each résumé is read; pikepdf copies page
structure at once but reads stream data from the source file when the book is
saved, so sources stay open (as files, not in memory) until then. Past
``max_open`` sources the book so far is saved to a part file and reopened, so
a booth with thousands of visitors never runs out of file handles.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import pikepdf
from pikepdf import Name, OutlineItem

from fairdesk.exports.book_pages import ROWS_PER_PAGE, FrontLayout
from fairdesk.exports.book_style import Rect
from fairdesk.exports.bundle_model import Entry


class UnreadableResume(Exception):
    """A résumé file that is not a PDF pikepdf can read (or has no pages)."""


class BookMerger:
    def __init__(self, work_dir: Path, max_open: int = 200) -> None:
        self.work_dir = work_dir
        self.max_open = max_open
        self.book = pikepdf.new()
        self._sources: list[pikepdf.Pdf] = []
        self._parts = 0

    def add_resume(self, path: Path) -> int:
        """Append the pages of the PDF at ``path``; returns how many."""
        try:
            source = pikepdf.open(path)
        except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, OSError) as exc:
            raise UnreadableResume(_reason(exc)) from exc
        before = len(self.book.pages)
        try:
            pages = list(source.pages)
            if not pages:
                raise UnreadableResume("the PDF has no pages")
            self.book.pages.extend(pages)
        except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
            del self.book.pages[before:]
            source.close()
            raise UnreadableResume(_reason(exc)) from exc
        except UnreadableResume:
            source.close()
            raise
        self._sources.append(source)
        if len(self._sources) >= self.max_open:
            self._spill()
        return len(pages)

    def _spill(self) -> None:
        """Save the book so far and reopen it from disk, closing every source."""
        self._parts += 1
        part = self.work_dir / f"part-{self._parts}.pdf"
        self.book.save(part)
        self._close_sources()
        self.book.close()
        self.book = pikepdf.open(part)

    def finish(self, front_path: Path, entries: Sequence[Entry], layout: FrontLayout,
               out: Path, title: str) -> int:
        """Slot the drawn pages in, add bookmarks and links, save; returns the page count."""
        front = pikepdf.open(front_path)
        book = self.book
        for page in range(1 + layout.index_pages):
            book.pages.insert(page, front.pages[page])
        for offset, entry in enumerate(entries):
            book.pages.insert(entry.summary_page, front.pages[1 + layout.index_pages + offset])
        _links(book, entries, layout)
        _outline(book, entries)
        book.Root.PageMode = Name.UseOutlines
        book.docinfo[Name.Title] = pikepdf.String(title)
        book.docinfo[Name.Creator] = pikepdf.String("FairDesk")
        book.save(out)
        count = len(book.pages)
        front.close()
        return count

    def _close_sources(self) -> None:
        for source in self._sources:
            source.close()
        self._sources.clear()

    def close(self) -> None:
        self._close_sources()
        self.book.close()

    def __enter__(self) -> BookMerger:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _link(book: pikepdf.Pdf, page: int, rect: Rect, target: int) -> None:
    annotation = book.make_indirect(pikepdf.Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=list(rect), Border=[0, 0, 0],
        Dest=[book.pages[target].obj, Name.Fit],
    ))
    page_obj = book.pages[page].obj
    if Name.Annots not in page_obj:
        page_obj.Annots = book.make_indirect(pikepdf.Array())
    page_obj.Annots.append(annotation)


def _links(book: pikepdf.Pdf, entries: Sequence[Entry], layout: FrontLayout) -> None:
    for page, rect, index in layout.index_links:
        _link(book, page, rect, entries[index].summary_page)
    for index, rect in layout.back_links:
        _link(book, entries[index].summary_page, rect, 1 + index // ROWS_PER_PAGE)


def _outline(book: pikepdf.Pdf, entries: Sequence[Entry]) -> None:
    with book.open_outline() as outline:
        outline.root.append(OutlineItem("Cover", 0))
        outline.root.append(OutlineItem("Index", 1))
        for entry in entries:
            person = entry.candidate
            mark = " · Phase Two" if person.shortlist else ""
            item = OutlineItem(f"{entry.number:03d} {person.sort_name} · {person.ref}{mark}",
                               entry.summary_page)
            if entry.state == "pdf":
                item.children.append(OutlineItem("Résumé", entry.summary_page + 1))
            outline.root.append(item)
