"""One candidate's record in the organizer's console: details (editable),
check-ins with undo, badge prints, visits, the résumé, consent and the trail."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import candidate_record, checkin, corrections, resumes, walkins
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

CHECKIN_COLUMNS = ("Day", "Time", "Desk", "Device", "Undone", "Why")
PRINT_COLUMNS = ("When", "Desk", "Layout", "Reason", "Device")
VISIT_COLUMNS = ("Booth", "Employer", "First seen", "Seen", "Rating", "Tags", "Notes",
                 "Phase Two")
AUDIT_COLUMNS = ("When", "Device", "What", "Detail")


@dataclass
class DetailsForm:
    """The record's editable fields as typed (lists comma-separated)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    district: str = ""
    education: str = ""
    languages: str = ""
    roles: str = ""
    experience: str = ""
    consent: bool = False

    @classmethod
    def of(cls, record: dict[str, Any]) -> DetailsForm:
        values = {f.name: record[f.name] for f in fields(cls)}
        values["languages"] = ", ".join(record["languages"])
        values["roles"] = ", ".join(record["roles"])
        return cls(**values)

    def as_fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("languages", "roles"):
            out[name] = [v.strip() for v in str(out[name]).split(",") if v.strip()]
        return out


class RecordPresenter(Presenter):
    def __init__(self, session: EventSession, candidate_id: str) -> None:
        super().__init__()
        self.session = session
        self.candidate_id = candidate_id
        self.record: dict[str, Any] = {}
        self.field_error = ""  # the field a refusal named (the view marks it)
        self._unsubscribe = session.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        if not change.ids or self.candidate_id in change.ids:
            self.load()

    def load(self) -> None:
        self.record = candidate_record.record(self.session, self.candidate_id)
        self.candidate_id = self.record["id"]  # a merged-away ref opens the kept person
        self.changed()

    @property
    def title(self) -> str:
        return f"{self.record.get('name') or 'Erased candidate'} ({self.record.get('ref', '')})"

    def form(self) -> DetailsForm:
        return DetailsForm.of(self.record)

    # ---------------------------------------------------------- actions
    def _act(self, action: Any, done: str) -> bool:
        try:
            action()
        except FairDeskError as error:
            self.field_error = str(error.details.get("field", ""))
            self.refused(error)
            return False
        self.field_error = ""
        self.load()
        self.say("info", done)
        return True

    def save(self, form: DetailsForm) -> bool:
        return self._act(lambda: corrections.correct(self.session, self.candidate_id,
                                                     **form.as_fields()),
                         "Saved. The change goes to every device at the next sync.")

    def undo_check_in(self, reason: str) -> bool:
        return self._act(lambda: checkin.undo_check_in(self.session, self.candidate_id, reason),
                         "Today's check-in undone.")

    def reprint(self, out: Path, reason: str) -> bool:
        return self._act(lambda: corrections.reprint(self.session, self.candidate_id, out,
                                                     reason),
                         f"Badge written to {out.name}.")

    def replace_resume(self, path: Path) -> bool:
        def work() -> None:
            checked = walkins.check_resume_file(path)
            resumes.attach_resume(self.session, self.candidate_id, checked.data,
                                  pages=checked.pages, original_name=checked.file_name,
                                  mime=checked.mime)

        return self._act(work, f"Résumé replaced by {path.name}.")

    def remove_resume(self) -> bool:
        return self._act(lambda: corrections.remove_resume(self.session, self.candidate_id),
                         "Résumé removed from the record.")

    def resume_pdf(self) -> bytes | None:
        if not self.record.get("resume"):
            return None
        return resumes.resume_bytes(self.session, find_candidate(self.session,
                                                                 self.candidate_id))

    # ---------------------------------------------------------- tables
    @property
    def can_undo(self) -> bool:
        today = self.session.fair_day().isoformat()
        return any(c["day"] == today and c["standing"] for c in self.record.get("checkins", []))

    def checkin_rows(self) -> list[tuple[str, ...]]:
        return [(c["day"], c["time"] or "", str(c["desk"] or ""), c["device"],
                 "undone" if c["undone_at"] else "", c["undo_reason"])
                for c in self.record.get("checkins", [])]

    def print_rows(self) -> list[tuple[str, ...]]:
        return [(self._when(p["at"]), str(p["desk"] or ""), p["layout"], p["reason"],
                 p["device"]) for p in self.record.get("prints", [])]

    def visit_rows(self) -> list[tuple[str, ...]]:
        return [(v["booth"], v["employer"], self._when(v["first_seen"]), str(v["seen"]),
                 str(v["rating"] or ""), ", ".join(v["tags"]), v["notes"],
                 "yes" if v["shortlist"] else "") for v in self.record.get("visits", [])]

    def audit_rows(self) -> list[tuple[str, ...]]:
        return [(self._when(a["at"]), a["device"], a["action"],
                 ", ".join(f"{k}: {v}" for k, v in a["detail"].items()))
                for a in self.record.get("audit", [])]

    @property
    def resume_text(self) -> str:
        resume = self.record.get("resume")
        if not resume:
            return "No résumé on file."
        pages = f", {resume['pages']} page(s)" if resume.get("pages") else ""
        return f"{resume['original_name'] or 'résumé'} ({resume['size'] // 1024 + 1} KB{pages})"

    def _when(self, text: str | None) -> str:
        return candidate_record.when(self.session, text)
