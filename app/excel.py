"""Excel exchange: export a selection, write a typing-up template, import a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.changes import NO_CHANGES, Changes, Outcome
from domain.exchange import ImportBatch, ImportSummary
from domain.progress import NoProgress, Progress
from domain.selection import Selection

# Which Changes flag each kind of imported row raises (the names ImportSummary counts under).
_IMPORTED_KINDS = {
    "activity": Changes.of_activities(),
    "note": Changes.of_notes(),
    "theme": Changes(themes=True),
    "action": Changes(actions=True),
}


@dataclass(frozen=True)
class Exported:
    path: Path
    activity_count: int
    note_count: int


def export_workbook(
    session: Session, *, selection: Selection, out: Path, progress: Progress | None = None
) -> Exported:
    """Write the activities and notes of `selection` to `out` (through a temporary file)."""
    # openpyxl loads only when an export is asked for: it is slow to import.
    from domain.export_rows import gather_export
    from exporters.xlsx.writer import write_export

    progress = progress or NoProgress()
    data = gather_export(session, selection=selection, progress=progress)
    write_export(out, data, progress=progress)  # notes are read while the sheet is written
    return Exported(out, len(data.activities), data.note_count)


def write_template_workbook(session: Session, *, out: Path) -> Path:
    """A workbook for typing up notes, with today's groups, services and activities to pick."""
    from domain.export_rows import gather_template_lists
    from exporters.xlsx.template import write_template

    write_template(out, gather_template_lists(session))
    return out


def read_import(path: Path, *, progress: Progress | None = None) -> ImportBatch:
    """Read and check a whole workbook before any store is touched; raises ImportRefused
    listing every problem."""
    from exporters.xlsx.reader import read_workbook

    return read_workbook(path, progress=progress)


def apply_workbook(
    session: Session, *, batch: ImportBatch, progress: Progress | None = None
) -> Outcome[ImportSummary]:
    """Write a checked workbook in the caller's one transaction: all of it or none."""
    from domain.import_rows import apply_import

    summary = apply_import(session, batch=batch, progress=progress)
    return Outcome(summary, imported_changes(summary))


def import_workbook(
    session: Session, *, path: Path, progress: Progress | None = None
) -> Outcome[ImportSummary]:
    """Read, check, then write a workbook (for callers that hold the session already)."""
    return apply_workbook(session, batch=read_import(path, progress=progress), progress=progress)


def imported_changes(summary: ImportSummary) -> Changes:
    changes = NO_CHANGES
    for kind, flag in _IMPORTED_KINDS.items():
        if summary.created.get(kind) or summary.updated.get(kind):
            changes |= flag
    if changes.themes or changes.actions:
        changes |= Changes.of_notes()  # imported links put notes under themes
    return changes
