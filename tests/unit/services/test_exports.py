from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from openpyxl import load_workbook

from fairdesk.domain.errors import InvalidField, NothingToExport
from fairdesk.services import exports
from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit, update_visit
from fairdesk.storage import event as event_rows
from fairdesk.storage import stats
from tests.pdf_helpers import blank_pdf


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]) -> list[str]:
    ids = make_people(4)  # the 4th (index 3) did not consent
    bay = add_employer(session, "Bay BPO", booth="1")
    add_employer(session, "Idle Ltd", booth="2")
    for key in ids:
        check_in(session, key, 1)
        visit = record_visit(session, bay.id, key).visit
        update_visit(session, visit.id, rating=4, notes="=cmd|' /C calc'!A0",
                     shortlist=key == ids[0])
    attach_resume(session, ids[0], blank_pdf(), original_name="cv.pdf")
    attach_resume(session, ids[1], b"garbage, not a pdf at all", original_name="bad.pdf")
    attach_resume(session, ids[3], blank_pdf() + b"\n", original_name="x.pdf")
    return ids


def test_bundles_report_problems_and_audit(session: EventSession, fair: list[str],
                                           tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    report = exports.build_bundles(session, tmp_path / "out",
                                   progress=lambda *a: seen.append(a))
    assert [e["employer"] for e in report["employers"]] == ["Bay BPO"]  # Idle Ltd: nobody
    bundle = report["employers"][0]
    assert bundle["candidates"] == 4
    assert bundle["pages"] == 1 + 1 + 4 + 1
    assert [p["ref"] for p in bundle["problems"]] == ["C-0002"]
    assert seen[-1] == (4, 4, "Bay BPO")
    entry = event_rows.audit_entries(session.store, "export.bundles")[-1]
    assert entry["detail"]["candidates"] == 4
    assert entry["detail"]["employers"][0]["name"] == "Bay BPO"


def test_no_consent_means_no_contact_and_no_resume(session: EventSession, fair: list[str],
                                                   tmp_path: Path) -> None:
    report = exports.build_bundles(session, tmp_path / "out", employer_key="1")
    with zipfile.ZipFile(report["employers"][0]["file"]) as archive:
        names = archive.namelist()
        xlsx = next(n for n in names if n.endswith(".xlsx"))
        archive.extract(xlsx, tmp_path)
    sheet = load_workbook(tmp_path / xlsx).active
    assert sheet is not None
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    refused = rows["C-0004"]
    assert refused[4] == "" or refused[4] is None
    assert refused[19] == "no consent"
    assert refused[10] == "=cmd|' /C calc'!A0"  # the note is listed, as plain text
    assert not any("Fontenelle" in n for n in names)


def test_bundle_spreadsheets_phone_exact_in_xlsx_neutralised_in_csv(
        session: EventSession, fair: list[str], tmp_path: Path) -> None:
    report = exports.build_bundles(session, tmp_path / "out", employer_key="1")
    with zipfile.ZipFile(report["employers"][0]["file"]) as archive:
        names = archive.namelist()
        xlsx = next(n for n in names if n.endswith(".xlsx"))
        archive.extract(xlsx, tmp_path)
        csv_text = archive.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
    sheet = load_workbook(tmp_path / xlsx).active
    assert sheet is not None
    first = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "C-0001")
    assert first[5].value == "+17585550000" and first[5].data_type == "s"
    assert first[10].value == "=cmd|' /C calc'!A0" and first[10].data_type == "s"
    assert "'+17585550000" in csv_text and "'=cmd|" in csv_text


def test_shortlist_only_and_nothing_to_export(session: EventSession, fair: list[str],
                                              tmp_path: Path) -> None:
    report = exports.build_bundles(session, tmp_path / "s", shortlist_only=True)
    assert report["candidates"] == 1
    with pytest.raises(NothingToExport):
        exports.build_bundles(session, tmp_path / "n", employer_key="Idle Ltd")


def test_cancel_keeps_finished_work_only(session: EventSession, fair: list[str],
                                        tmp_path: Path) -> None:
    report = exports.build_bundles(session, tmp_path / "c", cancel=lambda: True)
    assert report["cancelled"] and report["employers"] == []
    assert not any((tmp_path / "c").glob("*.zip"))


def test_report_and_lists(session: EventSession, fair: list[str], tmp_path: Path) -> None:
    done = exports.export_report(session, tmp_path / "report.pdf")
    assert done["totals"]["checked_in"] == 4
    with pikepdf.open(tmp_path / "report.pdf") as pdf:
        assert len(pdf.pages) == done["pages"]
    assert exports.export_visits(session, tmp_path / "v.csv")["rows"] == 4
    assert exports.export_checkins(session, tmp_path / "c.xlsx")["rows"] == 4
    text = (tmp_path / "v.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd" in text
    with pytest.raises(InvalidField):
        exports.export_visits(session, tmp_path / "v.txt")


def test_purge_keeps_counts_but_no_personal_data(session: EventSession, fair: list[str],
                                                 tmp_path: Path) -> None:
    before = stats.counts(session.store)
    exports.purge(session)
    after = stats.counts(session.store)
    for key in ("candidates", "checked_in", "visits", "shortlisted", "employers"):
        assert after[key] == before[key]
    assert after["resumes"] == 0
    assert session.store.scalar("SELECT COUNT(*) FROM resumes") == 0
    assert event_rows.audit_entries(session.store, "purge")
    session.store.close()
    assert session.path is not None
    raw = session.path.read_bytes()
    wal = session.path.with_name(session.path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for secret in (b"Kerlisha", b"p0@example.org", b"5550001", b"garbage, not a pdf",
                   b"=cmd|", b"%PDF"):
        assert secret not in raw, secret
