"""Black-box: the ``fairdesk`` command on a small demo event, in a subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

pytestmark = pytest.mark.slow


def fairdesk(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fairdesk", *args], capture_output=True,
                          text=True, input=stdin, timeout=300, check=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "fair.fairdesk"
    done = fairdesk("demo", str(path), "--candidates", "40", "--employers", "3")
    assert done.returncode == 0, done.stderr
    return path


def test_bundles_json_books_pass_qpdf_check(demo: Path, tmp_path: Path) -> None:
    done = fairdesk("export", "bundles", str(demo), "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["employers"]) == 3
    for item in report["employers"]:
        with zipfile.ZipFile(item["file"]) as archive:
            book = next(n for n in archive.namelist() if "Résumé book" in n)
            archive.extract(book, tmp_path / "x")
        path = tmp_path / "x" / book
        if shutil.which("qpdf"):
            check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True,
                                   check=False)
            assert check.returncode == 0, check.stdout
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == item["pages"]
            with pdf.open_outline() as outline:
                assert len(list(outline.root)) == 2 + item["candidates"]


def test_one_employer_shortlist_report_and_lists(demo: Path, tmp_path: Path) -> None:
    done = fairdesk("export", "bundles", str(demo), "--out", str(tmp_path), "--employer", "1",
                    "--shortlist-only")
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*Phase Two.zip"))) == 1
    assert fairdesk("export", "report", str(demo), "--out", str(tmp_path / "r.pdf")).returncode == 0
    assert fairdesk("export", "visits", str(demo), "--out", str(tmp_path / "v.csv")).returncode == 0
    assert fairdesk("export", "checkins", str(demo),
                    "--out", str(tmp_path / "c.xlsx")).returncode == 0
    refused = fairdesk("export", "visits", str(demo), "--out", str(tmp_path / "v.doc"))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert fairdesk("export", "bundles", str(demo)).returncode == 2


def test_purge_asks_and_refuses_without_a_terminal(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.fairdesk"
    shutil.copy(demo, copy)
    refused = fairdesk("purge", str(copy), stdin="purge\n")
    assert refused.returncode == 1
    assert "--yes" in refused.stderr
    assert fairdesk("purge", str(copy), "--yes").returncode == 0
    info = json.loads(fairdesk("info", str(copy), "--json").stdout)
    assert info["candidates"] == 40 and info["resumes"] == 0
    names = json.loads(fairdesk("candidates", str(copy), "--json").stdout)
    assert all(not row["email"] for row in names)
