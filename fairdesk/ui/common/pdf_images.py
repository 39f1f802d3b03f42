"""PDF pages as QImages, for badge previews and printers.

pypdfium2 renders them: QtPdf is not in the PySide6 wheels this project uses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtGui import QImage

_LOCK = threading.Lock()  # pdfium is not thread-safe: one lock for the whole app


def pdf_pages(pdf: bytes, scale: Callable[[float], float]) -> list[QImage]:
    """Each page of ``pdf``, rendered at ``scale(page height in points)``."""
    import pypdfium2

    images = []
    with _LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            for page in document:
                bitmap = page.render(scale=scale(page.get_height()), rev_byteorder=True)
                pil = bitmap.to_pil().convert("RGB")
                data = pil.tobytes("raw", "RGB")
                image = QImage(data, pil.width, pil.height, 3 * pil.width,
                               QImage.Format.Format_RGB888)
                images.append(image.copy())  # own the pixels before ``data`` goes
        finally:
            document.close()
    return images
