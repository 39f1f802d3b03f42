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


def _fold_by_decomposition(text: str) -> str:
    """The general path of :func:`fold`, which ASCII text skips."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    lowered = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for mark in "'’‘`´":
        lowered = lowered.replace(mark, "")
    return re.sub(r"[^0-9a-z@]+", " ", lowered).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_ascii_is_what_decomposition_gives(text: str) -> None:
    assert fold(text) == _fold_by_decomposition(text)
