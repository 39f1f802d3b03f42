"""``export_interviews``: schedules (XLSX and PDF a page per day and room),
calendars and letters, read back with openpyxl, pikepdf and icalendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from fairdesk.domain.errors import (
    InvalidField,
    NotAllowedForRole,
    NothingToExport,
    UnknownEmployer,
)
from fairdesk.services import interviews
from fairdesk.services.employers import add_employer
from fairdesk.services.interview_exports import export_interviews, schedule, slip_pdf
from fairdesk.services.session import EventSession
from tests.interview_fair import DAY1, Fair, lose_to_another_booth, make_fair


@pytest.fixture
def fair(session: EventSession, make_people: Callable[..., list[str]]) -> Fair:
    return make_fair(session, make_people)


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_every_file_is_written_and_nothing_half_written(fair: Fair, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = export_interviews(fair.session, out)
    assert (done["employers"], done["booked"], done["clashes"]) == (2, 4, 0)
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert names == set(done["files"])
    assert {"Acme BPO interviews.xlsx", "Acme BPO interviews.pdf", "Acme BPO interviews.ics",
            "Bluewave interviews.ics"} <= names
    assert sum(n.endswith(" letter.pdf") for n in names) == 3  # three booked candidates
    assert not [n for n in names if "partial" in n or n.startswith(".")]


def test_the_xlsx_has_a_sheet_per_day_and_room_and_a_row_per_slot(
        fair: Fair, tmp_path: Path) -> None:
    export_interviews(fair.session, tmp_path)
    book = load_workbook(tmp_path / "Acme BPO interviews.xlsx", read_only=True)
    assert book.sheetnames == ["Fri 21 Aug Room 1", "Fri 21 Aug Room 2", "Sat 22 Aug Room 1"]
    rows = [list(r) for r in book["Fri 21 Aug Room 1"].iter_rows(values_only=True)]
    assert rows[0][:6] == ["Day", "Start", "End", "Room", "Ref", "Candidate"]
    assert [(r[1], r[4], r[8]) for r in rows[1:]] == [
        ("10:00", fair.ref(0), "booked"), ("10:20", fair.ref(1), "booked"),
        ("10:40", None, "free")]
    assert rows[1][5] == "Kerlisha Joseph" and rows[1][7] == "p0@example.org"
    room2 = [list(r) for r in book["Fri 21 Aug Room 2"].iter_rows(values_only=True)]
    assert room2[1][4] == fair.ref(3)
    assert room2[1][6] is None and room2[1][7] is None, "no consent: no contact details"
    assert len(list(book["Sat 22 Aug Room 1"].iter_rows())) == 3  # header + two free slots
    book.close()


def test_the_pdf_has_a_page_per_day_and_room(fair: Fair, tmp_path: Path) -> None:
    export_interviews(fair.session, tmp_path)
    assert _pages(tmp_path / "Acme BPO interviews.pdf") == 3
    assert _pages(tmp_path / "Bluewave interviews.pdf") == 1
    letters = sorted((tmp_path / "candidates").glob("* letter.pdf"))
    assert [_pages(p) for p in letters] == [1, 1, 1]


def test_calendars_hold_the_booked_interviews(fair: Fair, tmp_path: Path) -> None:
    export_interviews(fair.session, tmp_path)
    acme = Calendar.from_ical((tmp_path / "Acme BPO interviews.ics").read_bytes())
    assert len(acme.walk("VEVENT")) == 3
    mine = next((tmp_path / "candidates").glob(f"{fair.ref(0)} *.ics"))
    both = Calendar.from_ical(mine.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in both] == ["Interview: Acme BPO", "Interview: Bluewave"]
    assert [e.decoded("DTSTART").strftime("%H:%M") for e in both] == ["10:00", "11:00"]
    assert {e["DTSTART"].params["TZID"] for e in both} == {"America/St_Lucia"}


def test_a_clash_is_marked_in_the_schedule_and_left_out_of_calendars(
        fair: Fair, tmp_path: Path) -> None:
    held = next(s for s in interviews.slot_rows(fair.session, fair.acme)
                if s["ref"] == fair.ref(1))
    lose_to_another_booth(fair, str(held["id"]), fair.people[2])
    done = export_interviews(fair.session, tmp_path)
    assert (done["booked"], done["clashes"]) == (4, 1)
    sheet = load_workbook(tmp_path / "Acme BPO interviews.xlsx")["Fri 21 Aug Room 1"]
    statuses = [(r[4], r[8]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert (fair.ref(2), "booked") in statuses and (fair.ref(1), "clash: rebook") in statuses
    loser = list((tmp_path / "candidates").glob(f"{fair.ref(1)} *"))
    assert loser == [], "no letter or calendar until the clash is rebooked"


def test_rooms_sort_by_number(session: EventSession, tmp_path: Path) -> None:
    from fairdesk.domain.interviews import SlotPattern

    acme = add_employer(session, "Acme BPO").id
    interviews.add_slots(session, acme, DAY1, SlotPattern("10:00", "10:20", 20, 0, 11))
    assert [i.room for i in schedule(session)][:3] == ["Room 1", "Room 2", "Room 3"]


def test_one_employer_only(fair: Fair, tmp_path: Path) -> None:
    done = export_interviews(fair.session, tmp_path, "Bluewave")
    assert done["employers"] == 1
    assert [f for f in done["files"] if not f.startswith("candidates/")] == [
        "Bluewave interviews.xlsx", "Bluewave interviews.pdf", "Bluewave interviews.ics"]
    with pytest.raises(UnknownEmployer, match="'nope'"):
        export_interviews(fair.session, tmp_path / "x", "nope")
    assert not (tmp_path / "x").exists()


def test_refusals_write_nothing(fair: Fair, session: EventSession, tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("mine")
    with pytest.raises(InvalidField, match="is a file"):
        export_interviews(fair.session, taken)
    assert taken.read_text() == "mine"
    session.role = "booth"
    with pytest.raises(NotAllowedForRole):
        export_interviews(session, tmp_path / "booth")


def test_nothing_to_export_without_slots(session: EventSession, tmp_path: Path) -> None:
    with pytest.raises(NothingToExport, match="slots add"):
        export_interviews(session, tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_slips_one_label_per_interview_and_only_that_day(fair: Fair) -> None:
    import io

    data = slip_pdf(fair.session, fair.ref(0), "brother-62")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2  # a roll label per interview
    with pytest.raises(NothingToExport, match="no interview"):
        slip_pdf(fair.session, fair.ref(4), "brother-62")
    with pytest.raises(NothingToExport):
        slip_pdf(fair.session, fair.ref(0), "brother-62", date(2026, 8, 22))
