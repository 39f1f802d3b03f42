"""Cleaning names, emails, phones, answers; fuzzing that no cleaner ever raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.imports import cleaning


@pytest.mark.parametrize(("raw", "clean"), [
    ("  GAËL LAFEUILLE  ", "Gaël Lafeuille"),
    ("MARIE JN BAPTISTE", "Marie Jn Baptiste"),
    ("LÉON ST. ROSE", "Léon St. Rose"),
    ("ANNE DU BOULAY", "Anne Du Boulay"),
    ("DÉSIRÉE O'NEIL", "Désirée O'Neil"),
    ("JN-MARIE FONTENELLE", "Jn-Marie Fontenelle"),
    ("kervin mcdonald", "Kervin McDonald"),
    ("Kervin deSouza", "Kervin deSouza"),  # mixed case is left as typed
    ("=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"),
])
def test_proper_case(raw: str, clean: str) -> None:
    assert cleaning.proper_case(raw) == clean


@pytest.mark.parametrize(("full", "first", "last"), [
    ("Marie Jn Baptiste", "Marie", "Jn Baptiste"),
    ("Léon St. Rose", "Léon", "St. Rose"),
    ("Jn-Marie Fontenelle", "Jn-Marie", "Fontenelle"),
    ("Jn Marie Fontenelle", "Jn Marie", "Fontenelle"),
    ("Anne Marie Du Boulay", "Anne Marie", "Du Boulay"),
    ("Cher", "Cher", ""),
    ("   ", "", ""),
])
def test_split_name(full: str, first: str, last: str) -> None:
    assert cleaning.split_name(full) == (first, last)


@pytest.mark.parametrize(("raw", "clean"), [
    (" SHANIQUE.JOSEPH427@GMAIL.COM ", "shanique.joseph427@gmail.com"),
    ("<a@b.lc>", "a@b.lc"), ("", ""), ("not-an-email", None), ("a@b", None),
    ("a b@c.lc", None),
])
def test_email(raw: str, clean: str | None) -> None:
    assert cleaning.email(raw) == clean


@pytest.mark.parametrize(("raw", "e164"), [
    ("580-2931", "+17585802931"),
    ("+1 (758) 464 9644", "+17584649644"),
    ("758-545-5856", "+17585455856"),
    ("17587167443", "+17587167443"),
    ("758 5994853", "+17585994853"),
    ("462-6111", "+17584626111"),
    ("+44 20 7946 0958", "+442079460958"),
    ("", ""), ("12", None), ("call me", None),
])
def test_phone_to_e164_with_saint_lucia_default(raw: str, e164: str | None) -> None:
    assert cleaning.phone(raw) == e164


@pytest.mark.parametrize(("raw", "answer"), [
    ("Yes", True), ("yes, I agree", True), ("Y", True), ("No", False), ("no.", False),
    ("maybe", None),
])
def test_consent(raw: str, answer: bool | None) -> None:
    assert cleaning.consent(raw) == answer


@pytest.mark.parametrize(("raw", "formula"), [
    ("=1+1", True), ("@SUM(A1)", True), ("+cmd|' /C calc'!A0", True), ("-2+3*cmd", True),
    ("+1 (758) 464 9644", False), ("-3", False), ("Kervin", False), ("", False),
])
def test_looks_like_formula(raw: str, formula: bool) -> None:
    assert cleaning.looks_like_formula(raw) is formula


def test_items_split_commas_and_lines_without_repeats() -> None:
    assert cleaning.items("Customer Service Agent\nTeam Leader, team leader") == [
        "Customer Service Agent", "Team Leader"]


def test_time_format_is_chosen_per_column() -> None:
    fmt = cleaning.time_format(["08/01/2026 09:00:00", "08/15/2026 10:00:00"])
    assert fmt == "%m/%d/%Y %H:%M:%S"
    assert cleaning.timestamp("08/15/2026 10:00:00", fmt) == "2026-08-15T10:00:00"
    assert cleaning.time_format(["soon"]) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_cleaners_never_raise(value: str) -> None:
    assert isinstance(cleaning.proper_case(value), str)
    first, last = cleaning.split_name(value)
    assert isinstance(first, str) and isinstance(last, str)
    assert cleaning.email(value) in (None, "") or "@" in (cleaning.email(value) or "")
    phone = cleaning.phone(value)
    assert phone in (None, "") or (phone or "").startswith("+")
    assert cleaning.consent(value) in (True, False, None)
    assert isinstance(cleaning.items(value), list)
    cleaning.looks_like_formula(value)


@settings(max_examples=500)
@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000ab-"), max_size=20)
       | st.text(max_size=20))
def test_text_squashes_like_the_domain_rule(value: str) -> None:
    from fairdesk.domain.text import squash_spaces

    assert cleaning.text(value) == squash_spaces(value)
