"""Importing the résumé folder: check every file, match it to a candidate, store it.

One transaction (Word/ODT/RTF files are converted before it starts). The
report accounts for every file: ``{"files", "matched", "ambiguous": [{"file",
"sha256", "choices"}], "unmatched": [{"file", "reason"}], "rejected": [{"file",
"reason"}], "warnings": [{"file", "reason"}]}`` where ``files`` is the sum of
the others.
"""

from __future__ import annotations

from pathlib import Path

from fairdesk.domain.errors import Cancelled, UnknownResume, UnreadableFile
from fairdesk.domain.model import Candidate
from fairdesk.imports import matching, resume_files
from fairdesk.services.importing import CancelCheck, Progress, Report, progress_tick
from fairdesk.services.resumes import attach_resume
from fairdesk.services.session import Change, EventSession
from fairdesk.storage import candidates as candidate_rows
from fairdesk.storage import event as event_rows
from fairdesk.storage import oplog, resumes


def import_resumes(session: EventSession, folder: Path | str,
                   progress: Progress | None = None,
                   cancel: CancelCheck | None = None) -> Report:
    """Check every file under ``folder``, match it to a candidate and store it."""
    root = Path(folder)
    if not root.is_dir():
        raise UnreadableFile(f"{root}: no such folder.", file=str(root))
    paths = list(resume_files.walk(root))
    store = session.store
    people = [matching.Person(c.id, c.ref, c.display_name, c.email, c.cv_filename)
              for c in candidate_rows.all_candidates(store)]
    state = _ResumeRun(session, matching.Matcher(people), {
        "files": len(paths), "matched": 0, "ambiguous": [], "unmatched": [], "rejected": [],
        "warnings": []})
    converted = _convert_first(paths, root, progress, cancel)
    done = len(converted)
    with store.transaction():
        for path in paths:
            if path in converted:
                state.take(converted.pop(path))
                continue
            done += 1
            progress_tick(done, len(paths), progress, cancel)
            state.take(resume_files.check(path, root))
        event_rows.audit(store, session.now(), "import.resumes", root.name,
                         {"files": len(paths), "matched": state.report["matched"]})
    if state.changed:
        session.publish(Change("resumes", tuple(state.changed)))
    return state.report


def _convert_first(paths: list[Path], root: Path, progress: Progress | None,
                   cancel: CancelCheck | None) -> dict[Path, resume_files.Checked]:
    """Check the Word/ODT/RTF files before the transaction starts.

    LibreOffice takes a second or two a file; run inside the transaction, it
    would hold the event file's write lock (and stall the hub's sync) for as
    long as the whole folder takes.
    """
    office = [p for p in paths if resume_files.needs_conversion(p)]
    out: dict[Path, resume_files.Checked] = {}
    for done, path in enumerate(office, start=1):
        if cancel is not None and cancel():
            raise Cancelled("Import cancelled; the event is as it was before.")
        out[path] = resume_files.check(path, root)
        if progress is not None:
            progress(done, len(paths))
    return out


class _ResumeRun:
    """One folder being imported: what each file became."""

    def __init__(self, session: EventSession, matcher: matching.Matcher,
                 report: Report) -> None:
        self.session = session
        self.matcher = matcher
        self.report = report
        self.changed: list[str] = []
        self.given: dict[str, str] = {}  # candidate id -> file attached in this run

    def take(self, checked: resume_files.Checked) -> None:
        if isinstance(checked, resume_files.Rejected):
            self.report["rejected"].append(checked.as_dict())
            return
        found = self.matcher.match(checked.name)
        if found.chosen is not None:
            self._attach(checked, found.chosen.person)
        elif found.ambiguous:
            sha = self._store(checked)
            self.report["ambiguous"].append({
                "file": checked.name, "sha256": sha,
                "choices": [c.as_dict() for c in found.choices]})
        else:
            self.report["unmatched"].append({"file": checked.name, "reason": (
                "no candidate with this CV file name, email or name")})

    def _store(self, checked: resume_files.ResumeFile) -> str:
        return resumes.put(self.session.store, checked.data, self.session.now(),
                           mime=checked.mime, pages=checked.pages,
                           original_name=checked.file_name)

    def _attach(self, checked: resume_files.ResumeFile, person: matching.Person) -> None:
        other = self.given.get(person.id)
        if other is not None:
            self.report["unmatched"].append({"file": checked.name, "reason": (
                f"fits {person.ref} {person.name}, who already got {other} from this folder")})
            return
        self.given[person.id] = checked.name
        store = self.session.store
        sha = self._store(checked)
        current = candidate_rows.by_id(store, person.id)
        if current is not None and (current.resume_sha != sha
                                    or current.cv_filename != checked.file_name):
            oplog.emit(store, "candidate.update", {
                "id": person.id, "resume_sha": sha, "cv_filename": checked.file_name,
            }, self.session.now())
            self.changed.append(person.id)
        self.report["matched"] += 1
        if checked.note:
            self.report["warnings"].append({"file": checked.name, "reason": checked.note})


def resolve_resume(session: EventSession, sha256: str, candidate_key: str,
                   original_name: str = "") -> Candidate:
    """Give a résumé from the review list (stored by :func:`import_resumes`) to a candidate."""
    data = resumes.get(session.store, sha256)
    if data is None:
        raise UnknownResume(f"No stored résumé {sha256[:12]}…; import the folder again.",
                            sha256=sha256)
    return attach_resume(session, candidate_key, data, pages=resumes.pages(session.store, sha256),
                         original_name=original_name.rsplit("/", 1)[-1])
