"""Rows to records: skips with reasons, warnings, and people joined across rows."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.imports.mapping import guess
from fairdesk.imports.readers import RawRow, Table, parse_csv_bytes, read_table
from fairdesk.imports.roster import group_people, parse_roster


def _roster(csv_text: str):  # type: ignore[no-untyped-def]
    table = parse_csv_bytes(csv_text.encode())
    return parse_roster(table, guess(table.headers))


def test_sample_rows_are_all_accounted_for(samples: Path) -> None:
    table = read_table(samples / "roster-form-export.csv")
    roster = parse_roster(table, guess(table.headers))
    assert roster.rows == 43
    assert len(roster.records) + len(roster.skipped) == 43
    reasons = {i.row: i.reason for i in roster.skipped}
    assert reasons[43] == "empty row"
    assert "no name and no email" in reasons[44]
    warned = {(w.row, w.field) for w in roster.warnings}
    assert (11, "full_name") in warned and (15, "email") in warned
    people = group_people(roster.records)
    assert len(people) == 40


def test_later_submission_wins_field_by_field() -> None:
    roster = _roster(
        "Timestamp,Email,Full Name,District,Phone\n"
        "08/15/2026 10:00:00,ANA@X.LC,Ana Joseph,Castries,\n"
        "08/01/2026 09:00:00,ana@x.lc,Ana Joseph,Micoud,758 555 0101\n"
    )
    (person,) = group_people(roster.records)
    assert person.rows == [3, 2]  # ordered by submission, not by row
    assert person.fields["district"] == "Castries"  # the later one
    assert person.fields["phone"] == "+17585550101"  # kept: the later row left it blank


def test_same_phone_different_emails_are_two_people() -> None:
    roster = _roster("Name,Email,Phone\nA B,a@x.lc,7585550101\nC D,c@x.lc,7585550101\n"
                     "E F,,7585550101\n")
    people = group_people(roster.records)
    assert [p.rows for p in people] == [[2, 4], [3]]


def test_no_contact_rows_join_by_name() -> None:
    roster = _roster("Name,Email\nKimron Elibox,not-an-email\nKimron Elibox,\n")
    assert [p.rows for p in group_people(roster.records)] == [[2, 3]]


def test_name_missing_but_email_given_is_skipped_with_the_email() -> None:
    roster = _roster("Name,Email\n,a@x.lc\n")
    assert roster.skipped[0].reason.startswith("no name (email a@x.lc)")


def test_bad_phone_is_kept_with_a_warning() -> None:
    roster = _roster("Name,Phone\nA B,call me\n")
    assert roster.records[0].fields["phone"] == "call me"
    assert roster.warnings[0].field == "phone"


def test_consent_answers() -> None:
    roster = _roster("Name,Do you consent?\nA B,Yes\nC D,No\nE F,\nG H,perhaps\n")
    assert [r.consent for r in roster.records] == [True, False, None, False]
    assert roster.warnings[0].row == 5


cell = st.text(max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(cell, cell, cell, cell), max_size=25))
def test_every_row_is_a_record_or_a_skip(rows: list[tuple[str, str, str, str]]) -> None:
    headers = ("Full Name", "Email", "Phone", "Consent")
    table = Table(headers, tuple(RawRow(i + 2, r) for i, r in enumerate(rows)))
    roster = parse_roster(table, guess(headers))
    assert len(roster.records) + len(roster.skipped) == len(rows)
    people = group_people(roster.records)
    assert sorted(r for p in people for r in p.rows) == sorted(r.row for r in roster.records)
