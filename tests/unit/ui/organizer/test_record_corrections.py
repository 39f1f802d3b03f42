"""Merge a duplicate, erase a person and reprint after a fix, walked through
the record presenter with no window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fairdesk.services.checkin import check_in
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit
from fairdesk.ui.organizer.presenters.merge_picker import MergePicker
from fairdesk.ui.organizer.presenters.record import RecordPresenter


def test_pick_the_duplicate_and_merge_it_into_this_record(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    keep, _other, drop = make_people(3)
    check_in(session, drop, desk=1)
    record_visit(session, add_employer(session, "Bay Calls").id, drop)
    presenter = RecordPresenter(session, keep)
    presenter.load()
    picker = MergePicker(session, keep)
    picker.set_text("kerlisha")  # only the record itself: it is never offered
    assert picker.rows == [] and picker.summary == "Nobody else matches."
    picker.set_text("marie")
    assert [r[0] for r in picker.rows] == ["C-0003"]
    picker.choose(0)
    assert picker.chosen == drop
    question = presenter.merge_question(drop)
    assert question.startswith("Merge C-0003 (Marie Jn Baptiste) into C-0001 (Kerlisha Joseph)?")
    assert "Moves to C-0001: 1 check-in, 1 booth visit (ratings, tags and notes too)." \
        in question
    assert "its badge keeps working and opens C-0001" in question
    assert presenter.merge(drop)
    assert presenter.title == "Kerlisha Joseph (C-0001)"
    assert len(presenter.checkin_rows()) == 1 and len(presenter.visit_rows()) == 1
    assert presenter.last_message is not None
    assert presenter.last_message.text.startswith("C-0003 merged into C-0001")
    picker.set_text("marie")
    assert picker.rows == []  # the dropped record is gone from the roster


def test_keep_the_other_record_and_the_dialog_follows_it(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    this, other = make_people(2)
    presenter = RecordPresenter(session, this)
    presenter.load()
    question = presenter.merge_question(other, keep_this=False)
    assert question.startswith("Merge C-0001 (Kerlisha Joseph) into C-0002")
    assert "Nothing moves: C-0001 has no check-in" in question
    assert presenter.merge(other, keep_this=False)
    assert presenter.candidate_id == other and presenter.record["ref"] == "C-0002"
    assert not presenter.merge(other)  # one record now
    assert presenter.last_message is not None and presenter.last_message.level == "error"


def test_erase_needs_the_reason_and_the_ref_then_edits_stop(
        session: EventSession, make_people: Callable[..., list[str]]) -> None:
    person = make_people(2)[1]
    check_in(session, person)
    presenter = RecordPresenter(session, person)
    presenter.load()
    assert "Type C-0002 below to confirm" in presenter.erase_question
    assert not presenter.erase_ready("asked by e-mail", "C-0001")
    assert not presenter.erase_ready("  ", "C-0002")
    assert presenter.erase_ready("asked by e-mail", " c-0002 ")
    assert not presenter.erase("asked by e-mail", "C-0001")
    assert presenter.last_message is not None and presenter.last_message.code == "confirm_ref"
    assert not presenter.erase("   ", "C-0002")  # the service wants a reason too
    assert presenter.can_edit
    assert presenter.erase("asked by e-mail", "C-0002")
    assert presenter.erased and not presenter.can_edit
    assert presenter.title == "erased candidate (C-0002)"
    assert presenter.form().email == "" and len(presenter.checkin_rows()) == 1
    assert not presenter.save(presenter.form())
    assert presenter.last_message.code == "erased"


def test_a_name_fix_suggests_a_reprint_with_its_reason(
        session: EventSession, make_people: Callable[..., list[str]], tmp_path: Path) -> None:
    person = make_people(1)[0]
    presenter = RecordPresenter(session, person)
    presenter.load()
    form = presenter.form()
    form.phone = "+17585550999"
    assert presenter.save(form) and not presenter.reprint_suggested
    form.first_name = "Kerlysha"
    assert presenter.save(form) and presenter.reprint_suggested
    assert presenter.last_message is not None and "reprint" in presenter.last_message.text
    assert presenter.reprint_reason == "name corrected" and not presenter.reprint_needs_reason
    assert presenter.reprint(tmp_path / "badge.pdf", presenter.reprint_reason)
    assert (tmp_path / "badge.pdf").read_bytes().startswith(b"%PDF")
    assert not presenter.reprint_suggested and presenter.reprint_needs_reason
    assert presenter.print_rows()[0][3] == "name corrected"
