from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fairdesk.exports.safe_names import (
    RESERVED,
    resume_member_name,
    safe_filename,
    safe_stem,
    unique,
)


def test_resume_member_name_reads_like_the_book() -> None:
    assert resume_member_name(12, "Joseph, Kerlisha") == "012 - Joseph, Kerlisha.pdf"


def test_traversal_reserved_and_forbidden_characters() -> None:
    assert safe_stem("../../etc/passwd") == "_.._etc_passwd"
    assert safe_stem("..") == "unnamed"
    assert safe_stem("CON") == "_CON"
    assert safe_stem("nul.txt") == "_nul.txt"
    assert safe_stem('a<b>c:d"e|f?g*h') == "a_b_c_d_e_f_g_h"
    assert safe_filename("report\u202efdp.exe", ".pdf") == "reportfdp.exe.pdf"


def test_long_names_are_cut_without_splitting_characters() -> None:
    name = safe_filename("é" * 300, ".pdf", max_bytes=100)
    assert len(name.encode("utf-8")) <= 100
    assert name.endswith(".pdf")


def test_unique_adds_a_number() -> None:
    taken: set[str] = set()
    assert unique("A.zip", taken) == "A.zip"
    assert unique("a.zip", taken) == "a (2).zip"


@given(st.text(max_size=400), st.sampled_from(["", ".pdf", ".DOCX", ". x/y"]))
def test_any_text_gives_a_safe_name(text: str, suffix: str) -> None:
    name = safe_filename(text, suffix)
    assert name
    assert len(name.encode("utf-8")) <= 120
    assert not any(c in name for c in '<>:"/\\|?*')
    assert not any(ord(c) < 32 for c in name)
    assert not name.startswith((".", " "))
    assert not name.endswith((".", " "))
    assert name.split(".")[0].rstrip().upper() not in RESERVED
    assert name not in {".", ".."}
