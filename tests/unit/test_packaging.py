"""The explicit package list in pyproject.toml must name every package."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "fairdesk").rglob("__init__.py")
    }
    assert found | {"fairdesk.resources"} == listed


def test_fonts_cover_accented_latin() -> None:
    from fairdesk.resources import FONTS, font_path
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FONTS:
        cmap = TTFont(name, str(font_path(name))).face.charToGlyph
        assert all(ord(c) in cmap for c in "éëòçÉÒ’ï"), name


def test_every_resource_file_is_package_data() -> None:
    """A wheel (pip install .) carries each file the app loads from resources/."""
    from fnmatch import fnmatch

    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["fairdesk.resources"]
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            relative = path.relative_to(ROOT / "resources").as_posix()
            assert any(fnmatch(relative, g) for g in globs), relative
