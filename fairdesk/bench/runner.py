"""Runs every figure module in ``MODULES`` and collects the figures."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable

from fairdesk.bench import MODULES, Figure

FigureFn = Callable[[bool], Figure]


def all_figures() -> dict[str, FigureFn]:
    """Every figure by the name it prints (``FIGURES`` of each module, in order)."""
    found: dict[str, FigureFn] = {}
    for name in MODULES:
        found.update(importlib.import_module(name).FIGURES)
    return found


def run_all(quick: bool = False, only: list[str] | None = None) -> list[Figure]:
    figures = all_figures()
    unknown = sorted(set(only or ()) - set(figures))
    if unknown:
        raise ValueError(f"no figure named {', '.join(unknown)}; there are {', '.join(figures)}")
    results = []
    for name, fn in figures.items():
        if only and name not in only:
            continue
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        # The last figure's files (a bundle run writes ~100 MB) are written back
        # now, not inside this figure's fsyncs.
        if hasattr(os, "sync"):
            os.sync()
        results.append(fn(quick))
    return results
