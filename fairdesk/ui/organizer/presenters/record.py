"""One candidate's record in the organizer's console: details (editable),
check-ins with undo, badge prints, visits, the résumé, consent and the trail."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from fairdesk.domain.errors import FairDeskError
from fairdesk.services import (
    candidate_record,
    checkin,
    corrections,
    erasure,
    merging,
    resumes,
    walkins,
)
from fairdesk.services.candidates import find_candidate
from fairdesk.services.session import Change, EventSession
from fairdesk.ui.common.presenters.base import Presenter

CHECKIN_COLUMNS = ("Day", "Time", "Desk", "Device", "Undone", "Why")
PRINT_COLUMNS = ("When", "Desk", "Layout", "Reason", "Device")
VISIT_COLUMNS = ("Booth", "Employer", "First seen", "Seen", "Rating", "Tags", "Notes",
                 "Phase Two")
AUDIT_COLUMNS = ("When", "Device", "What", "Detail")
INTERVIEW_COLUMNS = ("Day", "Time", "Employer", "Room", "State")
_STATES = {"booked": "booked", "clash": "clash: to rebook", "removed": "unbooked"}


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
        self.erased = False
        self.reprint_suggested = False  # a name was corrected: the badge is out of date
        self._unsubscribe = session.subscribe(self._on_change)

    def close(self) -> None:
        self._unsubscribe()

    def _on_change(self, change: Change) -> None:
        if not change.ids or self.candidate_id in change.ids:
            self.load()

    def load(self) -> None:
        self.record = candidate_record.record(self.session, self.candidate_id)
        self.candidate_id = self.record["id"]  # a merged-away ref opens the kept person
        self.erased = find_candidate(self.session, self.candidate_id).erased
        self.changed()

    @property
    def title(self) -> str:
        return f"{self.record.get('name') or 'Erased candidate'} ({self.record.get('ref', '')})"

    def form(self) -> DetailsForm:
        return DetailsForm.of(self.record)

    # ---------------------------------------------------------- actions
    def _act(self, action: Any, done: str) -> bool:
        if self.erased:
            self.say("warning", "This person was erased: their record cannot be changed.",
                     "erased")
            return False
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

    @property
    def can_edit(self) -> bool:
        return bool(self.record) and not self.erased

    def save(self, form: DetailsForm) -> bool:
        before = (self.record.get("first_name"), self.record.get("last_name"))
        done = self._act(lambda: corrections.correct(self.session, self.candidate_id,
                                                     **form.as_fields()),
                         "Saved. The change goes to every device at the next sync.")
        if done and before != (self.record.get("first_name"), self.record.get("last_name")):
            self.reprint_suggested = True
            self.changed()
            self.say("info", "Saved. The name changed: reprint the badge so it shows the "
                             "right name (Reprint badge…).")
        return done

    def undo_check_in(self, reason: str) -> bool:
        return self._act(lambda: checkin.undo_check_in(self.session, self.candidate_id, reason),
                         "Today's check-in undone.")

    @property
    def reprint_reason(self) -> str:
        """What the reason box offers: the correction, when a name was just fixed."""
        return "name corrected" if self.reprint_suggested else ""

    @property
    def reprint_needs_reason(self) -> bool:
        return bool(self.record.get("prints"))

    def reprint(self, out: Path, reason: str) -> bool:
        done = self._act(lambda: corrections.reprint(self.session, self.candidate_id, out,
                                                     reason),
                         f"Badge written to {out.name}.")
        if done and self.reprint_suggested:
            self.reprint_suggested = False
            self.changed()
        return done

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

    # ---------------------------------------------------------- merge and erase
    def merge_question(self, other_id: str, keep_this: bool = True) -> str:
        """The confirmation: both refs, and what moves (counted) from the dropped one."""
        this = self.record
        other = candidate_record.record(self.session, other_id)
        keep, drop = (this, other) if keep_this else (other, this)
        counted = ((len(drop["checkins"]), "check-in"), (len(drop["prints"]), "badge print"),
                   (len(drop["visits"]), "booth visit"), (len(drop["interviews"]), "interview"))
        moves = [_count(n, noun) for n, noun in counted if n]
        if drop["visits"]:
            moves[-1 if not drop["interviews"] else -2] += " (ratings, tags and notes too)"
        if drop["resume"] and not keep["resume"]:
            moves.append("the résumé")
        lines = [f"Merge {_who(drop)} into {_who(keep)}?",
                 f"Moves to {keep['ref']}: {', '.join(moves)}." if moves else
                 f"Nothing moves: {drop['ref']} has no check-in, print, visit, interview or "
                 "résumé."]
        if drop["resume"] and keep["resume"]:
            lines.append(f"{keep['ref']} keeps its own résumé; {drop['ref']}'s is not used.")
        lines += [f"{drop['ref']}'s own details (name, e-mail, phone…) are dropped; its badge "
                  f"keeps working and opens {keep['ref']}.",
                  "Every device follows at its next sync. A merge cannot be undone."]
        return "\n".join(lines)

    def merge(self, other_id: str, keep_this: bool = True) -> bool:
        keep, drop = (self.candidate_id, other_id) if keep_this else (other_id, self.candidate_id)
        try:
            merged = merging.merge(self.session, keep, drop)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.candidate_id = merged.kept.id
        self.load()
        self.say("info", f"{merged.dropped_ref} merged into {merged.kept.ref}; "
                         f"{merged.dropped_ref}'s badge now opens {merged.kept.ref}.")
        return True

    @property
    def erase_question(self) -> str:
        ref = self.record.get("ref", "")
        return (f"Erase {_who(self.record)} on their request?\n"
                "Their name, e-mail, phone, details and résumé are removed from this file "
                "now and from every device at its next sync. Their check-ins and visits "
                "stay, as those of an \u201cerased candidate\u201d, so the counts stay "
                f"right. This cannot be undone.\nType {ref} below to confirm.")

    def erase_ready(self, reason: str, typed: str) -> bool:
        return bool(reason.strip()) and self._is_ref(typed)

    def _is_ref(self, typed: str) -> bool:
        return typed.strip().upper() == str(self.record.get("ref", "")).upper()

    def erase(self, reason: str, typed: str) -> bool:
        if not self._is_ref(typed):
            self.say("error", f"Type {self.record.get('ref', '')} to confirm the erasure.",
                     "confirm_ref")
            return False
        try:
            erased = erasure.erase(self.session, self.candidate_id, reason)
        except FairDeskError as error:
            self.refused(error)
            return False
        self.load()
        later = "" if erased.compacted else (
            "; another connection still holds the file's write-ahead log, which is emptied "
            "at its next checkpoint")
        self.say("info", f"{erased.ref} erased{later}.")
        return True

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

    def interview_rows(self) -> list[tuple[str, ...]]:
        return [(i["day"], f"{i['start']}–{i['end']}", i["employer"], i["room"],
                 _STATES.get(i["state"], i["state"])) for i in self.record.get("interviews", [])]

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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _who(record: dict[str, Any]) -> str:
    return f"{record['ref']} ({record['name'] or 'erased candidate'})"
