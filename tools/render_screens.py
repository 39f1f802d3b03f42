"""Render every main screen to PNG with the demo event (for the README and for review).

    python tools/render_screens.py [--out docs/screens] [--keep]

Runs offscreen unless DISPLAY is set (``xvfb-run -a python tools/render_screens.py``
shows real windows). Desk shots are 1366x768, booth 1280x800, organizer 1280x800.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fairdesk-screens-"))
    os.environ["FAIRDESK_CONFIG_DIR"] = str(work / "config")


    from fairdesk import app
    from fairdesk.services.app_settings import AppSettings
    from fairdesk.services.demo import DemoSpec, build_demo
    from fairdesk.services.employers import all_employers
    from fairdesk.ui.launcher_window import LauncherWindow
    from fairdesk.ui.organizer_window import PAGES
    from fairdesk.ui.presenters.launcher import LauncherPresenter, OpenRequest

    settings = AppSettings()
    qt = app.application(settings)
    event = work / "config" / "demo" / "demo.fairdesk"
    event.parent.mkdir(parents=True)
    session = build_demo(event, DemoSpec(), today=date.today())
    employer = all_employers(session)[0].id
    session.close()

    def shot(widget: object, name: str, size: tuple[int, int]) -> None:
        widget.resize(*size)  # type: ignore[attr-defined]
        widget.show()  # type: ignore[attr-defined]
        for _ in range(5):
            qt.processEvents()
        widget.grab().save(str(args.out / f"{name}.png"))  # type: ignore[attr-defined]
        print(args.out / f"{name}.png")

    settings.remember_event(event)
    launcher = LauncherWindow(LauncherPresenter(settings, event.parent))
    shot(launcher, "launcher", (960, 600))
    organizer = app.open_window(OpenRequest(event, "organizer"), settings)
    for page in PAGES:
        organizer.show_page(page.title)  # type: ignore[attr-defined]
        shot(organizer, f"organizer-{_slug(page.title)}", (1280, 800))
    for role, size, extra in (("desk", (1366, 768), {"desk": 2}),
                              ("booth", (1280, 800), {"employer_id": employer})):
        if role not in app.ROLE_WINDOWS:
            print(f"(no {role} screen in this build)", file=sys.stderr)
            continue
        window = app.open_window(OpenRequest(event, role, **extra),  # type: ignore[arg-type]
                                 settings, print_to=work / "badges")
        shot(window, role, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
