from hypothesis import given
from hypothesis import strategies as st

from fairdesk.domain.text import digits, fold, squash_spaces


def test_fold_drops_accents_case_and_apostrophes() -> None:
    assert fold("Désirée O'Neil-St. Rose") == "desiree oneil st rose"
    assert fold("Kwéyòl  Gaël") == "kweyol gael"
    assert fold("D’Auvergne") == "dauvergne"


def test_squash_spaces_handles_new_lines() -> None:
    assert squash_spaces("  Customer Service Agent\nTeam Leader ") == (
        "Customer Service Agent Team Leader")


def test_digits() -> None:
    assert digits("+1 (758) 464-9644") == "17584649644"


@given(st.text())
def test_fold_is_idempotent_and_plain(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once
