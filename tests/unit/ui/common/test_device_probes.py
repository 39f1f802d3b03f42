"""What Qt sees, asked in this process (offscreen), and scanners found by name."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from fairdesk.ui.common.device_probes import facts_here, scanner_names


def test_facts_here_load_the_badge_fonts(qtbot: QtBot) -> None:
    facts = facts_here()
    assert facts.platform == "offscreen"
    assert {"DejaVu Sans", "DejaVu Sans Mono"} <= set(facts.fonts)
    assert isinstance(facts.cameras, tuple) and isinstance(facts.printers, tuple)


def test_scanners_are_found_by_their_input_device_name(tmp_path: Path) -> None:
    devices = tmp_path / "devices"
    devices.write_text('I: Bus=0003\nN: Name="AT Translated Set 2 keyboard"\n\n'
                       'I: Bus=0003\nN: Name="Honeywell Imaging & Mobility 1900"\n\n'
                       'N: Name="Honeywell Imaging & Mobility 1900"\n')
    assert scanner_names(devices) == ("Honeywell Imaging & Mobility 1900",)
    assert scanner_names(tmp_path / "absent") == ()
