"""Issue 15 item 7: the report's Phase Two funnel per employer, and résumé
bundles that put the booked candidates first with their slot."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from fairdesk.domain.errors import InterviewNotStarted
from fairdesk.services import exports, interview_attendance, interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.session import EventSession
from fairdesk.services.visits import record_visit
from tests.conftest import FakeClock
from tests.interview_fair import Fair, lose_to_another_booth, make_fair


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]) -> Fair:
    return make_fair(session, make_people)


def _text(path: Path) -> str:
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_the_funnel_counts_visits_shortlist_and_bookings(fair: Fair) -> None:
    funnel = exports.report_data(fair.session).funnel
    # booth order, as the report's charts (an employer without a booth number first)
    assert funnel == [("Bluewave", 1, 1, 1, 0, 0, 0), ("4 · Acme BPO", 5, 4, 3, 0, 0, 0)]


def test_a_clash_is_not_booked_but_to_rebook(fair: Fair) -> None:
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    lose_to_another_booth(fair, str(held["id"]), fair.people[2])
    acme = exports.report_data(fair.session).funnel[1]
    assert acme == ("4 · Acme BPO", 5, 4, 3, 1, 0, 0)  # people[2] stands, people[1] to rebook


def test_the_report_pdf_shows_the_funnel(fair: Fair, tmp_path: Path) -> None:
    done = exports.export_report(fair.session, tmp_path / "report.pdf")
    text = _text(tmp_path / "report.pdf")
    assert "Phase Two funnel per employer" in text
    assert "4 (80%)" in text and "3 (75%)" in text  # Acme: 4 of 5 shortlisted, 3 of 4 booked
    assert "All employers" in text and "recorded as interviewed" in text
    assert "Interviewed" in text
    assert "To rebook" not in text and "Missed" not in text
    assert done["pages"] >= 1


def test_the_funnel_counts_interviews_and_no_shows_recorded(fair: Fair, clock: FakeClock,
                                                             tmp_path: Path) -> None:
    clock.advance(days=1)  # 21 August, 09:30 at the venue: before the 10:00 interviews
    with pytest.raises(InterviewNotStarted):
        interview_attendance.record_attendance(fair.session, fair.acme, fair.people[0], True)
    clock.advance(hours=1)  # 10:30: the 10:00 and 10:20 interviews have started
    interview_attendance.record_attendance(fair.session, fair.acme, fair.people[0], True)
    interview_attendance.record_attendance(fair.session, fair.acme, fair.people[3], False)
    interview_attendance.record_attendance(fair.session, fair.acme, fair.people[1], False)
    interview_attendance.record_attendance(fair.session, fair.acme, fair.people[1], True)  # changed
    acme = exports.report_data(fair.session).funnel[1]
    assert acme == ("4 · Acme BPO", 5, 4, 3, 0, 2, 1)
    exports.export_report(fair.session, tmp_path / "report.pdf")
    text = _text(tmp_path / "report.pdf")
    assert "Interviewed" in text and "Missed" in text
    assert "2 (67%)" in text  # Acme: 2 of the 3 booked interviewed


def test_no_funnel_without_interview_slots(session: EventSession,
                                           make_people: Callable[..., list[str]],
                                           tmp_path: Path) -> None:
    person = make_people(1)[0]
    record_visit(session, add_employer(session, "Acme BPO").id, person)
    assert exports.report_data(session).funnel == []
    exports.export_report(session, tmp_path / "r.pdf")
    assert "Phase Two funnel" not in _text(tmp_path / "r.pdf")


def test_many_employers_run_the_funnel_over_pages(session: EventSession,
                                                  make_people: Callable[..., list[str]],
                                                  tmp_path: Path) -> None:
    from fairdesk.domain.interviews import SlotPattern

    person = make_people(1)[0]
    for n in range(70):
        employer = add_employer(session, f"Employer {n:02d}", booth=str(n + 1)).id
        record_visit(session, employer, person)
    interviews.add_slots(session, employer, "2026-08-21", SlotPattern("10:00", "10:20", 20))
    done = exports.export_report(session, tmp_path / "r.pdf")
    text = _text(tmp_path / "r.pdf")
    assert "70 · Employer 69" in text and text.count("Shortlisted") >= 2  # header repeats
    assert done["pages"] >= 2


def _bundle(fair: Fair, tmp_path: Path, employer: str) -> tuple[list[tuple], str, str]:
    report = exports.build_bundles(fair.session, tmp_path / "out", employer_key=employer,
                                   workers=1)
    with zipfile.ZipFile(report["employers"][0]["file"]) as archive:
        names = archive.namelist()
        xlsx = next(n for n in names if n.endswith(".xlsx"))
        book = next(n for n in names if n.endswith(".pdf") and "Résumé book" in n)
        readme = archive.read(next(n for n in names if n.endswith("README.txt"))).decode()
        archive.extract(xlsx, tmp_path)
        archive.extract(book, tmp_path)
    sheet = load_workbook(tmp_path / xlsx).active
    assert sheet is not None
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    rows = [dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True)]
    return [(r["Ref"], r["Interview"]) for r in rows], _text(tmp_path / book), readme


def test_the_bundle_puts_booked_candidates_first_in_interview_order(
        fair: Fair, tmp_path: Path) -> None:
    order, book, readme = _bundle(fair, tmp_path, fair.acme)
    assert order[:3] == [
        (fair.ref(0), "Fri 21 Aug · 10:00–10:20 · Room 1"),
        (fair.ref(3), "Fri 21 Aug · 10:00–10:20 · Room 2"),
        (fair.ref(1), "Fri 21 Aug · 10:20–10:40 · Room 1")]
    assert {ref for ref, when in order[3:]} == {fair.ref(2), fair.ref(4)}
    assert all(when is None for _ref, when in order[3:])
    assert "✓ Fri 10:00" in book and "✓ Fri 10:20" in book  # the index
    assert "INTERVIEW" in book and "Fri 21 Aug · 10:20–10:40 · Room 1" in book  # summaries
    assert "3 with an interview booked: they come first" in readme


def test_a_clashing_booking_does_not_come_first(fair: Fair, tmp_path: Path) -> None:
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    lose_to_another_booth(fair, str(held["id"]), fair.people[2])
    order, _book, _readme = _bundle(fair, tmp_path, fair.acme)
    assert [ref for ref, _ in order[:3]] == [fair.ref(0), fair.ref(3), fair.ref(2)]
    assert dict(order)[fair.ref(1)] is None


def test_a_bundle_without_bookings_keeps_name_order(fair: Fair, tmp_path: Path) -> None:
    interviews.unbook(fair.session, fair.blue, fair.people[0])
    order, _book, readme = _bundle(fair, tmp_path, fair.blue)
    assert order == [(fair.ref(0), None)]
    assert "interview booked" not in readme
