"""Which column of a spreadsheet holds which field: guessed, changed, remembered.

A mapping is a tuple with one target per column (``""``: not imported). The
guess reads common web-form headers ("Full Name", "Email Address", "Phone
Number", "I consent to ..."). A :func:`signature` of the header row lets the
caller remember a mapping for the next file of the same shape.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from fairdesk.domain.text import fold

Mapping = tuple[str, ...]
IGNORE = ""

CANDIDATE_TARGETS: dict[str, str] = {
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "district": "District / address",
    "education": "Education",
    "languages": "Languages",
    "roles": "Preferred roles",
    "experience": "Experience",
    "consent": "Consent to share CV",
    "cv_filename": "CV file name",
    "submitted_at": "Submitted at",
}

EMPLOYER_TARGETS: dict[str, str] = {
    "name": "Employer name",
    "booth": "Booth",
    "sector": "Sector",
    "contact": "Contact (name, email or phone)",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact phone",
    "tags": "Tags",
}

# Tried in order; the first rule whose pattern matches the folded header wins.
_CANDIDATE_RULES: tuple[tuple[str, str], ...] = (
    ("consent", r"\b(consent|agree|permission|authori[sz]e|share my)\b"),
    ("cv_filename", r"\b(cv|resume|curriculum)\b.*\b(file|name|upload|attach)"),
    ("cv_filename", r"\b(file|upload|attach\w*)\b.*\b(cv|resume)\b"),
    ("submitted_at", r"^(timestamp|submitted( at| on)?|submission (date|time)|date)$"),
    ("email", r"\be ?mail\b"),
    ("first_name", r"\b(first|given|fore) ?name\b"),
    ("last_name", r"\b(last|family|sur) ?name\b|^surname$"),
    ("full_name", r"^(full )?name$|\bfull name\b|\bname of (applicant|candidate)\b|"
                  r"^(applicant|candidate|your) name$"),
    ("phone", r"\b(phone|mobile|cell|whatsapp|telephone|tel|contact number)\b"),
    ("district", r"\b(district|address|community|town|village|parish|area|location)\b"),
    ("education", r"\b(education|qualification|degree|school)\b"),
    ("languages", r"\blanguages?\b"),
    ("roles", r"\b(role|roles|position|positions|job|interest|interests)\b"),
    ("experience", r"\b(experience|years)\b"),
)

_EMPLOYER_RULES: tuple[tuple[str, str], ...] = (
    ("booth", r"\b(booth|stand|table|stall)\b"),
    ("contact_email", r"\be ?mail\b"),
    ("contact_phone", r"\b(phone|mobile|cell|telephone|tel)\b"),
    ("contact_name", r"\bcontact (name|person)\b|^(recruiter|representative)$"),
    ("contact", r"\bcontact\b"),
    ("sector", r"\b(sector|industry|field|category)\b"),
    ("tags", r"\b(tags?|keywords?|labels?|hiring|roles?)\b"),
    ("name", r"\b(name|employer|company|organi[sz]ation|business|firm)\b"),
)


def signature(headers: Sequence[str]) -> str:
    """A short stable key for a header row (case, accents and spacing ignored)."""
    text = "\x1f".join(fold(h) for h in headers)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def guess(headers: Sequence[str], kind: str = "candidates") -> Mapping:
    """One target per column; each target is given to at most one column."""
    rules = _CANDIDATE_RULES if kind == "candidates" else _EMPLOYER_RULES
    taken: set[str] = set()
    out: list[str] = []
    for header in headers:
        target = _match(fold(header), rules, taken)
        if target:
            taken.add(target)
        out.append(target)
    if "full_name" in taken and {"first_name", "last_name"} & taken:
        out = [IGNORE if t == "full_name" else t for t in out]
    return tuple(out)


def _match(folded: str, rules: tuple[tuple[str, str], ...], taken: set[str]) -> str:
    if not folded:
        return IGNORE
    for target, pattern in rules:
        if target not in taken and re.search(pattern, folded):
            return target
    return IGNORE


def fit(mapping: Sequence[str], headers: Sequence[str], kind: str = "candidates") -> Mapping:
    """``mapping`` made valid for ``headers``: right length, known targets, no repeats."""
    known = CANDIDATE_TARGETS if kind == "candidates" else EMPLOYER_TARGETS
    seen: set[str] = set()
    out: list[str] = []
    for index in range(len(headers)):
        target = mapping[index] if index < len(mapping) else IGNORE
        if target not in known or target in seen:
            target = IGNORE
        seen.add(target)
        out.append(target)
    return tuple(out)


def column_of(mapping: Sequence[str], target: str) -> int | None:
    try:
        return list(mapping).index(target)
    except ValueError:
        return None


def pick(mapping: Sequence[str], cells: Sequence[str]) -> dict[str, str]:
    """The cells of one row under their targets."""
    return {t: cells[i] for i, t in enumerate(mapping) if t and i < len(cells)}
