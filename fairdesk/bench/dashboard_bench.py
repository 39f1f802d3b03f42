"""Organizer dashboard figure (issue 16).

``dashboard``: one refresh of the live dashboard (``services.live.snapshot``:
arrivals per 15 minutes per day by desk, booth board, no-visit count, Phase
Two per employer, devices, the check-in rates) on a 3,000-candidate,
60-employer demo with 12 paired devices, p95, against the ``info`` counts
query (``storage.stats.counts``) on the same open file. Measured in pairs
(refreshes and counts interleaved one by one, so both meet the same load);
the ratio is the median pair's with its min–max, the note gives the
refreshes' min–max and the absolute budget (50 ms).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from fairdesk.bench import PAIRS, Figure, Pairs, percentile
from fairdesk.services import live
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.session import open_session
from fairdesk.storage import device_rows, stats

BUDGET_MS = 50.0


def _event() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fairdesk-dashboard-bench-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "bench.fairdesk"
    session = build_demo(path, DemoSpec(candidates=3_000, employers=60, resumes=False))
    now = session.now()
    with session.store.transaction():
        for n in range(12):
            device_rows.add_device(session.store, f"device-{n}", name=f"Device {n}",
                                   role="desk" if n < 4 else "booth", employer_id=None,
                                   desk=n + 1 if n < 4 else None, token_hash=f"h{n}",
                                   at=now - timedelta(minutes=n))
    session.close()
    return path


def _ms(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def _dashboard(quick: bool) -> Figure:
    pairs, rounds = (PAIRS, 20) if quick else (PAIRS + 2, 60)
    path = _event()
    session = open_session(path)
    live.snapshot(session)  # warm the page cache and the statements
    ours_p95, base_p95 = [], []
    for _ in range(pairs):
        ours, base = [], []
        for _ in range(rounds):
            ours.append(_ms(lambda: live.snapshot(session)))
            base.append(_ms(lambda: stats.counts(session.store)))
        ours_p95.append(percentile(ours, 95))
        base_p95.append(percentile(base, 95))
    session.close()
    return Figure.of(
        "dashboard", "ms p95", "ratio <= 20", Pairs(tuple(ours_p95), tuple(base_p95)),
        f"3,000 candidates, 60 employers, 12 devices; {pairs} pairs of {rounds}: refresh "
        f"{min(ours_p95):.1f}-{max(ours_p95):.1f} ms (budget {BUDGET_MS:.0f} ms, "
        f"{'met' if max(ours_p95) <= BUDGET_MS else 'MISSED'})", digits=2,
    )

FIGURES = {"dashboard": _dashboard}
