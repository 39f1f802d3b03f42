"""Self check-in kiosk figures (issue 17).

``kiosk``: the kiosk presenter from a scanned invitation to the candidate
checked in with the badge PDF handed to the printer: ``scan`` (verify the
code offline, refuse a second check-in, start rendering the badge), then, once
the welcome screen was read (the badge is ready by then: not timed),
``confirm`` (hand the PDF to the printer) and the printer's "printed"
(check-in and print log committed in one transaction). p95, against a bare
``INSERT`` + ``COMMIT`` (WAL, ``synchronous=FULL``) interleaved call by call,
cut into :data:`~fairdesk.bench.PAIRS` blocks (:func:`~fairdesk.bench.blocks`).
Target ≤ 5×: the desk's Enter budget (``checkin_e2e``, ≤ 3×: the same commit
of a check-in and its print log, the badge handed over) plus the scan the
desk does before Enter, while the worker types (a signature check, the
look-up, today's check-ins): ~0.5 ms, 1.5× the bare commit, on this machine.

``kiosk_rate``: candidates a minute one kiosk serves when its printer takes
4 s a badge, against one desk worker with the same printer, both by a
simulated queue that never runs dry (the 09:00 peak); one pair per seed. The
people's own steps (holding up the code, reading the welcome screen, typing
at the desk...) are drawn from the triangular ranges of :class:`Steps`,
assumptions written down as data; the software's own time is the ``kiosk``
figure's p95 (milliseconds beside seconds: it hardly moves the result).
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from fairdesk.bench import PAIRS, WARMUP, BareCommit, Figure, Pairs, blocks, p95
from fairdesk.services import badges
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import open_session
from fairdesk.storage import candidates as candidate_rows
from fairdesk.ui.common.presenters.badge_output import BadgeJob, Done, Failed
from fairdesk.ui.kiosk.presenters.kiosk import KioskPresenter

PRINTER_S = 4.0
SIZE = 3_000  # the top of DESIGN.md's typical fair
_LAST: dict[str, float] = {}  # the kiosk figure's p95 (ms), for kiosk_rate


class _Handoff:
    """A printer that takes the job and says "printed" at once (the badge is handed over)."""

    description, ready = "bench handoff", True

    def __init__(self) -> None:
        self.pdfs = 0

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        self.pdfs += bool(job.pdf.startswith(b"%PDF"))
        done(job, "bench printer")


def _wait_prepared(kiosk: KioskPresenter, timeout_s: float = 10.0) -> None:
    future = getattr(kiosk.preparer, "_future", None)
    if future is not None:
        future.result(timeout=timeout_s)


def _measure(folder: Path, count: int) -> tuple[list[float], list[float]]:
    """``count`` self check-ins on a fresh event, each beside a bare commit (ms)."""
    path = folder / "kiosk.fairdesk"
    build_demo(path, DemoSpec(candidates=SIZE, employers=1, resumes=False,
                              walk_in_share=0.0, checked_in_share=0.0)).close()
    session = open_session(path, role="kiosk")
    output = _Handoff()
    kiosk = KioskPresenter(session, output)
    people = candidate_rows.all_candidates(session.store)[:WARMUP + count]
    codes = [badges.payload_for(session, person) for person in people]
    bare = BareCommit(folder)
    ours: list[float] = []
    try:
        for code in codes:
            bare()
            start = time.perf_counter()
            kiosk.scan(code)
            mid = time.perf_counter()
            _wait_prepared(kiosk)  # the welcome screen is read meanwhile
            resumed = time.perf_counter()
            kiosk.confirm()
            ours.append((mid - start + time.perf_counter() - resumed) * 1000)
            assert kiosk.screen == "done", kiosk.sentence
            kiosk.back()
    finally:
        kiosk.close()
        bare.close()
        session.close()
    assert output.pdfs == len(codes), f"only {output.pdfs} of {len(codes)} badges were handed over"
    return ours[WARMUP:], bare.times[WARMUP:]


def kiosk_figure(quick: bool) -> Figure:
    count = 300 if quick else 600  # p95 of each of the five blocks: at least 60 samples
    with tempfile.TemporaryDirectory(prefix="fairdesk-kiosk-bench-") as folder:
        ours, bare = _measure(Path(folder), count)
    measured = blocks(ours, bare, p95)
    _LAST["kiosk_ms"] = p95(ours)
    return Figure.of(
        "kiosk", "ms p95 scan → checked in + badge handed to the printer", "ratio <= 5",
        measured,
        f"{count} invitations scanned on a {SIZE}-candidate event; badge rendered while the "
        "welcome screen is read; check-in and print log committed when the printer took "
        "it; baseline: bare INSERT+COMMIT, WAL, synchronous=FULL, interleaved",
    )


# ---------------------------------------------------------------- the queue
@dataclass(frozen=True)
class Steps:
    """People's own seconds per step, as triangular (low, high, mode). Assumptions."""

    present_code: tuple[float, float, float] = (2.0, 6.0, 3.0)  # step up, hold QR under it
    read_welcome: tuple[float, float, float] = (1.0, 5.0, 2.0)  # "Print my badge" (5 s: auto)
    type_email: tuple[float, float, float] = (15.0, 40.0, 22.0)  # the kiosk's keyboard
    typing_share: float = 0.1  # candidates with no code to show, who type their e-mail
    desk_scan: tuple[float, float, float] = (2.0, 5.0, 3.0)  # the desk scans the invitation
    desk_search: tuple[float, float, float] = (5.0, 15.0, 8.0)  # or types the name, picks
    desk_scan_share: float = 0.5
    desk_confirm: tuple[float, float, float] = (1.0, 4.0, 2.0)  # "Marie?" "Yes." Enter
    desk_hand_over: tuple[float, float, float] = (2.0, 6.0, 3.0)  # badge off the printer


def _draw(rng: random.Random, step: tuple[float, float, float]) -> float:
    low, high, mode = step
    return rng.triangular(low, high, mode)


def kiosk_queue(people: int, steps: Steps, software_s: float, seed: int = 1) -> float:
    """Candidates a minute through one kiosk with a queue always waiting.

    The kiosk takes the next code as soon as it says "Take your badge", so the
    badge is taken while the next person steps up; it scans nothing while printing.
    """
    rng = random.Random(seed)
    clock = 0.0
    for _ in range(people):
        if rng.random() < steps.typing_share:
            clock += _draw(rng, steps.type_email)
        else:
            clock += _draw(rng, steps.present_code)
        clock += min(5.0, _draw(rng, steps.read_welcome)) + software_s + PRINTER_S
    return people / clock * 60


def desk_queue(people: int, steps: Steps, software_s: float, seed: int = 1) -> float:
    """Candidates a minute through one desk worker with one printer and a queue waiting.

    The worker looks the person up (scan or name search), confirms, presses
    Enter, and hands the badge over when it is out of the printer; the printer
    prints the next badge only once the worker reached the next person.
    """
    rng = random.Random(seed)
    clock, printer_free = 0.0, 0.0
    for _ in range(people):
        look = steps.desk_scan if rng.random() < steps.desk_scan_share else steps.desk_search
        clock += _draw(rng, look) + _draw(rng, steps.desk_confirm) + software_s
        printed = max(clock, printer_free) + PRINTER_S
        printer_free = printed
        clock = printed + _draw(rng, steps.desk_hand_over)
    return people / clock * 60


def kiosk_rate_figure(quick: bool) -> Figure:
    software_s = _LAST.get("kiosk_ms", 5.0) / 1000
    people = 500 if quick else 5_000
    steps = Steps()
    seeds = range(1, PAIRS + 1)  # pair i: kiosk and desk on the same seed
    measured = Pairs(tuple(kiosk_queue(people, steps, software_s, s) for s in seeds),
                     tuple(desk_queue(people, steps, software_s, s) for s in seeds))
    return Figure.of(
        "kiosk_rate", "candidates/min per kiosk (4 s printer)", "ratio >= 1", measured,
        f"simulated queue that never empties, {people} candidates, one pair per seed; "
        "baseline: one desk worker with a 4 s printer; "
        f"{steps.typing_share:.0%} type their e-mail at the kiosk; people's steps: "
        "fairdesk/bench/kiosk_bench.py Steps",
        digits=2,
    )


FIGURES = {"kiosk": kiosk_figure, "kiosk_rate": kiosk_rate_figure}
