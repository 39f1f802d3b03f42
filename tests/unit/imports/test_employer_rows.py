"""Employer rows: names required, contact cells taken apart, tags split."""

from __future__ import annotations

from fairdesk.imports.employer_rows import parse_employers, split_contact
from fairdesk.imports.mapping import guess
from fairdesk.imports.readers import parse_csv_bytes


def test_rows_and_contacts() -> None:
    table = parse_csv_bytes(
        b"Company,Booth,Sector,Contact,Tags\n"
        b"Island BPO,4,BPO,Ana Joseph <ANA@BPO.LC> 758 555 0101,\"bilingual; nights\"\n"
        b",5,Tech,,\n"
        b"\"=cmd()\",6,,,\n")
    parsed = parse_employers(table, guess(table.headers, "employers"))
    first = parsed.records[0].fields
    assert first["contact_name"] == "Ana Joseph"
    assert first["contact_email"] == "ana@bpo.lc"
    assert first["contact_phone"] == "+17585550101"
    assert first["tags"] == ["bilingual", "nights"]
    assert parsed.skipped[0].row == 3 and parsed.skipped[0].field == "name"
    assert parsed.warnings[0].row == 4


def test_split_contact_name_only() -> None:
    assert split_contact("Marc St. Rose") == {"contact_name": "Marc St. Rose"}
