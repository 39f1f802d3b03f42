"""Badge figures: a batch through the CLI's code path, and one badge for the desk.

The baseline of both is "the obvious loop": the same badge, but its QR made
by ``qrcode.make`` as a PIL image (the library's default: best of eight masks)
and drawn into reportlab with ``drawImage``, measured in the same run.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.utils import ImageReader

from fairdesk.badges.layouts import DEFAULT_LAYOUT, Box, get_layout
from fairdesk.badges.render import BadgeCanvas, render_pdf
from fairdesk.bench import Figure, blocks, interleaved, p95
from fairdesk.domain.model import Candidate
from fairdesk.services import badges as service
from fairdesk.services.candidates import add_candidate
from fairdesk.services.events import create_event
from fairdesk.services.session import EventSession

_FIRST = ("Kerlisha", "Désirée", "Marie-Thérèse", "Léon", "Akeem", "Zoë", "Jean-Baptiste")
_LAST = ("Joseph", "O'Neil", "Jn Baptiste", "St. Rose", "Fontenelle", "Émmanuel-Deterville")


class NaiveBadgeCanvas(BadgeCanvas):
    """The obvious way: a PIL image of the code per badge, drawn as an image."""

    def draw_qr(self, payload: str, slot: Box) -> None:
        image = qrcode.make(payload, error_correction=ERROR_CORRECT_M, border=4)
        x, bottom, size, _ = self._rect(self.layout.design.qr, slot)
        self.canvas.drawImage(ImageReader(image.get_image()), x, bottom, size, size)


def _event(folder: Path, count: int) -> EventSession:
    session = create_event(folder / "bench.fairdesk", "Saint Lucia Career Fair 2026")
    with session.store.transaction():
        for i in range(count):
            add_candidate(session, first_name=_FIRST[i % len(_FIRST)],
                          last_name=_LAST[i % len(_LAST)], email=f"p{i}@example.org")
    return session


def _naive_pdf(session: EventSession, chosen: list[Candidate], layout: str) -> bytes:
    data = [service.badge_data(session, c) for c in chosen]
    return render_pdf(data, get_layout(layout), service.branding(session),
                      painter_class=NaiveBadgeCanvas)


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def badges(quick: bool) -> Figure:
    """Badges a second: ``fairdesk badges`` (select, sign, render, write, log) vs the loop."""
    count = 60 if quick else 300
    with tempfile.TemporaryDirectory() as tmp:
        session = _event(Path(tmp), count)
        try:
            runs = iter(range(1_000))

            def ours() -> None:  # the first run prints, later ones reprint (a reason given)
                chosen = service.select_candidates(session, (), "all", "surname")
                run = next(runs)
                service.print_batch(session, chosen, "avery-5392", Path(tmp) / "out.pdf",
                                    reason=f"bench run {run}" if run else None)

            everyone = service.select_candidates(session, (), "all", "surname")
            measured = interleaved(
                lambda: count / _seconds(ours),
                lambda: count / _seconds(lambda: _naive_pdf(session, everyone, "avery-5392")))
        finally:
            session.close()
    return Figure.of("badges", "badges/s", "ratio >= 3", measured,
                     f"{count} badges a run, avery-5392, interleaved", digits=1)


def badge_one(quick: bool) -> Figure:
    """p95 ms from candidate to the PDF bytes of one badge (what the desk prints)."""
    runs = 60 if quick else 150
    with tempfile.TemporaryDirectory() as tmp:
        session = _event(Path(tmp), 7)
        try:
            people = service.select_candidates(session)
            ours, naive = [], []
            for i in range(runs):
                person = [people[i % len(people)]]
                ours.append(_seconds(partial(service.badge_pdf, session, person)) * 1000)
                naive.append(
                    _seconds(partial(_naive_pdf, session, person, DEFAULT_LAYOUT)) * 1000)
        finally:
            session.close()
    return Figure.of("badge_one", "ms p95", "ratio <= 0.5", blocks(ours, naive, p95),
                     f"{runs} runs, each beside the PIL-image loop, {DEFAULT_LAYOUT}", digits=2)


FIGURES = {"badges": badges, "badge_one": badge_one}
