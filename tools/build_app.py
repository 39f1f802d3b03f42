"""Build the one-folder FairDesk app with PyInstaller: ``python tools/build_app.py``.

Makes ``dist/FairDesk/`` (the app: ``dist/FairDesk/fairdesk``, Qt plugins,
fonts, icons, sounds) and ``dist/FairDesk.tar.gz`` (``.zip`` on Windows). It
needs no network: PyInstaller and the project's libraries come from the
Python running this script (``pip install -e '.[build]'`` once, beforehand).

    python tools/build_app.py                  build, then pack
    python tools/build_app.py --no-pack        build only
    python tools/build_app.py install-desktop  Linux: menu entry, icon and the
                                               .fairdesk file type for this user

Written to run on Linux, Windows and macOS alike: pathlib paths, no shell
steps, the icon made per system from resources/icons/fairdesk.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "tools" / "fairdesk.spec"
ICON_PNG = ROOT / "resources" / "icons" / "fairdesk.png"
LINUX = ROOT / "resources" / "linux"
SIZE_BUDGET = 250 * 1024**2


def app_dir(dist: Path) -> Path:
    return dist / "FairDesk"


def binary(dist: Path) -> Path:
    """The frozen ``fairdesk`` command inside the folder."""
    return app_dir(dist) / ("fairdesk.exe" if sys.platform == "win32" else "fairdesk")


# ---------------------------------------------------------------- icons
def make_icon(work: Path) -> Path | None:
    """``.ico`` (Windows) or ``.icns`` (macOS) from the PNG, with Pillow; Linux uses the PNG."""
    if sys.platform not in ("win32", "darwin"):
        return None
    try:
        from PIL import Image
    except ImportError:
        print("build_app: Pillow is not installed; the app gets no icon", file=sys.stderr)
        return None
    work.mkdir(parents=True, exist_ok=True)
    image = Image.open(ICON_PNG).convert("RGBA")
    if sys.platform == "win32":
        target = work / "fairdesk.ico"
        image.save(target, sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128),
                                  (256, 256)])
    else:
        target = work / "fairdesk.icns"
        image.resize((512, 512)).save(target)
    return target


# ---------------------------------------------------------------- build
def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the app folder."""
    import PyInstaller.__main__

    icon = make_icon(work)
    os.environ["FAIRDESK_ROOT"] = str(ROOT)
    os.environ["FAIRDESK_ICON"] = str(icon) if icon else ""
    # The spec's collect_submodules imports fairdesk in a child: it must find this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    PyInstaller.__main__.run([str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
                              "--distpath", str(dist), "--workpath", str(work)])
    return app_dir(dist)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pack(dist: Path) -> Path:
    """``FairDesk.tar.gz`` (``.zip`` on Windows) beside the folder, written then renamed."""
    folder = app_dir(dist)
    if sys.platform == "win32":
        made = shutil.make_archive(str(dist / "FairDesk.partial"), "zip", dist, folder.name)
        target = dist / "FairDesk.zip"
    else:
        made = str(dist / "FairDesk.tar.gz.partial")
        with tarfile.open(made, "w:gz", compresslevel=6) as archive:
            archive.add(folder, arcname=folder.name)
        target = dist / "FairDesk.tar.gz"
    os.replace(made, target)
    return target


# ---------------------------------------------------------------- Linux desktop
def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install_desktop(app: Path, share: Path | None = None) -> list[Path]:
    """Menu entry, icon and the ``application/x-fairdesk`` type under ~/.local/share."""
    share = share or data_home()
    command = app / "fairdesk"
    entry = (LINUX / "fairdesk.desktop").read_text(encoding="utf-8")
    entry = entry.replace("Exec=fairdesk", f"Exec={_desktop_quote(str(command))}")
    written = [
        _write(share / "applications" / "fairdesk.desktop", entry.encode("utf-8")),
        _write(share / "icons" / "hicolor" / "256x256" / "apps" / "fairdesk.png",
               ICON_PNG.read_bytes()),
        _write(share / "mime" / "packages" / "fairdesk.xml",
               (LINUX / "fairdesk-mime.xml").read_bytes()),
    ]
    for tool, args in (("update-mime-database", [str(share / "mime")]),
                       ("update-desktop-database", [str(share / "applications")])):
        if shutil.which(tool):
            subprocess.run([tool, *args], check=False, capture_output=True, timeout=60)
    return written


def _desktop_quote(text: str) -> str:
    if all(c not in text for c in ' "\'\\$`'):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def _write(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target


# ---------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder FairDesk app.")
    parser.add_argument("step", nargs="?", default="build", choices=("build", "install-desktop"))
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-pack", action="store_true", help="skip the .tar.gz")
    args = parser.parse_args(argv)
    if args.step == "install-desktop":
        if not sys.platform.startswith("linux"):
            parser.error("install-desktop is for Linux desktops")
        app = app_dir(args.dist).resolve()
        if not (app / "fairdesk").exists():
            parser.error(f"build first: {app / 'fairdesk'} does not exist")
        for path in install_desktop(app):
            print(path)
        return 0
    started = time.monotonic()
    folder = build(args.dist, args.work)
    size = folder_size(folder)
    print(f"{folder}: {size / 1024**2:.0f} MB unpacked "
          f"(budget {SIZE_BUDGET / 1024**2:.0f} MB), built in {time.monotonic() - started:.0f} s")
    if not args.no_pack:
        archive = pack(args.dist)
        print(f"{archive}: {archive.stat().st_size / 1024**2:.0f} MB")
    return 0 if size <= SIZE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
