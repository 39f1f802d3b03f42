"""The fast path for Saint Lucian phone shapes gives what phonenumbers gives."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fairdesk.imports import cleaning
from fairdesk.imports.cleaning import nanp_lc, parse_phone

SEPARATORS = ("", "", "", " ", "-", ".", "(", ")", " (", ") ", "--", "  ")


def _slow(text: str) -> str | None:
    return parse_phone(text, "LC")


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    """Digits of a NANP-ish length, split by the separators people type."""
    size = draw(st.sampled_from((6, 7, 8, 9, 10, 11, 12)))
    digits = draw(st.text("0123456789", min_size=size, max_size=size))
    parts = [draw(st.sampled_from(SEPARATORS)) + d for d in digits]
    prefix = draw(st.sampled_from(("", "", "+", "+ ", "(", "+1 ", "1-")))
    return cleaning.text(prefix + "".join(parts) + draw(st.sampled_from(("", "", ")", " "))))


@settings(max_examples=3000, deadline=None)
@given(written_numbers())
def test_fast_path_agrees_with_phonenumbers(text: str) -> None:
    fast = nanp_lc(text)
    if fast is not None:
        assert fast == _slow(text), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 +-.()x#,;/abc", max_size=24).map(cleaning.text))
def test_any_text_fast_path_agrees_or_steps_aside(text: str) -> None:
    fast = nanp_lc(text) if text else None
    if fast is not None:
        assert fast == _slow(text), text


def test_every_leading_three_digits_of_each_shape() -> None:
    """The shapes depend only on the first digits (patterns look at three at most)."""
    taken = 0
    for head in (f"{n:03d}" for n in range(1000)):
        for shape in (head + "4649", head + "4649644", "1" + head + "4649644",
                      "+1" + head + "4649644", f"({head}) 464-9644", f"+1 ({head}) 464 9644",
                      head[:2] + "-" + head[2] + "4649"):
            fast = nanp_lc(shape)
            if fast is not None:
                taken += 1
                assert fast == _slow(shape), shape
    assert taken > 4000  # the fast path does take the common shapes


def test_common_shapes_take_the_fast_path() -> None:
    for text, e164 in (("464-9644", "+17584649644"), ("758-464-9644", "+17584649644"),
                       ("+1 (758) 464 9644", "+17584649644"), ("17584649644", "+17584649644"),
                       ("(758) 464.9644", "+17584649644"), ("212 555 0101", "+12125550101")):
        assert nanp_lc(text) == e164 == _slow(text)
    for other in ("+44 20 7946 0958", "758 464 9644 x12", "911", "0758 464 9644", "1-800-FLOWERS",
                  "+758 464 9644"):
        assert nanp_lc(other) is None


def test_phone_cleaner_is_unchanged_for_mixed_inputs() -> None:
    inputs = ["464-9644", "+44 20 7946 0958", "n/a", "758 464 9644 ext. 3", "5550101",
              "+1 758 4649644", "(758)4649644", "0 758 464 9644", "1 800 555 0199"]
    for text, region in itertools.product(inputs, ("LC", "US")):
        digits = sum(c.isdigit() for c in text)
        expected = parse_phone(cleaning.text(text), region) if digits >= 7 else None
        assert cleaning.phone(text, region) == expected, (text, region)
