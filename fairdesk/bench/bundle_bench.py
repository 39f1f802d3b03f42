"""Bundle figure: every employer's résumé bundle of a demo event, against qpdf merging
the same résumé files (``qpdf --empty --pages … -- out.pdf``) in the same run.

Our time includes what qpdf does not do (summary pages, index, links, bookmarks,
CSV/XLSX, the ZIP), so the target allows twice qpdf's time. The export writes
bundles in worker processes as well (one per core); qpdf runs one process.

Both are timed in interleaved pairs; the ratio is the median of the pairs'.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from fairdesk.bench import PAIRS, Figure, interleaved
from fairdesk.services.demo import DemoSpec, build_demo
from fairdesk.services.exports import build_bundles
from fairdesk.services.session import EventSession
from fairdesk.storage import export_rows, resumes

FULL, QUICK = (1000, 10), (200, 6)


def _spill_resumes(session: EventSession, folder: Path) -> list[list[Path]]:
    """Per employer with visitors, the résumé files its bundle merges (consent given)."""
    store, groups = session.store, []
    for employer_id, (visitors, _) in export_rows.visitor_counts(store).items():
        if not visitors:
            continue
        files: list[Path] = []
        for row in export_rows.bundle_rows(store, employer_id):
            sha = row.candidate.resume_sha
            data = resumes.get(store, sha) if row.candidate.consent and sha else None
            if data is not None:
                path = folder / f"{employer_id[-8:]}-{len(files):04d}.pdf"
                path.write_bytes(data)
                files.append(path)
        groups.append(files)
    return groups


def _qpdf_seconds(groups: list[list[Path]], folder: Path) -> float:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise RuntimeError("the bundle figure needs qpdf on the PATH")
    start = time.perf_counter()
    for index, files in enumerate(groups):
        if files:
            subprocess.run([qpdf, "--empty", "--pages", *map(str, files), "--",
                            str(folder / f"merged-{index}.pdf")], check=True)
    return time.perf_counter() - start


def bundle(quick: bool = False) -> Figure:
    candidates, employers = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="fairdesk-bench-") as name:
        folder = Path(name)
        session = build_demo(folder / "bench.fairdesk",
                             DemoSpec(candidates=candidates, employers=employers, seed=7),
                             today=date(2026, 8, 20))
        try:
            spill = folder / "resumes"
            spill.mkdir()
            groups = _spill_resumes(session, spill)
            reports: list[dict[str, Any]] = []

            def ours() -> float:
                start = time.perf_counter()
                reports.append(build_bundles(session, folder / f"bundles-{len(reports)}"))
                return time.perf_counter() - start

            measured = interleaved(ours, lambda: _qpdf_seconds(groups, spill))
        finally:
            session.close()
    report = reports[-1]
    note = (f"{candidates} candidates, {len(report['employers'])} bundles, "
            f"{report['pages']} pages, {sum(map(len, groups))} résumé files; {PAIRS} pairs "
            f"(ours {' '.join(f'{t:.2f}' for t in measured.ours)} s, "
            f"qpdf {' '.join(f'{t:.2f}' for t in measured.base)} s)")
    return Figure.of("bundle", "s", "ratio <= 2", measured, note)


FIGURES = {"bundle": bundle}
