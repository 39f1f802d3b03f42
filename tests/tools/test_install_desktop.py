"""``python tools/build_app.py install-desktop``: the menu entry and the .fairdesk type.

Black-box: the script runs as a user would run it, with ``XDG_DATA_HOME``
pointing into the test's folder, against a stand-in for the built app.
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "build_app.py"
LINUX = ROOT / "resources" / "linux"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="desktop integration is for Linux")


def install(dist: Path, share: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(share))
    return subprocess.run([sys.executable, str(SCRIPT), "install-desktop", "--dist", str(dist)],
                          capture_output=True, text=True, env=env, timeout=120)


def fake_app(dist: Path) -> Path:
    command = dist / "FairDesk" / "fairdesk"
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\n")
    command.chmod(0o755)
    return command


def entry_of(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_installs_entry_icons_and_type_under_xdg_data_home(tmp_path: Path) -> None:
    command = fake_app(tmp_path / "dist")
    share = tmp_path / "share"
    done = install(tmp_path / "dist", share)
    assert done.returncode == 0, done.stderr
    for made in ("applications/fairdesk.desktop", "icons/hicolor/256x256/apps/fairdesk.png",
                 "icons/hicolor/scalable/apps/fairdesk.svg",
                 "icons/hicolor/256x256/mimetypes/application-x-fairdesk.png",
                 "mime/packages/fairdesk.xml"):
        assert (share / made).is_file(), made
        assert str(share / made) in done.stdout
    entry = entry_of(share / "applications" / "fairdesk.desktop")
    assert shlex.split(entry["Exec"]) == [str(command), "%f"]
    assert entry["MimeType"] == "application/x-fairdesk;"
    assert entry["Icon"] == "fairdesk"
    assert not list(share.rglob("*.partial"))


def test_a_folder_with_spaces_is_quoted_in_exec(tmp_path: Path) -> None:
    command = fake_app(tmp_path / "event laptop's apps")
    share = tmp_path / "share"
    assert install(command.parents[1], share).returncode == 0
    exec_line = entry_of(share / "applications" / "fairdesk.desktop")["Exec"]
    assert exec_line.startswith('"')
    assert shlex.split(exec_line) == [str(command), "%f"]


def test_refuses_before_the_app_is_built(tmp_path: Path) -> None:
    done = install(tmp_path / "dist", tmp_path / "share")
    assert done.returncode == 2
    assert "build first" in done.stderr
    assert not (tmp_path / "share").exists()


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="no shared-mime-info")
def test_the_mime_database_maps_fairdesk_files_to_the_type(tmp_path: Path) -> None:
    fake_app(tmp_path / "dist")
    share = tmp_path / "share"
    assert install(tmp_path / "dist", share).returncode == 0
    globs = (share / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert "60:application/x-fairdesk:*.fairdesk" in globs


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="no desktop-file-utils")
@pytest.mark.parametrize("folder", ["dist", "my apps"])
def test_desktop_file_validate_accepts_the_entries(tmp_path: Path, folder: str) -> None:
    fake_app(tmp_path / folder)
    share = tmp_path / "share"
    assert install(tmp_path / folder, share).returncode == 0
    for path in (LINUX / "fairdesk.desktop", share / "applications" / "fairdesk.desktop"):
        checked = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                                 text=True, timeout=30)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_the_mime_type_is_well_formed() -> None:
    import xml.etree.ElementTree as ET

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = ET.parse(LINUX / "fairdesk-mime.xml").getroot().find("m:mime-type", ns)
    assert kind is not None and kind.get("type") == "application/x-fairdesk"
    globs = [g.get("pattern") for g in kind.findall("m:glob", ns)]
    assert globs == ["*.fairdesk"]
    entry = entry_of(LINUX / "fairdesk.desktop")
    assert entry["MimeType"].rstrip(";").split(";") == ["application/x-fairdesk"]
