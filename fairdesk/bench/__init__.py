"""Speed figures (``fairdesk bench``). Each figure is measured against a baseline
taken in the same run on the same machine, so the ratio means something
wherever it runs.

A figure module exposes ``FIGURES``: a dict from the figure's name to a
callable ``(quick: bool) -> Figure``; add the module to ``MODULES``.

Every ratio is the **median of at least five interleaved pairs** (ours, then
the baseline, then the baseline, then ours, …), printed with its min–max: a
burst of load from another process lands in one pair, not in one side, so it
cannot flip the verdict (:func:`interleaved`, :func:`blocks`).
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
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
    "fairdesk.bench.kiosk_bench",
)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline: float
    target: str  # e.g. "ratio <= 3" or "ratio >= 0.25"
    note: str = ""
    pairs: tuple[float, ...] = field(default=())  # the ratio of each interleaved pair

    @classmethod
    def of(cls, name: str, unit: str, target: str, measured: Pairs, note: str = "",
           digits: int = 3) -> Figure:
        """A figure whose value and baseline are the medians of ``measured``'s two sides."""
        return cls(name, round(statistics.median(measured.ours), digits), unit,
                   round(statistics.median(measured.base), digits), target, note,
                   measured.ratios)

    @property
    def ratio(self) -> float:
        if self.pairs:
            return statistics.median(self.pairs)
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def spread(self) -> str:
        """The pair ratios' min–max ("" for a figure measured once)."""
        if not self.pairs:
            return ""
        return f"{min(self.pairs):.3g}–{max(self.pairs):.3g}"

    @property
    def ok(self) -> bool:
        op, limit = self.target.split()[1:]
        return self.ratio <= float(limit) if op == "<=" else self.ratio >= float(limit)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(ratio=round(self.ratio, 3), ok=self.ok, spread=self.spread,
                   pairs=[round(r, 3) for r in self.pairs])
        return out


PAIRS = 5  # interleaved pairs per figure, the least the verdict is taken from
# Call-by-call figures first run this many rounds of both sides untimed: the
# first calls of a process load code and fill caches (the kiosk's first badge
# took 3 ms, its hundredth 1 ms), which no one meets after the first minute.
WARMUP = 10


@dataclass(frozen=True)
class Pairs:
    """One figure's interleaved measurements: ``ours[i]`` was taken beside ``base[i]``."""

    ours: tuple[float, ...]
    base: tuple[float, ...]

    @property
    def ratios(self) -> tuple[float, ...]:
        return tuple(o / b if b else float("inf") for o, b in zip(self.ours, self.base,
                                                                  strict=True))


def interleaved(ours: Callable[[], float], base: Callable[[], float],
                pairs: int = PAIRS) -> Pairs:
    """``pairs`` rounds of both measurements, alternating which one goes first."""
    mine, theirs = [], []
    for index in range(pairs):
        if index % 2:
            theirs.append(base())
            mine.append(ours())
        else:
            mine.append(ours())
            theirs.append(base())
    return Pairs(tuple(mine), tuple(theirs))


def blocks(ours: Sequence[float], base: Sequence[float], stat: Callable[[list[float]], float],
           pairs: int = PAIRS) -> Pairs:
    """Samples taken one beside the other, cut into ``pairs`` runs summarised by ``stat``.

    For per-call timings that were already interleaved call by call (a check-in,
    then a bare commit): block ``i`` of ours and block ``i`` of the baseline saw
    the same seconds of the machine.
    """
    if len(ours) != len(base) or len(ours) < pairs:
        raise ValueError(f"need {pairs} or more samples a side, not {len(ours)}/{len(base)}")
    size = len(ours) // pairs
    cut = [slice(n * size, (n + 1) * size if n < pairs - 1 else None) for n in range(pairs)]
    return Pairs(tuple(stat(list(ours[s])) for s in cut), tuple(stat(list(base[s])) for s in cut))


def p95(values: list[float]) -> float:
    return percentile(values, 95)


def as_installed() -> None:
    """Byte-compile FairDesk's modules, as ``pip install`` does, before timing a process.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (as on the development machine)
    with an editable install, every new process would otherwise compile each
    module from source (~50 ms for the launcher's), which an installed
    FairDesk never does; the baselines' libraries are compiled at install.
    """
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=2)


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
