"""Small real PDFs for the tests that take, check or bundle résumés."""

from __future__ import annotations

import io

import pikepdf


def blank_pdf(pages: int = 1) -> bytes:
    """A readable PDF of ``pages`` blank pages."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
