"""Speed figures (``fairdesk bench``). Each figure is measured against a baseline
taken in the same run on the same machine, so the ratio means something
wherever it runs.

A figure module exposes ``FIGURES``: a list of callables ``(quick: bool) ->
Figure``; add the module to ``MODULES``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

MODULES = (
    "fairdesk.bench.core_bench",
    "fairdesk.bench.desk_bench",
    "fairdesk.bench.badges_bench",
    "fairdesk.bench.import_bench",
    "fairdesk.bench.booth_bench",
    "fairdesk.bench.bundle_bench",
    "fairdesk.bench.sync_bench",
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
