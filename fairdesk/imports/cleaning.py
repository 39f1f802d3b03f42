"""Cleaning the cells of an import: names, emails, phones, yes/no answers, lists.

Each cleaner takes the text of one cell and never raises on odd input; the ones
that can refuse a value return ``None`` (the caller words the warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

DEFAULT_REGION = "LC"  # Saint Lucia: +1 758
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE_CHARS = re.compile(r"^[+\-\d\s().]+$")
_LIST_SPLIT = re.compile(r"\s*[,;\n]\s*")

# How particles of a name are written once an ALL-CAPS name is re-cased.
PARTICLES: dict[str, str] = {
    "st": "St", "st.": "St.", "ste": "Ste", "ste.": "Ste.", "jn": "Jn", "jn.": "Jn.",
    "du": "Du", "de": "De", "des": "Des", "la": "La", "le": "Le", "da": "Da",
    "van": "Van", "von": "Von", "mc": "Mc", "mac": "Mac",
}
# A surname starts at one of these when it is the second-last word: "Jn Baptiste".
SURNAME_PARTICLES = frozenset(
    {"st", "st.", "ste", "ste.", "jn", "jn.", "du", "de", "des", "la", "le", "da", "van",
     "von", "del", "della", "di", "dos", "san", "santa", "mc", "mac"}
)
_YES = frozenset({"yes", "y", "true", "1", "oui", "si", "sí", "agree", "i agree", "x", "✓",
                  "consent", "i consent", "accept", "accepted"})
_NO = frozenset({"no", "n", "false", "0", "non", "disagree", "i do not agree", "decline"})
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%Y/%m/%d %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y",
)


def text(value: str) -> str:
    """Trimmed, runs of spaces and line breaks collapsed to one space.

    :func:`~fairdesk.domain.text.squash_spaces` without the regex: ``str.split``
    and ``\\s`` know the same white space, and this runs for every cell.
    """
    return " ".join(value.split())


def looks_like_formula(value: str) -> bool:
    """A cell a spreadsheet would run: ``=…``, ``@…``, or ``+``/``-`` followed by words.

    ``+1 (758) 555 0101`` and ``-3`` are numbers, not formulas.
    """
    stripped = value.strip()
    if not stripped:
        return False
    if stripped[0] in "=@":
        return True
    return stripped[0] in "+-" and not _PHONE_CHARS.match(stripped)


# ------------------------------------------------------------------ names
@lru_cache(maxsize=8192)  # first names and surnames repeat all through a roster
def proper_case(name: str) -> str:
    """``GAËL LAFEUILLE`` → ``Gaël Lafeuille``; mixed-case names are left as typed."""
    name = text(name)
    letters = [c for c in name if c.isalpha()]
    if not letters or looks_like_formula(name):
        return name
    if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return name
    return " ".join(_case_word(word) for word in name.split(" "))


def _case_word(word: str) -> str:
    return "-".join(_case_part(part) for part in word.split("-"))


def _case_part(part: str) -> str:
    lower = part.lower()
    if lower in PARTICLES:
        return PARTICLES[lower]
    for mark in "'’":
        if mark in lower:
            head, _, tail = lower.partition(mark)
            return _case_part(head) + mark + _case_part(tail)
    if lower.startswith("mc") and len(lower) > 2:
        return "Mc" + lower[2:].capitalize()
    return lower[:1].upper() + lower[1:]


def split_name(full: str) -> tuple[str, str]:
    """First and last name; a compound surname stays whole (``Marie | Jn Baptiste``)."""
    words = text(full).split(" ")
    words = [w for w in words if w]
    if not words:
        return "", ""
    if len(words) == 1 or looks_like_formula(full):
        return text(full), ""
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in SURNAME_PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


# ------------------------------------------------------------------ contacts
def email(value: str) -> str | None:
    """Lower-cased address, ``""`` when blank, ``None`` when it is not an address."""
    cleaned = text(value).strip("<>").lower().removeprefix("mailto:")
    if not cleaned:
        return ""
    return cleaned if _EMAIL.match(cleaned) else None


def email_in(name: str) -> str | None:
    """The first email address written inside a text (a file name, a contact cell)."""
    found = _EMAIL_IN_TEXT.search(name)
    if found is None:
        return None
    return email(found.group(0)) or None


def phone(value: str, region: str = DEFAULT_REGION) -> str | None:
    """E.164 (``+17584649644``), ``""`` when blank, ``None`` when not a phone number."""
    cleaned = text(value)
    if not cleaned:
        return ""
    return _phone(cleaned, region)


@lru_cache(maxsize=65536)
def _phone(cleaned: str, region: str) -> str | None:
    if len(cleaned) > 40:
        return None
    fast = nanp_lc(cleaned) if region == "LC" else None  # only ever says yes to 7+ digits
    if fast is not None:
        return fast
    if sum(c.isdigit() for c in cleaned) < 7:
        return None
    return parse_phone(cleaned, region)


def parse_phone(cleaned: str, region: str) -> str | None:
    """What phonenumbers makes of ``cleaned``: E.164 when it is a possible number."""
    import phonenumbers  # ~20 ms to load; most rosters' phones never get here

    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_NANP_SHAPE = re.compile(r"\+?[0-9 ().-]+")
_NANP_MARKS = str.maketrans("", "", "+ ().-")


def nanp_lc(cleaned: str) -> str | None:
    """E.164 for the usual ways a Saint Lucian writes a number, else ``None``.

    phonenumbers costs ~70 µs a number; a 10,000-row roster of distinct phones
    spends most of its cleaning time there. Three shapes, with digits and
    ``( ) . -`` and spaces only, are what phonenumbers (region LC) gives:

    - 7 digits starting 2–8 (a local number): ``+1 758`` and the digits;
    - 10 digits starting 2–9 (area code and number): ``+1`` and the digits;
    - ``1`` and 10 digits starting 2–9, with or without ``+``: ``+`` and the digits.

    Anything else (letters, extensions, other lengths, a ``+`` before other
    country codes) returns ``None`` and goes to phonenumbers. Tests compare
    this with phonenumbers on generated numbers of every shape.
    """
    if not _NANP_SHAPE.fullmatch(cleaned):
        return None
    plus = cleaned[0] == "+"
    number = cleaned.translate(_NANP_MARKS)
    size = len(number)
    if size == 11 and number[0] == "1" and number[1] in "23456789":
        return "+" + number
    if plus:
        return None
    if size == 10 and number[0] in "23456789":
        return "+1" + number
    if size == 7 and number[0] in "2345678":
        return "+1758" + number
    return None


# ------------------------------------------------------------------ other answers
def consent(value: str) -> bool | None:
    """``True``/``False`` from a yes/no answer, ``None`` when it is neither."""
    answer = text(value).lower().rstrip(".!")
    if answer in _YES or answer.startswith(("yes", "i consent", "i agree")):
        return True
    if answer in _NO or answer.startswith(("no", "i do not", "i don't")):
        return False
    return None


def items(value: str) -> list[str]:
    """``"English, Kwéyòl"`` or lines of a multi-line answer → a list, no repeats."""
    return list(_items(value))


@lru_cache(maxsize=4096)  # a form's answers come from a few choices
def _items(value: str) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for part in _LIST_SPLIT.split(value.strip()):
        item = text(part)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


class TimeColumn:
    """A column of submission times: its format is found once per file, and each
    distinct value is read once (:meth:`iso`)."""

    def __init__(self, values: Iterable[str]) -> None:
        filled = [text(v) for v in values if v.strip()]
        self.format: str | None = None
        self._iso: dict[str, str] = {}
        for fmt in _TIME_FORMATS:
            read = _read_all(filled, fmt)
            if read is not None:
                self.format, self._iso = fmt, read
                return

    def iso(self, value: str) -> str:
        """ISO 8601 when the column's format reads it, else the text as given."""
        cleaned = text(value)
        return self._iso.get(cleaned, cleaned)


def _read_all(values: list[str], fmt: str) -> dict[str, str] | None:
    """Every value read with ``fmt`` (ISO 8601), or ``None`` if one does not fit."""
    if not values:
        return None
    out: dict[str, str] = {}
    for value in values:
        if value not in out:
            try:
                out[value] = datetime.strptime(value, fmt).isoformat()
            except ValueError:
                return None
    return out


def time_format(values: list[str]) -> str | None:
    """The first format that reads every non-blank value of a column."""
    return TimeColumn(values).format


def timestamp(value: str, fmt: str | None) -> str:
    """ISO 8601 when ``fmt`` reads it (so submissions sort), else the text as given."""
    cleaned = text(value)
    if fmt and cleaned:
        try:
            return datetime.strptime(cleaned, fmt).isoformat()
        except ValueError:
            return cleaned
    return cleaned
