"""Runs every figure module in ``MODULES`` and collects the figures."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

from fairdesk.bench import MODULES, Figure

FigureFn = Callable[[bool], Figure]


def all_figures() -> list[FigureFn]:
    found: list[FigureFn] = []
    for name in MODULES:
        found.extend(importlib.import_module(name).FIGURES)
    return found


def run_all(quick: bool = False, only: list[str] | None = None) -> list[Figure]:
    results = []
    for fn in all_figures():
        name = fn.__name__.strip("_")
        if only and name not in only:
            continue
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        results.append(fn(quick))
    return results
