"""Black-box: ``export ops`` / ``import ops`` carry a desk's résumé blobs (issue 8, item 5)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from pathlib import Path

import pikepdf
import pytest

from fairdesk.imports.resume_files import PDF, ResumeFile
from fairdesk.services.session import open_session
from fairdesk.services.walkins import register_with_resume
from fairdesk.storage import open_event_file, resumes
from fairdesk.sync import opfile, pairing
from tests.unit.cli.conftest import run

pytestmark = pytest.mark.slow


def pdf_bytes(title: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = title
        pdf.save(out)
    return out.getvalue()


def held(event: Path, sha: str) -> tuple[bytes | None, int]:
    store = open_event_file(event)
    try:
        return resumes.get(store, sha), resumes.count(store)
    finally:
        store.close()


def test_export_and_import_ops_carry_the_walk_in_resume(
        hub: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    code, out, _ = run(capsys, "devices", "invite", str(event), "--role", "desk", "--desk", "2",
                       "--hub", url, "--json")
    desk = tmp_path / "desk.fairdesk"
    assert run(capsys, "join", str(desk), "--code", json.loads(out)["code"])[0] == 0

    old = tmp_path / "old.ops"  # no résumé yet: the file is what older versions wrote
    code, out, _ = run(capsys, "export", "ops", str(desk), "--out", str(old), "--json")
    assert code == 0 and json.loads(out)["resumes"] == 0
    assert "resumes" not in json.loads(old.read_bytes())
    code, out, _ = run(capsys, "import", "ops", str(event), str(old), "--json")
    assert code == 0 and json.loads(out)["resumes"] == json.loads(out)["resumes_refused"] == 0

    data = pdf_bytes("Ama's CV")
    sha = hashlib.sha256(data).hexdigest()
    session = open_session(desk, role="desk", desk=2)  # offline all day: never synced
    try:
        register_with_resume(session, {"first_name": "Ama", "last_name": "Usb", "consent": True},
                             ResumeFile("ama.pdf", data, PDF, 1), desk=2)
    finally:
        session.close()
    usb = tmp_path / "desk.ops"
    code, out, _ = run(capsys, "export", "ops", str(desk), "--out", str(usb), "--json")
    assert code == 0 and json.loads(out)["resumes"] == 1
    _, before = held(event, sha)

    forged = tmp_path / "forged.ops"
    payload = json.loads(usb.read_bytes())
    payload["resumes"][0]["data"] = base64.b64encode(pdf_bytes("swapped")).decode()
    forged.write_text(json.dumps(payload))
    code, _, err = run(capsys, "import", "ops", str(event), str(forged))
    assert code == 1 and "changed after it was signed" in err
    assert held(event, sha) == (None, before)
    refs = json.loads(run(capsys, "candidates", str(event), "--json")[1])
    assert "Usb" not in json.dumps(refs)

    code, out, _ = run(capsys, "import", "ops", str(event), str(usb), "--json")
    answer = json.loads(out)
    assert code == 0 and (answer["new"], answer["resumes"], answer["resumes_refused"]) == (1, 1, 0)
    assert held(event, sha) == (data, before + 1)
    assert "Usb" in run(capsys, "candidates", str(event), "--json")[1]
    code, out, _ = run(capsys, "import", "ops", str(event), str(usb))
    assert code == 0 and "stored 0 résumés, 0 refused" in out
    assert held(event, sha) == (data, before + 1)


def test_import_ops_names_a_refused_resume_and_goes_on(
        hub: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event, url = hub
    code, out, _ = run(capsys, "devices", "invite", str(event), "--role", "desk", "--desk", "1",
                       "--hub", url, "--json")
    desk = tmp_path / "desk.fairdesk"
    assert run(capsys, "join", str(desk), "--code", json.loads(out)["code"])[0] == 0
    cut = pdf_bytes("cut")[:300]
    good = pdf_bytes("good")
    blobs = [opfile.Blob(hashlib.sha256(b).hexdigest(), n, PDF, b)
             for n, b in (("cut.pdf", cut), ("good.pdf", good))]
    store = open_event_file(desk)
    usb = tmp_path / "signed.ops"
    try:  # signed by the desk itself: only the content is wrong
        opfile.write(usb, str(store.setting("event_id")), str(store.setting("device_id")), [],
                     pairing.secret_hash(str(store.setting("hub_token"))), blobs)
    finally:
        store.close()
    code, out, err = run(capsys, "import", "ops", str(event), str(usb))
    assert code == 0 and "stored 1 résumés, 1 refused" in out
    assert f"signed.ops: résumé {blobs[0].sha256[:12]} (cut.pdf) refused" in err
    assert "truncated PDF" in err
    assert held(event, blobs[1].sha256)[0] == good
    assert held(event, blobs[0].sha256)[0] is None
