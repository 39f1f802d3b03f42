"""The desk's search as you type: one letter lists first names alphabetically
from an index (issue 18), longer text is ranked by the full-text index."""

from __future__ import annotations

import pytest

from fairdesk.services import desk
from fairdesk.services.candidates import add_candidate, edit_candidate
from fairdesk.services.erasure import erase
from fairdesk.services.session import EventSession
from fairdesk.storage import desk_rows


@pytest.fixture
def people(session: EventSession) -> dict[str, str]:
    """Names chosen so bm25 would put the two-"c" people first, not the alphabet."""
    names = [("Zoë", "Cenac"), ("Clémence", "Cenac"), ("carl", "Brown"), ("Cyril", "Adams"),
             ("Keisha", "Cole"), ("Chris", "Charles"), ("Élodie", "Alexander"),
             ("Ed", "Cyril")]
    ids = {}
    for n, (first, last) in enumerate(names):
        person = add_candidate(session, first_name=first, last_name=last,
                               email=f"p{n}@example.com")
        ids[first] = person.id
    erase(session, ids["Chris"], "asked to be removed")
    return ids


def firsts(found: list) -> list[str]:
    return [c.first_name for c in found]


def test_one_letter_lists_first_names_alphabetically_accents_and_case_folded(
        session: EventSession, people: dict[str, str]) -> None:
    # Chris is erased: an erased record keeps only its ref, never its name
    assert firsts(desk_rows.search(session.store, "c", limit=3)) == ["carl", "Clémence", "Cyril"]
    assert firsts(desk_rows.search(session.store, "C", limit=3)) == ["carl", "Clémence", "Cyril"]
    assert firsts(desk_rows.search(session.store, "é", limit=2)) == ["Ed", "Élodie"]
    assert firsts(desk_rows.search(session.store, "e", limit=2)) == ["Ed", "Élodie"]


def test_ranked_matches_fill_the_list_when_first_names_run_out(
        session: EventSession, people: dict[str, str]) -> None:
    found = desk_rows.search(session.store, "c", limit=30)
    assert firsts(found)[:3] == ["carl", "Clémence", "Cyril"]
    # then the last names and e-mail words with a "c", each person once
    assert {"Zoë", "Keisha", "Ed"} <= set(firsts(found)[3:])
    assert len({c.id for c in found}) == len(found)
    assert firsts(desk.find(session, "z")) == ["Zoë"]


def test_an_edited_first_name_moves_in_the_list(session: EventSession,
                                                people: dict[str, str]) -> None:
    edit_candidate(session, people["Cyril"], first_name="Aaron")
    assert firsts(desk_rows.search(session.store, "c", limit=2)) == ["carl", "Clémence"]
    assert firsts(desk_rows.search(session.store, "a", limit=1)) == ["Aaron"]


def test_more_than_one_letter_is_ranked_and_digits_are_not_names(
        session: EventSession, people: dict[str, str]) -> None:
    assert set(firsts(desk_rows.search(session.store, "cenac", limit=5))) == {"Clémence", "Zoë"}
    assert desk_rows._first_names(session.store, "5", 5) == []


def test_one_letter_reads_the_name_index_not_every_match(session: EventSession,
                                                         people: dict[str, str]) -> None:
    """At 10,000 candidates ranking "c" took ~9 ms; the index range takes ~0.02 ms."""
    said: list[str] = []
    conn = session.store.db.conn
    conn.set_trace_callback(said.append)
    try:
        desk_rows.search(session.store, "c", limit=3)
    finally:
        conn.set_trace_callback(None)
    assert said and not any("candidates_fts" in sql for sql in said), said
    plan = session.store.rows(f"EXPLAIN QUERY PLAN {said[-1]}".replace("?", "'c'"))
    assert any("candidates_name_order" in str(row["detail"]) for row in plan), plan


def test_a_record_left_with_only_its_ref_is_not_a_first_name(
        session: EventSession, people: dict[str, str]) -> None:
    """After ``purge`` a record's search words are its ref ("c0007" sorts before "carl")."""
    session.store.execute("UPDATE candidates SET first_name = '', last_name = '', "
                          "search_text = 'c0007' WHERE id = ?", (people["Keisha"],))
    assert firsts(desk_rows.search(session.store, "c", limit=3)) == ["carl", "Clémence", "Cyril"]
