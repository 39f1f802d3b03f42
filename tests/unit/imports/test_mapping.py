"""Guessing which column is which from common form headers; signatures."""

from __future__ import annotations

import pytest

from fairdesk.imports.mapping import fit, guess, pick, signature


def test_sample_form_headers_are_all_recognised() -> None:
    headers = ["Timestamp", "Email Address", "Full Name", "Phone Number", "District",
               "Highest level of education", "Languages spoken", "Preferred role(s)",
               "Years of experience",
               "I consent to my CV being shared with participating employers", "CV file name"]
    assert guess(headers) == ("submitted_at", "email", "full_name", "phone", "district",
                              "education", "languages", "roles", "experience", "consent",
                              "cv_filename")


@pytest.mark.parametrize(("header", "target"), [
    ("E-mail", "email"), ("Mobile", "phone"), ("Cell", "phone"),
    ("WhatsApp number", "phone"), ("Address", "district"), ("First name", "first_name"),
    ("Surname", "last_name"), ("Last Name", "last_name"), ("Name", "full_name"),
    ("Upload your CV (file name)", "cv_filename"), ("Résumé file", "cv_filename"),
    ("Languages", "languages"), ("Roles of interest", "roles"), ("Favourite colour", ""),
])
def test_common_headers(header: str, target: str) -> None:
    assert guess([header]) == (target,)


def test_first_and_last_beat_full_name() -> None:
    assert guess(["Name", "First name", "Last name"]) == ("", "first_name", "last_name")


def test_each_target_goes_to_one_column() -> None:
    assert guess(["Phone", "Mobile"]) == ("phone", "")


def test_employer_headers() -> None:
    assert guess(["Company", "Booth #", "Industry", "Contact", "Tags"], "employers") == (
        "name", "booth", "sector", "contact", "tags")


def test_signature_ignores_case_accents_and_spacing() -> None:
    assert signature(["Full  Name", "Émail"]) == signature(["full name", "email"])
    assert signature(["A", "B"]) != signature(["B", "A"])


def test_fit_repairs_a_remembered_mapping() -> None:
    assert fit(["email", "email", "bogus"], ["a", "b", "c", "d"]) == ("email", "", "", "")


def test_pick_names_cells() -> None:
    assert pick(("email", "", "phone"), ("a@b.lc", "x", "1")) == {"email": "a@b.lc",
                                                                   "phone": "1"}
