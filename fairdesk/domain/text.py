"""Text rules shared by search, import and display: folding and name casing."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`´"
_NON_WORD = re.compile(r"[^0-9a-z@]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-free words separated by one space.

    ``fold("Désirée O'Neil-St. Rose") == "desiree oneil st rose"``
    """
    if text.isascii():  # most names and every e-mail: nothing to decompose
        lowered = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        lowered = stripped.casefold()
    for mark in _APOSTROPHES:
        lowered = lowered.replace(mark, "")
    return _NON_WORD.sub(" ", lowered).strip()


def squash_spaces(text: str) -> str:
    """Trim and collapse runs of white space (new lines included) to one space."""
    return _SPACES.sub(" ", text).strip()


def digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))
