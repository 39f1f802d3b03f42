"""Importing the sample roster and résumé folder; duplicates, re-import, cancel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fairdesk.domain.errors import Cancelled, InvalidField, UnknownResume, UnreadableFile
from fairdesk.services import importing, resume_import
from fairdesk.services.candidates import listing
from fairdesk.services.employers import all_employers
from fairdesk.services.session import EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import oplog
from fairdesk.storage import resumes as blobs

KEYS = {"rows", "imported", "updated", "duplicates", "skipped", "warnings", "problems"}


def _balanced(report: dict) -> bool:  # type: ignore[type-arg]
    return report["rows"] == (report["imported"] + report["updated"] + report["duplicates"]
                              + report["skipped"])


def _roster(samples: Path) -> Path:
    return samples / "roster-form-export.csv"


def _state(session: EventSession) -> tuple[int, list[dict[str, object]]]:
    return oplog.count(session.store), listing(session)


def test_sample_roster(session: EventSession, samples: Path) -> None:
    report = importing.import_candidates(session, _roster(samples))
    assert set(report) == KEYS and _balanced(report)
    assert (report["rows"], report["imported"], report["duplicates"], report["skipped"]) == (
        43, 40, 1, 2)
    problems = {p["row"]: p for p in report["problems"]}
    assert problems[43]["reason"] == "empty row"
    assert problems[44]["field"] == "name" and "no name and no email" in problems[44]["reason"]
    store = session.store
    shanique = rows.by_email(store, "shanique.joseph427@gmail.com")
    assert len(shanique) == 1  # other-case email twice → one candidate
    assert shanique[0].submitted_at == "2026-08-15T10:00:00"  # the later one won
    gael = rows.by_email(store, "gal.lafeuille471@hotmail.com")[0]
    assert (gael.first_name, gael.last_name) == ("Gaël", "Lafeuille")  # spaces + capitals
    formula = rows.by_email(store, "kimron.elibox182@yahoo.com")[0]
    assert formula.first_name == '=HYPERLINK("http://example.invalid","click")'
    denzil = rows.by_email(store, "denzil.simon486@gmail.com")[0]
    assert denzil.roles == ("Customer Service Agent", "Team Leader")  # multi-line answer
    bad = [c for c in rows.all_candidates(store) if c.display_name == "Kimron Elibox"]
    assert len(bad) == 1 and bad[0].email == ""
    assert {"row": 15, "field": "email"}.items() <= next(
        w for w in report["warnings"] if w["row"] == 15).items()
    phones = {c.email: c.phone for c in rows.all_candidates(store)}
    assert phones["akeem.fontenelle868@gmail.com"] == "+17585802931"
    assert phones["kervin.modeste222@candw.lc"] == "+17584649644"
    assert phones["marcia.isidore349@gmail.com"] == "+17585994853"
    assert phones["vernon.louisy111@yahoo.com"] == "+17587167443"
    oneil = rows.by_email(store, "dsire.oneil262@gmail.com")[0]
    assert (oneil.first_name, oneil.last_name) == ("Désirée", "O'Neil")
    assert rows.by_email(store, "vernon.louisy111@yahoo.com")[0].consent is False
    assert rows.by_email(store, "akeem.emmanuel897@gmail.com")[0].consent is True


def test_reimport_adds_and_changes_nothing(session: EventSession, samples: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    before = _state(session)
    again = importing.import_candidates(session, _roster(samples))
    assert (again["imported"], again["updated"], again["duplicates"]) == (0, 0, 41)
    assert _balanced(again) and _state(session) == before


def test_updated_file_updates_only_what_changed(session: EventSession, tmp_path: Path,
                                                samples: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    text = _roster(samples).read_text(encoding="utf-8-sig")
    changed = tmp_path / "v2.csv"
    changed.write_text(text.replace("Kervin Polius,,Dennery", "Kervin Polius,,Castries")
                       + "08/20/2026 10:00:00,new.person@x.lc,New Person,,,,,,,Yes,\n",
                       encoding="utf-8")
    ops = oplog.count(session.store)
    report = importing.import_candidates(session, changed)
    assert (report["imported"], report["updated"]) == (1, 1) and _balanced(report)
    assert oplog.count(session.store) == ops + 2
    assert rows.by_email(session.store, "kervin.polius623@gmail.com")[0].district == "Castries"
    last = oplog.ops_since(session.store, 0, 10_000)[-1]
    assert last.kind in {"candidate.add", "candidate.update"}


def test_dry_run_writes_nothing(session: EventSession, samples: Path) -> None:
    before = _state(session)
    report = importing.import_candidates(session, _roster(samples), dry_run=True)
    assert report["imported"] == 40 and _state(session) == before


def test_cancel_leaves_the_event_as_it_was(session: EventSession, samples: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    before = _state(session)
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 5

    text = _roster(samples)
    with pytest.raises(Cancelled):
        importing.import_candidates(session, text, cancel=cancel)
    assert _state(session) == before


def test_progress_is_reported(session: EventSession, samples: Path) -> None:
    seen: list[tuple[int, int]] = []
    importing.import_candidates(session, _roster(samples), progress=lambda d, t: seen.append(
        (d, t)))
    assert seen[-1] == (40, 40)


def test_mapping_is_remembered_per_header_shape(session: EventSession, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Who,Mail\nAna Joseph,a@x.lc\n", encoding="utf-8")
    with pytest.raises(InvalidField):
        importing.import_candidates(session, path)
    importing.import_candidates(session, path, mapping=["full_name", "email"])
    other = tmp_path / "b.csv"
    other.write_text("who,MAIL\nBen Joseph,b@x.lc\n", encoding="utf-8")
    preview = importing.preview_file(session, other)
    assert preview.remembered and preview.mapping == ("full_name", "email")
    assert importing.import_candidates(session, other)["imported"] == 1


def test_unreadable_files(session: EventSession, tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile):
        importing.import_candidates(session, tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile):
        importing.import_candidates(session, empty)


def test_resume_folder(session: EventSession, samples: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    report = resume_import.import_resumes(session, samples / "cvs")
    assert report["files"] == 36
    assert report["files"] == (report["matched"] + len(report["ambiguous"])
                               + len(report["unmatched"]) + len(report["rejected"]))
    rejected = {r["file"]: r["reason"] for r in report["rejected"]}
    assert set(rejected) == {".DS_Store", "CV_not_really.pdf", "CV_truncated_download.pdf",
                             "empty.pdf"}
    assert report["matched"] == 31 and report["unmatched"] == []
    (review,) = report["ambiguous"]
    assert review["file"] == "CV_Josette_Fontenelle.pdf" and len(review["choices"]) == 2
    kimron = next(c for c in rows.all_candidates(session.store)
                  if c.display_name == "Kimron Elibox")
    assert kimron.resume_sha is not None
    blobs_before = blobs.count(session.store)
    ops_before = oplog.count(session.store)
    again = resume_import.import_resumes(session, samples / "cvs")
    assert again["matched"] == 31
    assert (blobs.count(session.store), oplog.count(session.store)) == (blobs_before,
                                                                        ops_before + 0)
    chosen = review["choices"][1]
    person = resume_import.resolve_resume(session, review["sha256"], chosen["id"], review["file"])
    assert person.resume_sha == review["sha256"]
    with pytest.raises(UnknownResume):
        resume_import.resolve_resume(session, "0" * 64, chosen["id"])


def test_same_file_twice_is_one_blob(session: EventSession, samples: Path,
                                     tmp_path: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    folder = tmp_path / "cvs"
    (folder / "again").mkdir(parents=True)
    source = samples / "cvs" / "CV_Akeem_Emmanuel.pdf"
    shutil.copy(source, folder / "CV_Akeem_Emmanuel.pdf")
    shutil.copy(source, folder / "again" / "CV_Marcia_Isidore.pdf")
    report = resume_import.import_resumes(session, folder)
    assert report["matched"] == 2 and blobs.count(session.store) == 1


def test_resume_cancel(session: EventSession, samples: Path) -> None:
    importing.import_candidates(session, _roster(samples))
    before = (blobs.count(session.store), oplog.count(session.store))
    with pytest.raises(Cancelled):
        resume_import.import_resumes(session, samples / "cvs", cancel=lambda: True)
    assert (blobs.count(session.store), oplog.count(session.store)) == before


def test_employers(session: EventSession, tmp_path: Path) -> None:
    path = tmp_path / "employers.csv"
    path.write_text("Company,Booth,Sector,Contact,Tags\n"
                    "Island BPO,1,BPO,ana@bpo.lc,bilingual\n"
                    "Tech Hub,1,Tech,,\n"
                    ",3,,,\n"
                    "island bpo,1,BPO,ana@bpo.lc,bilingual\n", encoding="utf-8")
    report = importing.import_employers(session, path)
    assert set(report) == KEYS and _balanced(report)
    assert (report["imported"], report["duplicates"], report["skipped"]) == (2, 1, 1)
    assert any(w["field"] == "booth" for w in report["warnings"])
    names = {e.name: e for e in all_employers(session)}
    assert names["Island BPO"].contact_email == "ana@bpo.lc" and names["Tech Hub"].booth == ""
    path.write_text("Company,Booth,Sector\nIsland BPO,2,BPO\n", encoding="utf-8")
    again = importing.import_employers(session, path)
    assert again["updated"] == 1
    assert {e.name: e for e in all_employers(session)}["Island BPO"].booth == "2"


def test_office_files_are_converted_before_the_transaction(
        session: EventSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice is slow: it must not run while the event file is locked for writing."""
    from fairdesk.bench.import_bench import tiny_pdf
    from fairdesk.imports import resume_files

    def convert(office: str, data: bytes, suffix: str) -> bytes:
        assert not session.store.in_transaction, "converting inside the import transaction"
        calls.append(suffix)
        return tiny_pdf(len(calls))

    calls: list[str] = []
    monkeypatch.setattr(resume_files, "soffice", lambda: "soffice")
    monkeypatch.setattr(resume_files, "convert_to_pdf", convert)
    roster = tmp_path / "roster.csv"
    roster.write_text("Full Name,Email\nAna Joseph,ana@x.lc\n", encoding="utf-8")
    importing.import_candidates(session, roster)
    folder = tmp_path / "cvs"
    folder.mkdir()
    (folder / "CV_Ana_Joseph.rtf").write_bytes(b"{\\rtf1 Ana Joseph}")
    (folder / "CV_Leon_Felix.pdf").write_bytes(tiny_pdf(99))
    seen: list[tuple[int, int]] = []
    report = resume_import.import_resumes(session, folder, lambda d, t: seen.append((d, t)))
    assert calls == [".rtf"] and report["files"] == 2
    assert seen[0] == (1, 2) and seen[-1] == (2, 2)  # the conversion counts as checking
    assert report["matched"] == 1 and report["warnings"] == [
        {"file": "CV_Ana_Joseph.rtf", "reason": "converted from RTF to PDF"}]
    before = blobs.count(session.store)
    with pytest.raises(Cancelled):
        resume_import.import_resumes(session, folder, cancel=lambda: True)
    assert blobs.count(session.store) == before and calls == [".rtf"]


def test_a_resume_named_in_one_roster_goes_to_that_row_despite_a_namesake(
        session: EventSession, tmp_path: Path, samples: Path) -> None:
    """Two rosters, two "Kimron François": the one whose row names the file gets it."""
    header = ("Timestamp,Email Address,Full Name,Phone Number,CV file name\n")
    first = tmp_path / "first.csv"
    first.write_text(header + "2026-10-01,k1@x.lc,Kimron François,+17585550001,"
                     "C:\\fakepath\\CV_Kimron_François.pdf\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(header + "2026-10-02,k2@x.lc,Kimron François,+17585550002,\n",
                      encoding="utf-8")
    importing.import_candidates(session, first)
    importing.import_candidates(session, second)
    folder = tmp_path / "cvs"
    folder.mkdir()
    shutil.copy(samples / "cvs" / "CV_Kimron_Elibox.pdf", folder / "CV_Kimron_François.pdf")
    report = resume_import.import_resumes(session, folder)
    assert report["matched"] == 1 and report["ambiguous"] == [], report
    by_email = {c.email: c for c in rows.all_candidates(session.store)}
    assert by_email["k1@x.lc"].resume_sha is not None
    assert by_email["k2@x.lc"].resume_sha is None
