"""Speed figures (``fairdesk bench``). Each figure is measured against a baseline
taken in the same run on the same machine, so the ratio means something
wherever it runs.

A figure module exposes ``FIGURES``: a dict from the figure's name to a
callable ``(quick: bool) -> Figure``; add the module to ``MODULES``.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MODULES = (
    "fairdesk.bench.core_bench",
    "fairdesk.bench.desk_bench",
    "fairdesk.bench.badges_bench",
    "fairdesk.bench.import_bench",
    "fairdesk.bench.booth_bench",
    "fairdesk.bench.bundle_bench",
    "fairdesk.bench.sync_bench",
    "fairdesk.bench.dashboard_bench",
)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline: float
    target: str  # e.g. "ratio <= 3" or "ratio >= 0.25"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool:
        op, limit = self.target.split()[1:]
        return self.ratio <= float(limit) if op == "<=" else self.ratio >= float(limit)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(ratio=round(self.ratio, 3), ok=self.ok)
        return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


class BareCommit:
    """One-row INSERT + COMMIT with the event file's durability (WAL, synchronous=FULL).

    Figures interleave it with the measured call, so both see the same disk and load.
    """

    def __init__(self, folder: Path) -> None:
        self.conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, candidate TEXT, at TEXT, desk)")
        self.n = 0
        self.times: list[float] = []

    def __call__(self) -> float:
        self.n += 1
        start = time.perf_counter()
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO t VALUES (?, ?, ?, ?)", (f"id{self.n}", "c", "now", 1))
        self.conn.execute("COMMIT")
        elapsed = (time.perf_counter() - start) * 1000
        self.times.append(elapsed)
        return elapsed

    def close(self) -> None:
        self.conn.close()


def bare_commit_ms(folder: Path, rounds: int) -> list[float]:
    """``rounds`` bare durable commits in a row (when interleaving is not possible)."""
    bare = BareCommit(folder)
    for _ in range(rounds):
        bare()
    bare.close()
    return bare.times
