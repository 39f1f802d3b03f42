"""The day-before checklist: paper stock reckoned from the expected arrivals, the PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from fairdesk.services.app_settings import AppSettings
from fairdesk.services.checklist import paper_need, write_checklist
from fairdesk.services.demo import DemoSpec, build_demo


def test_paper_need_counts_walk_ins_and_spares() -> None:
    need = paper_need(roster=1000, not_printed=400, layout="brother-62x100")
    assert (need.roster_to_print, need.walk_ins, need.spare) == (400, 250, 65)
    assert need.badges == 715 and need.packs == 3  # rolls of 300
    small = paper_need(roster=20, not_printed=20, layout="avery-5392")
    assert small.walk_ins == 50 and small.packs == 1
    assert paper_need(0, 0, "no-such-layout").packs == 0


def test_the_checklist_lists_devices_roles_printers_and_stock(tmp_path: Path) -> None:
    event = tmp_path / "ev.fairdesk"
    build_demo(event, DemoSpec(30, 3, seed=2, resumes=False)).close()
    settings = AppSettings(tmp_path / "s.json")
    settings.set("badge_layout", "avery-5392")
    out = write_checklist(event, tmp_path / "out" / "checklist.pdf", settings)
    document = pypdfium2.PdfDocument(out.read_bytes())
    text = "".join(page.get_textpage().get_text_range() for page in document)
    for words in ("Devices and roles", "Organizer laptop (hub)", "not paired yet", "Printers",
                  "Paper stock", "Avery 5392", "walk-ins", "Before the doors open"):
        assert words in text, words
