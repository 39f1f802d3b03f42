"""Black-box tests of ``fairdesk badges``, ``export invitations`` and ``checkin --payload``."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

pytestmark = pytest.mark.slow


def fairdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fairdesk", *map(str, args)],
                          check=False, capture_output=True, text=True, timeout=120)


@pytest.fixture
def event(tmp_path: Path) -> Path:
    path = tmp_path / "demo.fairdesk"
    done = fairdesk("demo", path, "--candidates", "14", "--employers", "2", "--seed", "3",
                    "--no-resumes")
    assert done.returncode == 0, done.stderr
    return path


def _codes(pdf: Path) -> list[str]:
    texts = []
    for page in pdfium.PdfDocument(pdf):
        texts += [r.text for r in zxingcpp.read_barcodes(page.render(scale=150 / 72).to_pil())]
    return texts


def test_badges_batch_then_not_printed(event: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    done = fairdesk("badges", event, "--out", out, "--layout", "avery-5392", "--sort",
                    "surname", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["badges"] == 14
    assert len(pdfium.PdfDocument(out)) == 3  # six to a sheet
    assert len(_codes(out)) == 14
    again = fairdesk("badges", event, "--out", tmp_path / "none.pdf", "--not-printed")
    assert again.returncode == 1
    assert "no badges" in again.stderr
    assert not (tmp_path / "none.pdf").exists()


def test_reprint_needs_reason(event: Path, tmp_path: Path) -> None:
    assert fairdesk("badges", event, "--out", tmp_path / "a.pdf", "--ref", "C-0001",
                    "--desk", "2").returncode == 0
    refused = fairdesk("badges", event, "--out", tmp_path / "b.pdf", "--ref", "c1")
    assert refused.returncode == 1
    assert "already printed at" in refused.stderr and "on desk 2" in refused.stderr
    assert not (tmp_path / "b.pdf").exists()
    ok = fairdesk("badges", event, "--out", tmp_path / "b.pdf", "--ref", "c1",
                  "--reason", "coffee spilled")
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize("args", [
    ["--layout", "poster"],
    ["--all", "--not-printed"],
    ["--sort", "age"],
    [],  # --out missing
])
def test_bad_usage_exits_2(event: Path, tmp_path: Path, args: list[str]) -> None:
    out = [] if not args else ["--out", str(tmp_path / "x.pdf")]
    assert fairdesk("badges", event, *out, *args).returncode == 2


def test_unknown_ref_exits_1(event: Path, tmp_path: Path) -> None:
    done = fairdesk("badges", event, "--out", tmp_path / "x.pdf", "--ref", "C-0999")
    assert done.returncode == 1
    assert "C-0999" in done.stderr


def test_invitations_then_check_in_from_their_code(event: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inv"
    done = fairdesk("export", "invitations", event, "--out", folder)
    assert done.returncode == 0, done.stderr
    with (folder / "invitations.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 14
    assert list(rows[0]) == ["email", "name", "file"]
    unchecked = json.loads(fairdesk("candidates", event, "--json").stdout)
    ref = next(c["ref"] for c in unchecked if not c["checked_in"])
    row = next(r for r in rows if r["file"] == f"{ref}.pdf")
    (code,) = _codes(folder / row["file"])
    checked = fairdesk("checkin", event, "--payload", code, "--desk", "1", "--json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["ref"] == ref


def test_checkin_refuses_forged_and_foreign_payloads(event: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.fairdesk"
    assert fairdesk("demo", other, "--candidates", "3", "--employers", "1",
                    "--no-resumes").returncode == 0
    assert fairdesk("export", "invitations", other, "--out", tmp_path / "o").returncode == 0
    (foreign,) = _codes(tmp_path / "o" / "C-0001.pdf")
    before = json.loads(fairdesk("info", event, "--json").stdout)["checked_in"]
    refused = fairdesk("checkin", event, "--payload", foreign)
    assert refused.returncode == 1
    assert "another event" in refused.stderr
    forged = foreign[:-2] + ("AA" if foreign[-2:] != "AA" else "BB")
    assert fairdesk("checkin", event, "--payload", forged).returncode == 1
    assert fairdesk("checkin", event, "--payload", "hello").returncode == 1
    assert json.loads(fairdesk("info", event, "--json").stdout)["checked_in"] == before


def test_export_without_subcommand_exits_2(event: Path) -> None:
    assert fairdesk("export").returncode == 2
