"""Import figures: ``import`` (roster rows/s) and ``resumes`` (résumé files/s).

Baselines are measured in the same run on the same files: a bare
``csv.reader`` + ``executemany`` into one table, and a plain read + sha256.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from fairdesk.bench import Figure
from fairdesk.services.events import create_event
from fairdesk.services.importing import import_candidates, import_resumes

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


def import_rows(quick: bool) -> Figure:
    rows = 2_000 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster = folder / "roster.csv"
        write_roster(roster, rows)
        bare = bare_import_s(roster, folder)
        session = create_event(folder / "bench.fairdesk", "Bench Fair")
        start = time.perf_counter()
        report = import_candidates(session, roster)
        took = time.perf_counter() - start
        session.close()
        floor = write_floor_s(folder / "bench.fairdesk", folder)
    assert report["rows"] == rows
    return Figure("import", round(rows / took), "rows/s", round(rows / bare), "ratio >= 0.25",
                  f"{rows:,}-row CSV into a new event vs csv.reader + executemany; "
                  f"writing its ops and candidates alone (FTS, indexes): {rows / floor:,.0f} "
                  f"rows/s = {bare / floor:.2f}x the bare rate")


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


def resumes(quick: bool) -> Figure:
    files = 200 if quick else 1_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cvs = folder / "cvs"
        cvs.mkdir()
        roster = folder / "roster.csv"
        with roster.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("Full Name", "Email", "CV file name"))
            for n in range(files):
                writer.writerow((f"Person{n} Bench", f"p{n}@example.org", f"CV_{n}.pdf"))
                (cvs / f"CV_{n}.pdf").write_bytes(tiny_pdf(n))
        start = time.perf_counter()
        for path in sorted(cvs.iterdir()):
            hashlib.sha256(path.read_bytes()).hexdigest()
        bare = time.perf_counter() - start
        session = create_event(folder / "bench.fairdesk", "Bench Fair")
        import_candidates(session, roster)
        start = time.perf_counter()
        report = import_resumes(session, cvs)
        took = time.perf_counter() - start
        session.close()
    assert report["matched"] == files, report
    return Figure("resumes", round(files / took), "files/s", round(files / bare),
                  "ratio >= 0.02", f"{files:,} one-page PDFs: check, match, store vs "
                  "read + sha256")


FIGURES = {"import": import_rows, "resumes": resumes}
