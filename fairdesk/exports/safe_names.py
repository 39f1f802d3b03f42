"""File and ZIP member names that are safe on Windows, macOS and Linux.

No path separators or traversal, no characters Windows refuses (``<>:"/\\|?*``),
no control or invisible format characters (a right-to-left override could
disguise an extension), no reserved device names (``CON``, ``NUL``, ``COM1`` …),
no leading dots or trailing dots and spaces, and a length cut in UTF-8 bytes
without splitting a character.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 120
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in range(10)}
    | {f"LPT{i}" for i in range(10)}
    | {f"COM{c}" for c in "¹²³"}
    | {f"LPT{c}" for c in "¹²³"}
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if c.isspace() else c
        for c in text
        if c.isspace() or unicodedata.category(c) not in _DROP_CATEGORIES
    )
    text = _FORBIDDEN.sub("_", text)
    return " ".join(text.split()).lstrip(". ").rstrip(". ")


def _cut(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[:max_bytes].decode("utf-8", errors="ignore")
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    return cut.rstrip(". ")


def safe_stem(text: str, max_bytes: int = MAX_NAME_BYTES, fallback: str = "unnamed") -> str:
    """``text`` as a name without extension that every file system accepts."""
    name = _cut(_clean(text), max_bytes) or fallback
    if name.split(".")[0].rstrip(" ").upper() in RESERVED:
        name = f"_{name}"
    return name


def safe_filename(stem: str, suffix: str = "", max_bytes: int = MAX_NAME_BYTES,
                  fallback: str = "unnamed") -> str:
    """``stem`` + ``suffix`` (e.g. ``.pdf``), cut so the whole name fits ``max_bytes``."""
    ext = safe_suffix(suffix)
    room = max(8, max_bytes - len(ext.encode("utf-8")))
    return safe_stem(stem, room, fallback) + ext


def safe_suffix(suffix: str) -> str:
    """``.PDF`` → ``.pdf``; anything odd (``.p/df``, ``. ``, 12 chars) → ``""``."""
    ext = suffix.strip().lower()
    if re.fullmatch(r"\.[a-z0-9]{1,8}", ext):
        return ext
    return ""


def unique(name: str, taken: set[str]) -> str:
    """``name`` or ``name (2)``, ``name (3)`` … not in ``taken`` (case-insensitive); adds it."""
    stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{ext}"
    taken.add(candidate.casefold())
    return candidate


def resume_member_name(number: int, sort_name: str, suffix: str = ".pdf") -> str:
    """``012 - Joseph, Kerlisha.pdf``: the number is the candidate's place in the book."""
    return safe_filename(f"{number:03d} - {sort_name}", suffix)
