"""Registration desk figures (issue 5).

``search``: the search-as-you-type path of the desk (``services.desk.find``:
ref, e-mail, phone digits, then FTS5 word prefixes, rows decoded to
candidates) for every keystroke of typed names, p95, against what one would
write without an index: ``LIKE '%q%'`` over name, e-mail, ref and phone,
sorted by name, on the same table in the same run.

``checkin_e2e``: the desk presenter's Enter on the selected candidate, whose
badge was prepared while the card showed (check-in committed, the ready PDF
handed to the printer queue; the queue writes it with fsync and logs the print
after the timed part), p95, against a bare ``INSERT`` + ``COMMIT`` in a WAL file with
``synchronous=FULL`` (the cost of one durable commit on this disk).
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from fairdesk.bench import WARMUP, BareCommit, Figure, blocks, p95
from fairdesk.domain.model import Candidate
from fairdesk.services import desk
from fairdesk.services.candidates import search
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import EventSession, open_session
from fairdesk.storage import candidates as candidate_rows
from fairdesk.ui.common.presenters.badge_output import BadgeJob, Done, Failed, FolderSync
from fairdesk.ui.desk.presenters.desk import DeskPresenter

_NAIVE = (
    "SELECT * FROM candidates WHERE "
    "(first_name || ' ' || last_name || ' ' || email || ' ' || ref || ' ' || phone) "
    "LIKE ? ORDER BY last_name, first_name LIMIT 30"
)


_BUILT: dict[int, Path] = {}


def _built(size: int) -> Path:
    """One event of ``size`` candidates per run, made once through the services."""
    if size not in _BUILT:
        folder = Path(tempfile.mkdtemp(prefix="fairdesk-desk-bench-"))
        atexit.register(shutil.rmtree, folder, True)
        spec = DemoSpec(candidates=size, employers=1, resumes=False, walk_in_share=0.0,
                        checked_in_share=0.0)
        build_demo(folder / "bench.fairdesk", spec).close()
        _BUILT[size] = folder / "bench.fairdesk"
    return _BUILT[size]


@contextlib.contextmanager
def _event(size: int) -> Iterator[tuple[EventSession, Path]]:
    """A fresh copy of the built event, opened as desk 1."""
    with tempfile.TemporaryDirectory(prefix="fairdesk-desk-bench-") as folder:
        path = Path(folder) / "bench.fairdesk"
        shutil.copyfile(_built(size), path)
        session = open_session(path, role="desk", desk=1)
        try:
            yield session, Path(folder)
        finally:
            session.close()


def _keystrokes(session: EventSession, people: int) -> list[str]:
    """Every prefix a person types for ``people`` names ("m", "ma", … "marie jn b")."""
    everyone = candidate_rows.all_candidates(session.store)
    step = max(1, len(everyone) // people)
    typed = []
    for person in everyone[::step][:people]:
        text = f"{person.first_name} {person.last_name[:4]}".lower()
        typed += [text[:n] for n in range(1, len(text) + 1) if not text[:n].endswith(" ")]
    return typed


def _ms(run: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    run(text)
    return (time.perf_counter() - start) * 1000


def search_figure(quick: bool) -> Figure:
    size = 10_000  # the figure is defined on a 10,000-candidate event, quick or not
    with _event(size) as (session, _folder):
        typed = _keystrokes(session, 15 if quick else 40)
        assert session.path is not None
        naive_db = sqlite3.connect(session.path)
        search(session, "warm")  # warm both caches alike
        naive_db.execute(_NAIVE, ("%warm%",)).fetchall()
        ours, naive = [], []
        for text in typed:  # keystroke by keystroke, ours beside the naive scan
            ours.append(_ms(lambda q: desk.find(session, q), text))
            naive.append(_ms(lambda q: naive_db.execute(_NAIVE, (f"%{q}%",)).fetchall(), text))
        naive_db.close()
    return Figure.of(
        "search", "ms p95 per keystroke", "ratio <= 0.2", blocks(ours, naive, p95),
        f"{size} candidates, {len(typed)} keystrokes; baseline: LIKE '%q%' over name, "
        "e-mail, ref, phone, sorted by name, same table",
    )


class _Handoff:
    """A printer queue: ``send`` takes the job and returns, as the Qt printer output does.

    The jobs are written to the print folder (fsync) and their prints logged
    after the timed part, so every badge is still checked.
    """

    description, ready = "bench handoff", True

    def __init__(self, folder: Path) -> None:
        self.sink = FolderSync(folder)
        self.queue: list[tuple[BadgeJob, Done, Failed]] = []

    def send(self, job: BadgeJob, done: Done, failed: Failed) -> None:
        self.queue.append((job, done, failed))

    def drain(self) -> None:
        for job, done, failed in self.queue:
            self.sink.send(job, done, failed)
        self.queue.clear()


def _prepared(presenter: DeskPresenter, person: Candidate, timeout_s: float = 10.0) -> None:
    """Select ``person`` as the desk worker would, and wait while the card is looked at."""
    presenter.set_query(person.ref)
    future = getattr(presenter.preparer, "_future", None)
    if future is not None:
        future.result(timeout=timeout_s)


def checkin_e2e_figure(quick: bool) -> Figure:
    count = 60 if quick else 150
    with _event(10_000) as (session, folder):
        output = _Handoff(folder / "printed")
        presenter = DeskPresenter(session, output)
        people = candidate_rows.all_candidates(session.store)[:WARMUP + count]
        ours = []
        bare_commit = BareCommit(folder)  # interleaved: both see the same disk and load
        for person in people:
            _prepared(presenter, person)
            bare_commit()
            start = time.perf_counter()
            presenter.enter()
            ours.append((time.perf_counter() - start) * 1000)
            output.drain()
        done = len(list((folder / "printed").glob("*.pdf")))
        presenter.close()
        bare_commit.close()
        ours, bare = ours[WARMUP:], bare_commit.times[WARMUP:]
    assert done == len(people), f"only {done} of {len(people)} badges were written"
    return Figure.of(
        "checkin_e2e", "ms p95 Enter → committed + handed over", "ratio <= 3",
        blocks(ours, bare, p95),
        f"{count} check-ins of the selected candidate, badge prepared while the card "
        "showed: Enter commits and hands the PDF to the printer queue (written, fsynced "
        "and logged after); baseline: bare INSERT+COMMIT, WAL, synchronous=FULL",
    )


FIGURES = {"search": search_figure, "checkin_e2e": checkin_e2e_figure}
