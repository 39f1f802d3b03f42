"""Registration desk figures (issue 5).

``search``: the search-as-you-type path of the desk (``services.desk.find``:
ref, e-mail, phone digits, then FTS5 word prefixes, rows decoded to
candidates) for every keystroke of typed names, p95, against what one would
write without an index: ``LIKE '%q%'`` over name, e-mail, ref and phone,
sorted by name, on the same table in the same run.

``checkin_e2e``: the desk presenter's Enter on a selected candidate (check-in
committed, badge rendered to PDF, written to the print folder with fsync,
print logged), p95, against a bare ``INSERT`` + ``COMMIT`` in a WAL file with
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

from fairdesk.bench import Figure, bare_commit_ms, percentile
from fairdesk.services import desk
from fairdesk.services.candidates import search
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import EventSession, open_session
from fairdesk.storage import candidates as candidate_rows
from fairdesk.ui.common.presenters.badge_output import FolderSync
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


def _times(run: Callable[[str], object], inputs: list[str]) -> list[float]:
    out = []
    for text in inputs:
        start = time.perf_counter()
        run(text)
        out.append((time.perf_counter() - start) * 1000)
    return out


def search_figure(quick: bool) -> Figure:
    size = 10_000  # the figure is defined on a 10,000-candidate event, quick or not
    with _event(size) as (session, _folder):
        typed = _keystrokes(session, 15 if quick else 40)
        assert session.path is not None
        naive_db = sqlite3.connect(session.path)
        search(session, "warm")  # warm both caches alike
        naive_db.execute(_NAIVE, ("%warm%",)).fetchall()
        ours = _times(lambda q: desk.find(session, q), typed)
        naive = _times(lambda q: naive_db.execute(_NAIVE, (f"%{q}%",)).fetchall(), typed)
        naive_db.close()
    return Figure(
        "search", round(percentile(ours, 95), 3), "ms p95 per keystroke",
        round(percentile(naive, 95), 3), "ratio <= 0.2",
        f"{size} candidates, {len(typed)} keystrokes; baseline: LIKE '%q%' over name, "
        "e-mail, ref, phone, sorted by name, same table",
    )


def checkin_e2e_figure(quick: bool) -> Figure:
    count = 30 if quick else 100
    with _event(10_000) as (session, folder):
        presenter = DeskPresenter(session, FolderSync(folder / "printed"))
        people = candidate_rows.all_candidates(session.store)[:count]
        ours = []
        for person in people:
            start = time.perf_counter()
            presenter.check_in(person)
            ours.append((time.perf_counter() - start) * 1000)
        done = len(list((folder / "printed").glob("*.pdf")))
        presenter.close()
        bare = bare_commit_ms(folder, count)
    assert done == count, f"only {done} of {count} badges were written"
    return Figure(
        "checkin_e2e", round(percentile(ours, 95), 3), "ms p95 Enter → committed + PDF",
        round(percentile(bare, 95), 3), "ratio <= 40",
        f"{count} check-ins: commit, badge PDF rendered and fsynced to the print folder, "
        "print logged; baseline: bare INSERT+COMMIT, WAL, synchronous=FULL",
    )


FIGURES = {"search": search_figure, "checkin_e2e": checkin_e2e_figure}
