"""Two AppSettings on one file (the app's and a page's) keep each other's writes."""

from __future__ import annotations

from pathlib import Path

from fairdesk.services.app_settings import SETTINGS, AppSettings


def test_a_write_keeps_what_another_instance_wrote(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    app, page = AppSettings(path), AppSettings(path)
    app.set("desk_number", 3)
    page.set("hub_local_only", True)
    app.set("last_role", "desk")
    fresh = AppSettings(path)
    assert (fresh.get("desk_number"), fresh.get("hub_local_only"), fresh.get("last_role")) \
        == (3, True, "desk")


def test_hub_local_only_is_declared_off_by_default(tmp_path: Path) -> None:
    declared = {s.key: s for s in SETTINGS}["hub_local_only"]
    assert declared.default is False and declared.type is bool and declared.help
    assert AppSettings(tmp_path / "none.json").get("hub_local_only") is False
