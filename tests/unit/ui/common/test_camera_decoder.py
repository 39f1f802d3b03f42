"""The camera path with a fake frame source: images of rendered badges (issue 6)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtGui import QImage

from fairdesk.badges import token
from fairdesk.badges.keys import new_key_pair
from fairdesk.bench.booth_bench import badge_image, camera_frame, to_qimage
from fairdesk.ui.common.camera import CameraSource, DecoderWorker, ImageFrameSource, decode_image

pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def payload() -> str:
    private, _ = new_key_pair()
    return token.sign(private, "camera-test", str(uuid.uuid4()), "Désirée O'Neil")


@pytest.fixture(scope="module")
def badge(payload: str) -> Any:
    return badge_image(payload, "Désirée O'Neil", "C-0002")


@pytest.mark.parametrize(("width", "angle", "blur"), [
    (560, 0, 0), (450, 0, 0), (560, 15, 0), (560, 90, 0), (520, -30, 0), (560, 0, 1.0),
    (600, 12, 1.2),
])
def test_decodes_rendered_badges_in_a_720p_frame(qapp: Any, badge: Any, payload: str,
                                                 width: int, angle: float, blur: float) -> None:
    frame = to_qimage(camera_frame(badge, width_px=width, angle=angle, blur=blur))
    assert frame.size().width() == 1280
    assert decode_image(frame) == [payload]


def test_an_empty_or_hopeless_frame_decodes_to_nothing(qapp: Any, badge: Any) -> None:
    empty = QImage(1280, 720, QImage.Format.Format_RGB32)
    empty.fill(0x777777)
    assert decode_image(empty) == []
    assert decode_image(to_qimage(camera_frame(badge, width_px=560, blur=4.0))) == []


def test_worker_decodes_off_the_gui_thread_and_drops_frames_while_busy(
        qtbot: Any, badge: Any, payload: str) -> None:
    source = ImageFrameSource()
    worker = DecoderWorker(fps=1000)
    source.frame.connect(worker.submit)
    source.start()
    frame = to_qimage(camera_frame(badge, width_px=560, angle=8))
    with qtbot.waitSignal(worker.decoded, timeout=5000) as got:
        for _ in range(5):
            source.push(frame)  # the first is taken, the others arrive while it is busy
    assert got.args == [payload]
    assert worker.submitted == 1 and worker.dropped == 4
    worker.wait()


def test_worker_throttles_to_its_frame_rate(qtbot: Any, badge: Any) -> None:
    worker = DecoderWorker(fps=2)
    frame = to_qimage(camera_frame(badge, width_px=560))
    assert worker.submit(frame)
    qtbot.waitUntil(lambda: not worker.busy, timeout=5000)
    assert not worker.submit(frame)  # within half a second of the last start
    assert worker.dropped == 1
    worker.wait()


def test_a_stopped_source_sends_nothing(qtbot: Any, badge: Any) -> None:
    source = ImageFrameSource()
    seen: list[QImage] = []
    source.frame.connect(seen.append)
    source.push(to_qimage(camera_frame(badge)))
    assert seen == []


def test_no_camera_is_a_clear_state_not_a_crash(qapp: Any) -> None:
    camera = CameraSource()
    if camera.available:
        pytest.skip("this machine has a camera")
    assert camera.problem.startswith("No camera found")
    camera.start()
    assert not camera.running
    camera.stop()
