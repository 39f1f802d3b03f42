"""The signed badge token: round trip, size, and each refusal with its code."""

from __future__ import annotations

import base64

import pytest
import qrcode
from hypothesis import given
from hypothesis import strategies as st
from qrcode.constants import ERROR_CORRECT_M

from fairdesk.badges import keys, qr, token
from fairdesk.domain.errors import FairDeskError
from fairdesk.domain.ids import new_id

LONG_NAME = "Marie-Thérèse Élisabeth Jn Baptiste-St. Hilaire de la Fontaine Émile"


@pytest.fixture(scope="module")
def pair() -> tuple[bytes, bytes]:
    return keys.new_key_pair()


@pytest.fixture(scope="module")
def event_id() -> str:
    return new_id()


def _issue(pair: tuple[bytes, bytes], event_id: str, name: str = "Désirée O'Neil") -> str:
    return token.sign(pair[0], event_id, new_id(), name)


def _code(pair: tuple[bytes, bytes], event_id: str, text: str) -> str:
    with pytest.raises(FairDeskError) as caught:
        token.verify(text, pair[1], event_id)
    return caught.value.code


def test_round_trip(pair: tuple[bytes, bytes], event_id: str) -> None:
    candidate = new_id()
    text = token.sign(pair[0], event_id, candidate, "Désirée O'Neil")
    found = token.verify(text, pair[1], event_id)
    assert found.candidate_id == candidate
    assert found.display_name == "Désirée O'Neil"
    assert found.version == 1
    assert text.startswith("FD1:")


def test_scanner_case_and_whitespace_do_not_matter(pair: tuple[bytes, bytes],
                                                   event_id: str) -> None:
    text = _issue(pair, event_id)
    assert token.verify(f"  {text.lower()}\n", pair[1], event_id).display_name == \
        "Désirée O'Neil"


def test_long_accented_name_is_shortened_and_fits_version_7_m(
        pair: tuple[bytes, bytes], event_id: str) -> None:
    text = token.sign(pair[0], event_id, new_id(), LONG_NAME)
    found = token.verify(text, pair[1], event_id)
    assert found.display_name == "Marie-Thérèse É."
    assert len(found.display_name.encode()) <= token.MAX_NAME_BYTES
    assert qr.qr_version(text) <= 7
    # checked independently of our encoder too (the library's own fit and mask choice)
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    assert code.version <= 7


@given(st.text(min_size=1, max_size=80))
def test_any_name_fits(name: str) -> None:
    short = token.short_name(name)
    assert len(short.encode("utf-8")) <= token.MAX_NAME_BYTES
    assert len(token.PREFIX) + -(-(token._FIXED + token.MAX_NAME_BYTES) * 8 // 5) <= 178


@pytest.mark.parametrize("text", ["hello", "C-0147", "https://example.org/FD1:AAAA", ""])
def test_not_a_badge(pair: tuple[bytes, bytes], event_id: str, text: str) -> None:
    assert _code(pair, event_id, text) == "not_a_badge"


@pytest.mark.parametrize("text", ["FD1:!!!!!!!!", "FD1:ABCDEFG1", "FD2:ABCDEFGH"])
def test_malformed(pair: tuple[bytes, bytes], event_id: str, text: str) -> None:
    assert _code(pair, event_id, text) == "malformed_badge"


@pytest.mark.parametrize("keep", [4, 30, 100, -1, -8])
def test_truncated(pair: tuple[bytes, bytes], event_id: str, keep: int) -> None:
    text = _issue(pair, event_id)
    assert _code(pair, event_id, text[:keep]) == "truncated_badge"


def test_altered_signature_is_forged(pair: tuple[bytes, bytes], event_id: str) -> None:
    text = _issue(pair, event_id)
    last = "A" if text[-3] != "A" else "B"
    assert _code(pair, event_id, text[:-3] + last + text[-2:]) == "forged_badge"


def test_altered_name_is_forged(pair: tuple[bytes, bytes], event_id: str) -> None:
    text = _issue(pair, event_id, "Léon St. Rose")
    raw = bytearray(base64.b32decode(text[4:] + "=" * (-len(text[4:]) % 8)))
    start = token.TAG_BYTES + token.ID_BYTES + 1
    raw[start:start + 4] = b"Noel"
    forged = "FD1:" + base64.b32encode(bytes(raw)).decode().rstrip("=")
    assert _code(pair, event_id, forged) == "forged_badge"


def test_other_key_same_event_is_forged(pair: tuple[bytes, bytes], event_id: str) -> None:
    other_private, _ = keys.new_key_pair()
    text = token.sign(other_private, event_id, new_id(), "Zoë")
    assert _code(pair, event_id, text) == "forged_badge"


def test_other_event_is_foreign(pair: tuple[bytes, bytes], event_id: str) -> None:
    other_private, _ = keys.new_key_pair()
    text = token.sign(other_private, new_id(), new_id(), "Zoë")
    assert _code(pair, event_id, text) == "foreign_badge"


def test_codes_are_distinct() -> None:
    from fairdesk.domain import errors

    classes = [errors.NotABadge, errors.MalformedBadge, errors.TruncatedBadge,
               errors.ForgedBadge, errors.ForeignBadge]
    assert len({c.code for c in classes}) == len(classes)
