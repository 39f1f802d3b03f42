"""Walking whole import-wizard flows with no window."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from fairdesk.services.session import EventSession
from fairdesk.storage import candidates as rows
from fairdesk.storage import oplog
from fairdesk.ui.organizer.presenters.import_wizard import ImportWizard, Step


@pytest.fixture
def wizard(session: EventSession) -> ImportWizard:
    return ImportWizard(session)


def test_whole_flow_with_samples(wizard: ImportWizard, samples: Path, tmp_path: Path,
                                 session: EventSession) -> None:
    steps: list[Step] = []
    wizard.on_change = lambda: steps.append(wizard.step)
    wizard.choose_file(samples / "roster-form-export.csv")
    assert wizard.step is Step.MAPPING and not wizard.remembered
    name = next(c for c in wizard.columns if c["header"] == "Full Name")
    assert name["target"] == "full_name" and name["samples"][0] == "Akeem Fontenelle"
    assert wizard.total_rows == 43 and wizard.preview[0][0] == 2
    wizard.dry_run()
    assert wizard.step is Step.DRY_RUN and wizard.report["imported"] == 40
    assert rows.count(session.store) == 0
    table = wizard.report_rows
    assert {r["status"] for r in table} == {"not taken", "warning"}
    wizard.run_import()
    assert wizard.step is Step.RESUMES and rows.count(session.store) == 40
    assert "40 new" in (wizard.last_message.text if wizard.last_message else "")
    wizard.run_resumes(samples / "cvs")
    assert wizard.step is Step.REVIEW
    (pending,) = wizard.pending
    wizard.resolve(pending["file"], pending["choices"][0]["id"])
    assert wizard.step is Step.DONE
    assert rows.by_id(session.store, pending["choices"][0]["id"]).resume_sha  # type: ignore[union-attr]
    out = tmp_path / "report.csv"
    wizard.save_report_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.DictReader(handle))
    assert any(r["status"] == "refused" and r["row"] == "empty.pdf" for r in saved)
    formula = next(r for r in saved if r["row"] == "11")
    assert formula["reason"].startswith("name '=HYPERLINK")
    assert Step.IMPORTING in steps


def test_change_a_column_and_it_is_remembered(wizard: ImportWizard, session: EventSession,
                                              tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Mail,Notes\nAna Joseph,a@x.lc,hi\n", encoding="utf-8")
    wizard.choose_file(path)
    assert not wizard.can_dry_run
    wizard.dry_run()
    assert wizard.step is Step.MAPPING and wizard.last_message is not None
    wizard.set_target(0, "full_name")
    wizard.set_target(1, "email")
    wizard.set_target(2, "email")  # moves the target; column 1 loses it
    assert wizard.mapping == ["full_name", "", "email"]
    wizard.set_target(1, "email")
    wizard.set_target(2, "")
    wizard.dry_run()
    wizard.run_import()
    assert wizard.step is Step.RESUMES
    wizard.skip_resumes()
    assert wizard.step is Step.DONE
    second = ImportWizard(session)
    second.choose_file(path)
    assert second.remembered and second.mapping == ["full_name", "email", ""]


def test_cancel_goes_back_and_changes_nothing(wizard: ImportWizard, samples: Path,
                                              session: EventSession) -> None:
    wizard.choose_file(samples / "roster-form-export.csv")
    wizard.dry_run()
    before = oplog.count(session.store)
    wizard.run_import(cancel=lambda: True)
    assert wizard.step is Step.DRY_RUN
    assert wizard.last_message is not None and wizard.last_message.code == "cancelled"
    assert oplog.count(session.store) == before


def test_sheet_step_and_back(wizard: ImportWizard, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing"])
    sheet = book.create_sheet("Roster")
    sheet.append(["First name", "Last name", "Email"])
    sheet.append(["Marie", "Jn Baptiste", "m@x.lc"])
    book.save(path)
    wizard.choose_file(path)
    assert wizard.step is Step.SHEET and wizard.sheets == ("Notes", "Roster")
    wizard.choose_sheet("Roster")
    assert wizard.step is Step.MAPPING and wizard.mapping == ["first_name", "last_name", "email"]
    wizard.back()
    assert wizard.step is Step.SHEET
    wizard.back()
    assert wizard.step is Step.FILE


def test_unreadable_file_stays_on_file_step(wizard: ImportWizard, tmp_path: Path) -> None:
    wizard.choose_file(tmp_path / "missing.csv")
    assert wizard.step is Step.FILE
    assert wizard.last_message is not None and wizard.last_message.code == "unreadable_file"


def test_employer_wizard_ends_without_resumes(session: EventSession, tmp_path: Path) -> None:
    path = tmp_path / "employers.csv"
    path.write_text("Company,Booth\nIsland BPO,1\n", encoding="utf-8")
    wizard = ImportWizard(session, kind="employers")
    wizard.choose_file(path)
    wizard.dry_run()
    wizard.run_import()
    assert wizard.step is Step.DONE and wizard.report["imported"] == 1


def _to_review(wizard: ImportWizard, samples: Path) -> dict[str, object]:
    wizard.choose_file(samples / "roster-form-export.csv")
    wizard.dry_run()
    wizard.run_import()
    wizard.run_resumes(samples / "cvs")
    assert wizard.step is Step.REVIEW
    (pending,) = wizard.pending
    return pending


def test_the_final_report_shows_what_the_review_resolved(wizard: ImportWizard,
                                                         samples: Path) -> None:
    pending = _to_review(wizard, samples)
    file = pending["file"]
    matched = wizard.resume_report["matched"]
    before = {r["status"] for r in wizard.report_rows if r["row"] == file}
    assert before == {"to review"}
    choice = pending["choices"][0]  # type: ignore[index]
    wizard.resolve(str(file), choice["id"])
    assert wizard.step is Step.DONE
    after = [r for r in wizard.report_rows if r["row"] == file]
    assert [r["status"] for r in after] == ["resolved"]
    assert choice["ref"] in after[0]["reason"]
    r = wizard.resume_report
    assert r["matched"] == matched + 1 and r["ambiguous"] == []
    assert r["resolved"] == [{"file": file, "ref": choice["ref"], "name": choice["name"]}]
    assert r["files"] == r["matched"] + len(r["unmatched"]) + len(r["rejected"])


def test_review_can_leave_files_for_later(wizard: ImportWizard, samples: Path) -> None:
    pending = _to_review(wizard, samples)
    wizard.leave(str(pending["file"]))
    assert wizard.step is Step.DONE
    assert [r["status"] for r in wizard.report_rows
            if r["row"] == pending["file"]] == ["to review"]
    assert wizard.resume_report["resolved"] == []
    assert ImportWizard.shows_as_formula('=HYPERLINK("x")')
