"""Photographing a paper résumé at the desk, page by page (no Qt: tested without a window).

The view shows the camera's live picture and hands this presenter each photo
as JPEG or PNG bytes. The flow: wait for the camera → take page 1 (Space) →
take more pages → optionally retake a page (it is replaced where it stands) →
"Use these pages" joins them into one PDF through the import's image→PDF rules
(:func:`fairdesk.services.walkins.photos_to_resume`) and hands it to
``on_done``. With no camera the presenter says so and nothing can be taken.
"""

from __future__ import annotations

from collections.abc import Callable

from fairdesk.domain.errors import FairDeskError
from fairdesk.services.walkins import MAX_PHOTO_PAGES, ResumeFile, photos_to_resume
from fairdesk.ui.common.presenters.base import Presenter

NO_CAMERA = "No camera found on this computer: attach the résumé as a file instead."


class PhotoPages(Presenter):
    """``problem``: why there is no camera ("" when there is one)."""

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem
        self.ready = False  # a picture has come from the camera
        self.pages: list[bytes] = []
        self.selected = -1
        self.replacing: int | None = None  # the page the next photo replaces
        self.result: ResumeFile | None = None
        self.on_done: Callable[[ResumeFile], None] = lambda resume: None
        self.on_cancel: Callable[[], None] = lambda: None

    # ---------------------------------------------------------- the camera
    @property
    def available(self) -> bool:
        return not self.problem

    def camera_ready(self) -> None:
        """The first picture arrived: photos can be taken."""
        if not self.ready and self.available:
            self.ready = True
            self.changed()

    def camera_failed(self, problem: str) -> None:
        self.problem = problem or NO_CAMERA
        self.ready = False
        self.replacing = None
        self.changed()

    # ---------------------------------------------------------- what can be done
    @property
    def can_take(self) -> bool:
        room = self.replacing is not None or len(self.pages) < MAX_PHOTO_PAGES
        return self.available and self.ready and room

    @property
    def can_retake(self) -> bool:
        return self.can_take and bool(self.pages)

    @property
    def can_use(self) -> bool:
        return bool(self.pages)

    @property
    def status(self) -> str:
        if not self.available:
            return self.problem
        if not self.ready:
            return "Starting the camera…"
        if self.replacing is not None:
            return (f"Retaking page {self.replacing + 1}: hold it flat in front of the "
                    "camera and press Space (Retake again to keep the old one).")
        n = len(self.pages)
        if n == 0:
            return "Hold page 1 flat in front of the camera and press Space to take it."
        if n >= MAX_PHOTO_PAGES:
            return f"{n} pages taken (the most a résumé may have). Enter uses them."
        taken = "Page 1 taken" if n == 1 else f"{n} pages taken"
        return f"{taken}. Space takes page {n + 1}; Enter uses {'it' if n == 1 else 'them'}."

    # ---------------------------------------------------------- actions
    def take(self, photo: bytes | None) -> None:
        """The picture on screen now (``None``: the camera has shown nothing yet)."""
        if not self.can_take:
            self.say("warning", self.status if not self.available or not self.ready
                     else f"A résumé has at most {MAX_PHOTO_PAGES} pages.")
            return
        if not photo:
            self.say("warning", "No picture from the camera yet: wait for the preview.")
            return
        if self.replacing is not None:
            index, self.replacing = self.replacing, None
            self.pages[index] = photo
            self.say("info", f"Page {index + 1} taken again.")
        else:
            self.pages.append(photo)
            index = len(self.pages) - 1
            self.say("info", f"Page {index + 1} taken.")
        self.selected = index
        self.changed()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self.selected = index
            self.changed()

    def retake(self) -> None:
        """The next photo replaces the selected page (or the last); again: keep the old one."""
        if not self.pages:
            self.say("warning", "No page taken yet: press Space to take page 1.")
            return
        index = self.selected if 0 <= self.selected < len(self.pages) else len(self.pages) - 1
        self.replacing = None if self.replacing == index else index
        self.changed()

    def use(self) -> ResumeFile | None:
        """Join the pages into one PDF and hand it on; ``None`` (with a message) if it cannot."""
        if not self.pages:
            self.say("warning", "Take a photo of each page first (Space).")
            return None
        try:
            resume = photos_to_resume(self.pages)
        except FairDeskError as error:
            self.refused(error)
            return None
        self.result = resume
        self.on_done(resume)
        return resume

    def cancel(self) -> None:
        """Close without attaching anything; the photos are dropped."""
        self.pages.clear()
        self.selected = -1
        self.replacing = None
        self.on_cancel()
