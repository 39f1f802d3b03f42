"""Matching files to candidates: file-name column, email, then name words."""

from __future__ import annotations

from fairdesk.imports.matching import Matcher, Person, name_words

PEOPLE = [
    Person("1", "C-0001", "Josette Fontenelle", "j1@x.lc", "CV_Josette_Fontenelle.pdf"),
    Person("2", "C-0002", "Josette Fontenelle", "j2@x.lc", "CV_Josette_Fontenelle.pdf"),
    Person("3", "C-0003", "Désirée O'Neil", "desiree@x.lc"),
    Person("4", "C-0004", "Kimron Elibox", "", "CV_Kimron_Elibox.pdf"),
    Person("5", "C-0005", '=HYPERLINK("x")', "k@x.lc", "CV_Kimron_Elibox.pdf"),
    Person("6", "C-0006", "Marie Jn Baptiste", "marie@x.lc"),
    Person("7", "C-0007", "Marie Joseph", "mj@x.lc"),
]


def test_name_words_drop_noise() -> None:
    assert name_words("CV_Jn-Marie_Fontenelle (2).pdf") == "jn marie fontenelle"


def test_file_name_column_first() -> None:
    found = Matcher(PEOPLE).match("sub/CV_Kimron_Elibox.pdf")
    assert found.how == "cv_filename" and found.chosen is not None
    assert found.chosen.person.id == "4"


def test_two_people_naming_one_file_is_ambiguous() -> None:
    found = Matcher(PEOPLE).match("CV_Josette_Fontenelle.pdf")
    assert found.ambiguous and {c.person.id for c in found.choices} == {"1", "2"}


def test_email_in_the_file_name() -> None:
    found = Matcher(PEOPLE).match("resume-mj@x.lc.pdf")
    assert found.how == "email" and found.chosen and found.chosen.person.id == "7"


def test_name_words_are_accent_insensitive() -> None:
    found = Matcher(PEOPLE).match("Resume DESIREE ONEIL.pdf")
    assert found.how == "name" and found.chosen and found.chosen.person.id == "3"
    assert found.chosen.confidence >= 90


def test_a_first_name_alone_is_not_enough() -> None:
    found = Matcher(PEOPLE).match("CV_Marie.pdf")
    assert found.chosen is None


def test_nobody_fits() -> None:
    found = Matcher(PEOPLE).match("holiday-photo.pdf")
    assert found.chosen is None and not found.ambiguous


def test_the_column_decides_over_a_namesake_who_names_no_file() -> None:
    """Two "Kimron François", one naming the file: that row, not an ambiguity at 100."""
    people = [Person("a", "C-0101", "Kimron François", "k1@x.lc", "CV_Kimron_François.pdf"),
              Person("b", "C-0102", "Kimron François", "k2@x.lc")]
    for on_disk in ("CV_Kimron_François.pdf", "cv_kimron_franc\u0327ois.PDF"):  # NFD, case
        found = Matcher(people).match(f"folder/{on_disk}")
        assert found.how == "cv_filename" and found.chosen is not None, on_disk
        assert found.chosen.person.id == "a" and not found.ambiguous


def test_a_path_in_the_file_name_column_still_names_the_file() -> None:
    people = [Person("a", "C-0101", "Kimron François", "k1@x.lc",
                     "C:\\Users\\kimron\\Documents\\CV_Kimron_François.pdf"),
              Person("b", "C-0102", "Kimron François", "k2@x.lc", ""),
              Person("c", "C-0103", "Ana Joseph", "a@x.lc", "uploads/Ana CV.docx")]
    kimron = Matcher(people).match("CV_Kimron_François.pdf")
    assert kimron.chosen is not None and kimron.chosen.person.id == "a"
    ana = Matcher(people).match("Ana CV.docx")
    assert ana.how == "cv_filename" and ana.chosen is not None and ana.chosen.person.id == "c"
