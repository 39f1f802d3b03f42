"""The CI workflow builds with what the project declares (it cannot run here)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"


def test_workflow_installs_the_build_extra_and_runs_the_build_test() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert any(dep.startswith("pyinstaller") for dep in extras["build"])
    assert '".[test,build]"' in text
    assert "tests/tools/test_frozen_app.py" in text and (ROOT / "tests/tools/test_frozen_app.py"
                                                         ).is_file()
    assert 'FAIRDESK_BUILD: "1"' in text
    for system in ("ubuntu", "windows", "macos"):
        assert f"{system}-" in text, system
