"""Import figures: ``import`` (roster rows/s) and ``resumes`` (résumé files/s).

Baselines are what a user would pick instead, measured in the same run on the
same files: sqlite-utils (the library FairDesk is built on) in process and as
its command line, pandas where installed, and for résumés a plain read +
sha256. The notes also print the floors: a bare ``executemany`` of the raw
rows and SQLite alone writing the rows FairDesk writes.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

from fairdesk.bench import PAIRS, Figure, Pairs, as_installed, interleaved
from fairdesk.services.events import create_event
from fairdesk.services.importing import import_candidates
from fairdesk.services.resume_import import import_resumes

HEADER = ("Timestamp", "Email Address", "Full Name", "Phone Number", "District",
          "Highest level of education", "Languages spoken", "Preferred role(s)",
          "Years of experience", "I consent to my CV being shared with participating employers",
          "CV file name")
_FIRST = ("Akeem", "Kervin", "Shanique", "Anaïs", "Gaël", "Désirée", "Jn-Marie", "Léon",
          "Roxanne", "Clémence", "Kimron", "Josette", "Denzil", "Ulric", "Nathalie")
_LAST = ("Fontenelle", "Polius", "Joseph", "Louisy", "O'Neil", "Régis", "Félix", "Jn Baptiste",
         "St. Rose", "Hippolyte", "Mathurin", "Isidore", "Elibox", "Monrose", "Charles")
_DISTRICTS = ("Castries", "Gros Islet", "Vieux Fort", "Soufrière", "Micoud", "Dennery")


def write_roster(path: Path, rows: int, seed: int = 7) -> None:
    """A form export shaped like the sample: mixed phone formats, some capitals."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            name = f"{first} {last}"
            phone = rng.choice(("758-{a}-{b}", "+1 (758) {a} {b}", "1758{a}{b}", "{a}-{b}"))
            writer.writerow([
                f"08/{1 + n % 28:02d}/2026 09:{n % 60:02d}:00", f"person{n}@example.org",
                name.upper() if n % 9 == 0 else name,
                phone.format(a=rng.randint(450, 799), b=f"{n % 10000:04d}"),
                rng.choice(_DISTRICTS), "CAPE", "English, Kwéyòl", "Team Leader, IT / Software",
                str(rng.randint(0, 5)), rng.choice(("Yes", "No")), f"CV_{first}_{last}.pdf",
            ])


def bare_import_s(path: Path, folder: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"CREATE TABLE t ({', '.join(f'c{i} TEXT' for i in range(len(HEADER)))})")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(HEADER))})", reader)
        conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def write_floor_s(done: Path, folder: Path) -> float:
    """The SQLite part alone: the ops and candidates an import wrote, written again.

    The rows of ``done`` (an event after an import) go into a new event the
    way :mod:`fairdesk.storage.bulk` writes them (ops by ``executemany`` with
    hub numbers, candidates staged and moved by one ``INSERT … SELECT`` so the
    FTS triggers index them), with no cleaning and no row building: the most
    an import could approach.
    """
    with sqlite3.connect(done) as source:
        ops = source.execute("SELECT op_id, device_id, seq, kind, at, hlc, body, hub_seq "
                             "FROM ops WHERE kind = 'candidate.add'").fetchall()
        names = [r[1] for r in source.execute("PRAGMA table_info(candidates)")]
        people = source.execute("SELECT * FROM candidates").fetchall()
    create_event(folder / "floor.fairdesk", "Floor").close()
    conn = sqlite3.connect(folder / "floor.fairdesk", isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    first = conn.execute("SELECT COALESCE(MAX(hub_seq), 0) FROM ops").fetchone()[0]
    ops = [(*op[:7], first + n) for n, op in enumerate(ops, start=1)]
    columns = ", ".join(names)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO ops (op_id, device_id, seq, kind, at, hlc, body, hub_seq) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ops)
    conn.execute(f"CREATE TEMP TABLE stage ({columns})")
    conn.executemany(f"INSERT INTO stage VALUES ({', '.join('?' * len(names))})", people)
    conn.execute(f"INSERT INTO candidates ({columns}) SELECT {columns} FROM stage")
    conn.execute("COMMIT")
    took = time.perf_counter() - start
    conn.close()
    return took


def write_sample_roster(path: Path, rows: int) -> None:
    """The messy sample export (``samples/roster-form-export.csv`` shapes) cycled to ``rows``.

    Its rows come round again and again with the e-mail and the phone's last
    digits made unique, so the spaces, capitals, formula cells, multi-line
    answers, invalid e-mails, blank rows and in-file duplicates of the sample
    stay in the same share.
    """
    with SAMPLE.open(newline="", encoding="utf-8-sig") as handle:
        header, *sample = list(csv.reader(handle))
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(rows):
            row = list(sample[n % len(sample)])
            lap = n // len(sample)
            if "@" in row[1]:
                row[1] = row[1].replace("@", f".{lap}@", 1)
            if sum(c.isdigit() for c in row[3]) >= 7:
                row[3] = row[3][:-4] + f"{(n * 7919) % 10000:04d}"
            writer.writerow(row)


SAMPLE = Path(__file__).with_name("roster_sample.csv")  # a copy of samples/roster-form-export.csv
SHAPES = {"form": write_roster, "sample": write_sample_roster}


def _ours_s(roster: Path, folder: Path, tag: str) -> float:
    """``import_candidates`` into a new event, close included (the file is complete)."""
    session = create_event(folder / f"ours-{tag}.fairdesk", "Bench Fair")
    start = time.perf_counter()
    report = import_candidates(session, roster)
    session.close()
    took = time.perf_counter() - start
    assert report["rows"] > 0, report
    return took


def _sqlite_utils_s(roster: Path, folder: Path, tag: str) -> float:
    """The raw rows through sqlite-utils, the library FairDesk stores with."""
    import sqlite_utils

    start = time.perf_counter()
    db = sqlite_utils.Database(folder / f"su-{tag}.db")
    with roster.open(newline="", encoding="utf-8-sig") as handle:
        db.table("candidates").insert_all(csv.DictReader(handle))
    db.close()
    return time.perf_counter() - start


def _count(roster: Path) -> int:
    with roster.open(newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def import_rows(quick: bool) -> Figure:
    """In process: FairDesk's import vs sqlite-utils ``insert_all`` of the raw rows."""
    rows = 2_000 if quick else 10_000
    runs = count(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster = folder / "roster.csv"
        write_roster(roster, rows)
        measured = interleaved(lambda: _ours_s(roster, folder, str(next(runs))),
                               lambda: _sqlite_utils_s(roster, folder, str(next(runs))))
        floor = write_floor_s(folder / "ours-1.fairdesk", folder)
        bare = bare_import_s(roster, folder)
        scale = _per_row(folder, (1_000, 100_000) if not quick else (1_000, 10_000))
    return Figure.of(
        "import", f"s per {rows:,} rows", "ratio <= 1", measured,
        f"form-shaped CSV into a new event (clean, dedup, FTS, op log) vs "
        f"sqlite_utils insert_all(csv.DictReader) of the raw rows; SQLite alone writing "
        f"FairDesk's rows: {floor:.2f} s, bare executemany of the raw rows {bare:.2f} s; "
        f"µs per row (ours/sqlite-utils): {scale}")


def _per_row(folder: Path, sizes: tuple[int, ...]) -> str:
    """µs per row at other sizes: the cost per row must not grow with the file."""
    out = []
    for size in sizes:
        roster = folder / f"scale-{size}.csv"
        write_roster(roster, size)
        ours = _ours_s(roster, folder, f"scale-{size}")
        theirs = _sqlite_utils_s(roster, folder, f"scale-{size}")
        out.append(f"{size:,}: {ours / size * 1e6:.0f}/{theirs / size * 1e6:.0f}")
    return ", ".join(out)


def _run_s(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


_PANDAS = ("import sys, sqlite3, pandas; "
           "pandas.read_csv(sys.argv[1]).to_sql('candidates', sqlite3.connect(sys.argv[2]))")


def _pandas_python() -> str | None:
    """A Python with pandas: ``FAIRDESK_BENCH_PANDAS_PYTHON``, or this one if it has it.

    Keep pandas out of FairDesk's own environment when measuring: sqlite-utils
    imports pandas and numpy at start when they are installed, which adds
    ~0.4 s to both whole-process sides.
    """
    named = os.environ.get("FAIRDESK_BENCH_PANDAS_PYTHON")
    if named:
        return named
    return sys.executable if importlib.util.find_spec("pandas") is not None else None


def import_cli(quick: bool) -> Figure:
    """Whole processes, as a new user runs them: ``fairdesk import`` vs ``sqlite-utils insert``.

    Pairs alternate between the two roster shapes; pandas (``read_csv`` +
    ``to_sql``) is printed beside them where it is installed.
    """
    rows = 2_000 if quick else 10_000
    sqlite_utils = _tool("sqlite-utils")
    if sqlite_utils is None:
        raise RuntimeError("the import_cli figure needs the sqlite-utils command")
    runs, pandas_python = count(1), _pandas_python()
    as_installed()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rosters = []
        for shape, write in SHAPES.items():
            rosters.append(folder / f"{shape}.csv")
            write(rosters[-1], rows)
        ours, theirs, pandas = [], [], []
        for index in range(PAIRS * len(rosters)):
            roster = rosters[index % len(rosters)]
            event = folder / f"event-{next(runs)}.fairdesk"
            create_event(event, "Bench Fair").close()
            mine = [sys.executable, "-m", "fairdesk", "import", "candidates", str(event),
                    str(roster)]
            other = [sqlite_utils, "insert", str(folder / f"su-{next(runs)}.db"), "candidates",
                     str(roster), "--csv"]
            first, second = (mine, other) if index % 2 == 0 else (other, mine)
            times = {id(first): _run_s(first), id(second): _run_s(second)}
            ours.append(times[id(mine)])
            theirs.append(times[id(other)])
            if pandas_python is not None and index < len(rosters):
                pandas.append(_run_s([pandas_python, "-c", _PANDAS, str(roster),
                                      str(folder / f"pd-{index}.db")]))
    shapes = ", ".join(
        f"{shape}: {statistics.median(ours[i::len(rosters)]):.2f} s vs "
        f"{statistics.median(theirs[i::len(rosters)]):.2f} s"
        + (f" (pandas {pandas[i]:.2f} s)" if pandas else "")
        for i, shape in enumerate(SHAPES))
    return Figure.of(
        "import_cli", f"s per {rows:,}-row file", "ratio <= 1",
        Pairs(tuple(ours), tuple(theirs)),
        f"`fairdesk import candidates EVENT FILE` vs `sqlite-utils insert DB candidates FILE "
        f"--csv`, whole processes, {len(ours)} pairs over two roster shapes; {shapes}"
        + ("" if pandas else "; pandas not installed"), digits=2)


def tiny_pdf(n: int) -> bytes:
    """A valid one-page PDF with a line of text that differs per ``n``."""
    text = f"Curriculum vitae {n}".encode()
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _resume_folder(folder: Path, files: int) -> tuple[Path, Path]:
    cvs = folder / "cvs"
    cvs.mkdir()
    roster = folder / "roster.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("Full Name", "Email", "CV file name"))
        for n in range(files):
            writer.writerow((f"Person{n} Bench", f"p{n}@example.org", f"CV_{n}.pdf"))
            (cvs / f"CV_{n}.pdf").write_bytes(tiny_pdf(n))
    return roster, cvs


def resumes(quick: bool) -> Figure:
    files = 100 if quick else 500
    runs = count(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster, cvs = _resume_folder(folder, files)

        def plain() -> float:
            start = time.perf_counter()
            for path in sorted(cvs.iterdir()):
                hashlib.sha256(path.read_bytes()).hexdigest()
            return files / (time.perf_counter() - start)

        def ours() -> float:
            session = create_event(folder / f"bench-{next(runs)}.fairdesk", "Bench Fair")
            import_candidates(session, roster)
            start = time.perf_counter()
            report = import_resumes(session, cvs)
            took = time.perf_counter() - start
            session.close()
            assert report["matched"] == files, report
            return files / took

        measured = interleaved(ours, plain)
    return Figure.of("resumes", "files/s", "ratio >= 0.02", measured,
                     f"{files:,} one-page PDFs a run: check, match, store vs read + sha256",
                     digits=0)


FIGURES = {"import": import_rows, "import_cli": import_cli, "resumes": resumes}
