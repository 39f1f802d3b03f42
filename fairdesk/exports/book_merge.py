"""Merging the drawn pages and the résumés into one book with pikepdf: outline and links.

Résumé pages are appended as each résumé is read; pikepdf copies page
structure at once but reads stream data from the source when the book is
saved, so sources stay open (in memory, as the bytes read from the event
file) until then. Past ``max_open`` sources or ``max_bytes`` of them, the
book so far is saved to a part file and reopened, so a booth with thousands
of visitors never holds all their résumés in memory nor runs out of handles.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import pikepdf
from pikepdf import Name

from fairdesk.exports.book_pages import ROWS_PER_PAGE, FrontLayout
from fairdesk.exports.book_style import Rect
from fairdesk.exports.bundle_model import Entry


class UnreadableResume(Exception):
    """A résumé file that is not a PDF pikepdf can read (or has no pages)."""


class BookMerger:
    def __init__(self, work_dir: Path, max_open: int = 200,
                 max_bytes: int = 64 * 1024 * 1024) -> None:
        self.work_dir = work_dir
        self.max_open = max_open
        self.max_bytes = max_bytes
        self.book = pikepdf.new()
        self._sources: list[pikepdf.Pdf] = []
        self._held = 0
        self._parts = 0

    def add_resume(self, data: bytes) -> int:
        """Append the pages of the PDF ``data``; returns how many."""
        try:
            source = pikepdf.open(io.BytesIO(data))
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
        self._held += len(data)
        if len(self._sources) >= self.max_open or self._held >= self.max_bytes:
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

    def finish(self, front_pdf: Path | BinaryIO, entries: Sequence[Entry], layout: FrontLayout,
               out: Path | BinaryIO, title: str) -> int:
        """Slot the drawn pages in, add bookmarks and links, save; returns the page count."""
        front = pikepdf.open(front_pdf)
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
        self._held = 0

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


def _links(book: pikepdf.Pdf, entries: Sequence[Entry], layout: FrontLayout) -> None:
    """Index rows link to summaries, summaries back to their index page."""
    pages = [page.obj for page in book.pages]
    wanted: dict[int, list[tuple[Rect, int]]] = {}
    for page, rect, index in layout.index_links:
        wanted.setdefault(page, []).append((rect, entries[index].summary_page))
    for index, rect in layout.back_links:
        wanted.setdefault(entries[index].summary_page, []).append(
            (rect, 1 + index // ROWS_PER_PAGE))
    for page, links in wanted.items():
        annotations = [book.make_indirect(pikepdf.Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=list(rect), Border=[0, 0, 0],
            Dest=[pages[target], Name.Fit])) for rect, target in links]
        page_obj = pages[page]
        if Name.Annots in page_obj:
            page_obj.Annots.extend(annotations)
        else:
            page_obj.Annots = book.make_indirect(pikepdf.Array(annotations))


Mark = tuple[str, int, tuple[tuple[str, int], ...]]  # title, page, (title, page) children


def _outline(book: pikepdf.Pdf, entries: Sequence[Entry]) -> None:
    """Bookmarks: cover, index, then each candidate (with their résumé under them)."""
    marks: list[Mark] = [("Cover", 0, ()), ("Index", 1, ())]
    for entry in entries:
        person = entry.candidate
        flag = " · Phase Two" if person.shortlist else ""
        resume = (("Résumé", entry.summary_page + 1),) if entry.state == "pdf" else ()
        marks.append((f"{entry.number:03d} {person.sort_name} · {person.ref}{flag}",
                      entry.summary_page, resume))
    _write_outline(book, marks)


def _write_outline(book: pikepdf.Pdf, marks: Sequence[Mark]) -> None:
    """The outline dictionaries, written directly: pikepdf's outline helper takes
    four times as long for a book of a thousand candidates. Every item is open."""
    pages = [page.obj for page in book.pages]
    root = book.make_indirect(pikepdf.Dictionary(Type=Name.Outlines))

    def item(parent: pikepdf.Object, title: str, page: int) -> pikepdf.Object:
        return book.make_indirect(pikepdf.Dictionary(
            Title=pikepdf.String(title), Parent=parent, Dest=[pages[page], Name.Fit]))

    def chain(parent: pikepdf.Object, items: list[pikepdf.Object]) -> None:
        for before, after in itertools.pairwise(items):
            before.Next, after.Prev = after, before
        parent.First, parent.Last = items[0], items[-1]

    tops = []
    for title, page, children in marks:
        top = item(root, title, page)
        if children:
            chain(top, [item(top, child, child_page) for child, child_page in children])
            top.Count = len(children)
        tops.append(top)
    chain(root, tops)
    root.Count = len(marks) + sum(len(children) for _, _, children in marks)
    book.Root.Outlines = root
