"""Fictional résumés for the demo event: 1–3 page PDFs, varied, made with reportlab."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

_DUTIES = [
    "Handled 60+ inbound calls a day for a telecoms client with a 92% satisfaction score.",
    "Resolved billing queries by phone, e-mail and chat; escalated complex cases.",
    "Trained six new agents on the CRM and call-quality guidelines.",
    "Kept the team's daily data-entry backlog at zero for eight months running.",
    "Made outbound sales calls for a travel package; beat target three quarters out of four.",
    "Supported customers with home internet set-up and router troubleshooting.",
    "Scored calls against the QA form and coached agents on soft skills.",
    "Built Excel reports on handle time and first-contact resolution.",
    "Answered French-speaking customers for a Martinique-based client.",
    "Volunteered as a youth coordinator at the community centre.",
]
_EMPLOYERS = [
    "Island Telecom", "Bay Gardens Resort", "Massy Stores", "St. Lucia Electricity Services",
    "Sandals Grande", "Bank of Saint Lucia", "Castries City Council", "Rituals Coffee House",
]


@dataclass(frozen=True)
class ResumeFacts:
    name: str
    email: str
    phone: str
    district: str
    education: str
    roles: tuple[str, ...]
    languages: tuple[str, ...]


def resume_pdf(facts: ResumeFacts, rng: random.Random) -> tuple[bytes, int]:
    """A résumé PDF for ``facts``; returns ``(data, pages)``."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, pageCompression=1)
    canvas.setTitle(f"Résumé – {facts.name}")
    canvas.setAuthor(facts.name)
    pages = rng.choice((1, 1, 1, 2, 2, 3))
    for page in range(pages):
        _page(canvas, facts, rng, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), pages


def _page(canvas: Canvas, facts: ResumeFacts, rng: random.Random, page: int) -> None:
    width, height = LETTER
    y = height - 72
    if page == 0:
        canvas.setFont("Helvetica-Bold", 22)
        canvas.drawString(72, y, facts.name)
        y -= 22
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, y, f"{facts.email}  ·  {facts.phone}  ·  {facts.district}")
        y -= 30
        y = _section(canvas, y, "Objective", [
            f"To grow as a {rng.choice(facts.roles)} with a company that values service.",
        ])
        y = _section(canvas, y, "Languages", [", ".join(facts.languages)])
        y = _section(canvas, y, "Education", [facts.education])
    for _ in range(rng.randint(2, 4)):
        start = rng.randint(2012, 2024)
        header = f"{rng.choice(_EMPLOYERS)} — {start}–{start + rng.randint(1, 3)}"
        y = _section(canvas, y, header, rng.sample(_DUTIES, k=rng.randint(2, 4)))
        if y < 140:
            break
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(width - 72, 40, f"{facts.name} — page {page + 1}")


def _section(canvas: Canvas, y: float, title: str, lines: list[str]) -> float:
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(72, y, title)
    y -= 16
    canvas.setFont("Helvetica", 10)
    for line in lines:
        canvas.drawString(84, y, f"• {line}")
        y -= 14
    return y - 10
