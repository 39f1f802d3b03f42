from datetime import UTC, date, datetime

import pytest

from fairdesk.domain.errors import InvalidField
from fairdesk.domain.rules import (
    check_rating,
    clean_tags,
    fair_day,
    is_ref,
    normalise_ref,
    roster_ref,
    walk_in_ref,
)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("c147", "C-0147"), ("C 0147", "C-0147"), ("w2-12", "W2-0012"), ("W12-0003", "W12-0003"),
     ("C-12345", "C-12345"), ("kerlisha", "KERLISHA")],
)
def test_refs_are_normalised_as_people_type_them(typed: str, canonical: str) -> None:
    assert normalise_ref(typed) == canonical


def test_ref_formats() -> None:
    assert roster_ref(147) == "C-0147"
    assert walk_in_ref(2, 12) == "W2-0012"
    assert is_ref("c-7")
    assert not is_ref("Joseph")


def test_walk_in_desk_must_be_a_desk_number() -> None:
    with pytest.raises(InvalidField) as error:
        walk_in_ref(0, 1)
    assert error.value.code == "invalid_field"


def test_fair_day_is_the_local_date_at_the_venue() -> None:
    late_evening = datetime(2026, 8, 21, 2, 30, tzinfo=UTC)  # 22:30 on the 20th in St Lucia
    assert fair_day(late_evening, "America/St_Lucia") == date(2026, 8, 20)
    assert fair_day(late_evening, "UTC") == date(2026, 8, 21)


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(InvalidField):
        fair_day(datetime.now(UTC), "Mars/Olympus")


def test_ratings_are_one_to_five() -> None:
    assert check_rating(None) is None
    assert check_rating(5) == 5
    for bad in (0, 6, -1):
        with pytest.raises(InvalidField):
            check_rating(bad)


def test_tags_are_trimmed_and_deduplicated_case_insensitively() -> None:
    assert clean_tags(["  night  shift", "Night Shift", "", "French"]) == ("night shift", "French")
