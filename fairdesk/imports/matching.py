"""Which candidate a résumé file belongs to.

Tried in order: the roster's "CV file name" column, an email address inside
the file name, then the words of the name (rapidfuzz, accents and case
ignored). A file that fits more than one candidate equally well is
*ambiguous* and goes to the organizer's review list with the choices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from fairdesk.domain.text import fold
from fairdesk.imports.cleaning import email_in

MATCH_SCORE = 90.0  # name words: at least this to take a file without asking
REVIEW_SCORE = 80.0  # ... and at least this to be offered as a choice
MARGIN = 5.0  # the best must beat the next by this much
_NOISE = frozenset({"cv", "resume", "curriculum", "vitae", "vita", "final", "new", "updated",
                    "copy", "my", "of", "the", "doc", "docx", "pdf", "scan", "scanned", "photo",
                    "img", "application", "version", "v", "en", "fr", "lc"})
_DIGITS = re.compile(r"^\d+$")

How = Literal["cv_filename", "email", "name", ""]


@dataclass(frozen=True)
class Person:
    """What matching needs to know of a candidate."""

    id: str
    ref: str
    name: str
    email: str = ""
    cv_filename: str = ""


@dataclass(frozen=True)
class Choice:
    person: Person
    confidence: float

    def as_dict(self) -> dict[str, object]:
        p = self.person
        return {"id": p.id, "ref": p.ref, "name": p.name, "confidence": round(self.confidence)}


@dataclass(frozen=True)
class Match:
    """``chosen`` when sure; else the ``choices`` to review (none: unmatched)."""

    file: str
    how: How
    chosen: Choice | None = None
    choices: tuple[Choice, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        return self.chosen is None and bool(self.choices)


def file_key(name: str) -> str:
    """A file name as compared with the roster column (NFC, case-insensitive).

    Only the last part of a path counts: form exports write what the candidate
    uploaded as ``C:\\Users\\…\\CV.pdf`` or ``uploads/CV.pdf``, and the folder
    holds ``CV.pdf``.
    """
    base = re.split(r"[/\\]", name.strip())[-1]
    return unicodedata.normalize("NFC", base.strip()).casefold()


def name_words(file_name: str) -> str:
    """``CV_Jn-Marie_Fontenelle (2).pdf`` → ``jn marie fontenelle``."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = [w for w in fold(stem).split() if w not in _NOISE and not _DIGITS.match(w)]
    return " ".join(words)


class Matcher:
    """Matches many files against one list of candidates (indexes built once)."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.people = list(people)
        self._by_file: dict[str, list[Person]] = {}
        self._by_email: dict[str, list[Person]] = {}
        for person in self.people:
            if person.cv_filename:
                self._by_file.setdefault(file_key(person.cv_filename), []).append(person)
            if person.email:
                self._by_email.setdefault(person.email.lower(), []).append(person)
        self._names = [fold(p.name) for p in self.people]

    def match(self, relative: str) -> Match:
        file_name = relative.rsplit("/", 1)[-1]
        named = self._by_file.get(file_key(file_name), [])
        if named:
            return self._decide(relative, "cv_filename", named)
        for address in _addresses(file_name):
            if address in self._by_email:
                return self._decide(relative, "email", self._by_email[address])
        return self._by_name(relative, name_words(file_name))

    def _decide(self, relative: str, how: How, found: list[Person]) -> Match:
        """One candidate: taken. Several: the one whose name fits the file best, if clear."""
        if len(found) == 1:
            return Match(relative, how, Choice(found[0], 100.0))
        words = name_words(relative)
        scored = sorted((Choice(p, _score(words, fold(p.name))) for p in found),
                        key=lambda c: -c.confidence)
        if scored[0].confidence >= MATCH_SCORE and (
            scored[0].confidence - scored[1].confidence >= MARGIN
        ):
            return Match(relative, how, scored[0])
        return Match(relative, how, None, tuple(scored))

    def _by_name(self, relative: str, words: str) -> Match:
        if not words or not self.people:
            return Match(relative, "")
        found = process.extract(words, self._names, scorer=fuzz.token_set_ratio, limit=8,
                                score_cutoff=REVIEW_SCORE)
        scored = (Choice(self.people[i], _score(words, name)) for name, _, i in found)
        choices = tuple(sorted((c for c in scored if c.confidence >= REVIEW_SCORE),
                               key=lambda c: -c.confidence))
        if not choices:
            return Match(relative, "")
        best = choices[0]
        runner_up = choices[1].confidence if len(choices) > 1 else 0.0
        if best.confidence >= MATCH_SCORE and best.confidence - runner_up >= MARGIN:
            return Match(relative, "name", best)
        if len(choices) == 1:
            return Match(relative, "name", None, choices)
        close = tuple(c for c in choices if best.confidence - c.confidence < MARGIN)
        return Match(relative, "name", None, close if len(close) > 1 else choices[:2])


def _addresses(file_name: str) -> list[str]:
    """Emails a file name may hold: ``CV-ana@x.lc.pdf`` → ``cv-ana@x.lc``, ``ana@x.lc``."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    found = email_in(stem)
    if not found:
        return []
    local, _, domain = found.partition("@")
    starts = [0] + [m.end() for m in re.finditer(r"[-_ ]", local)]
    return [f"{local[i:]}@{domain}" for i in starts]


def _score(words: str, name: str) -> float:
    """How well the words of a file name fit a folded candidate name (0–100).

    Every word of the name found in the file scores 100; a file that names
    only part of a person (a first name) scores far less.
    """
    if not words or not name:
        return 0.0
    return float(min(fuzz.token_set_ratio(words, name), fuzz.token_sort_ratio(words, name) + 15))
