"""The Exec line of the menu entry: quoting by the Desktop Entry spec."""

import pytest

from fairdesk.services.desktop_integration import desktop_entry, exec_quote


@pytest.mark.parametrize(("arg", "written"), [
    ("/opt/FairDesk/fairdesk", "/opt/FairDesk/fairdesk"),
    ("/home/ann/my apps/fairdesk", '"/home/ann/my apps/fairdesk"'),
    ('/a"b', '"/a\\\\"b"'),  # \" inside quotes, its backslash doubled by string escaping
    ("/a$b`c", '"/a\\\\$b\\\\`c"'),
    ("/a\\b", '"/a\\\\\\\\b"'),  # a literal backslash is four in the file
    ("/100%/fairdesk", "/100%%/fairdesk"),
])
def test_exec_quote(arg: str, written: str) -> None:
    assert exec_quote(arg) == written


def test_entry_keeps_the_file_argument_and_the_type() -> None:
    entry = desktop_entry(["/opt/my apps/fairdesk"])
    assert '\nExec="/opt/my apps/fairdesk" %f\n' in entry
    assert "\nMimeType=application/x-fairdesk;\n" in entry
