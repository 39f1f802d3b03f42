"""The README's commands are the ones CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    marker = lines.index('echo "== tests (the README\'s command)"')
    command = lines[marker + 1]
    assert command.endswith(".venv/bin/python -m pytest")
    assert command in (ROOT / "README.md").read_text()


def test_readme_first_command_starts_the_demo() -> None:
    readme = (ROOT / "README.md").read_text()
    assert ".venv/bin/pip install . && .venv/bin/fairdesk --demo" in readme


def test_readme_pictures_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    for line in readme.splitlines():
        if "](docs/screens/" in line:
            for part in line.split("](")[1:]:
                assert (ROOT / part.split(")")[0]).exists(), part
