"""Use cases for notes: capture, edit, tag, delete to the bin, restore, list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from domain import audit
from domain.errors import InvalidInput, NotFound
from domain.note_fields import EDIT_FIELDS, NoteEdit, NoteFields, stored_values
from domain.note_rows import note_views
from domain.views import NoteView
from models.entities import Activity, Group, Note, NoteGroup, NotePrinciple, NoteService, Service
from models.ids import new_id, utc_now
from sync.core.oplog import insert_new_rows
from sync.core.tables import own_fields

MAX_NOTE_LENGTH = 100_000
PRINCIPLE_COUNT = 10
# Every editable field, declared once by the entity: the ones people type (NoteFields) and
# the two set by their own use cases (the speaker, the review flag).
EDITABLE_FIELDS = own_fields("note")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Values of a note's editable fields as stored: the text checked first, then each value
    shaped as NoteFields declares it (words as their plain stored text)."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "not a field of a note")
    if "body" in values:
        body = str(values["body"])
        if not body.strip():
            raise InvalidInput("body", "a note needs some text")
        if len(body) > MAX_NOTE_LENGTH:
            raise InvalidInput("body", f"longer than {MAX_NOTE_LENGTH:,} characters")
    return stored_values(values)


def _load(session: Session, note_id: str) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("note", note_id)
    return note


# Built once: saving a note runs these, and building a statement costs more than running it.
_IDS_FOR_KEYS = {
    model: select(model.key, model.id).where(model.key.in_(bindparam("keys", expanding=True)))
    for model in (Group, Service)
}
_ACTIVITY_TITLE = select(Activity.title).where(Activity.id == bindparam("activity_id"))


def _ids_for_keys(
    session: Session, model: type[Group] | type[Service], keys: Iterable[str], field: str
) -> dict[str, str]:
    wanted = set(keys)
    if not wanted:
        return {}
    # Plain column queries go straight to the connection: the ORM layer adds nothing here.
    rows = session.connection().execute(_IDS_FOR_KEYS[model], {"keys": sorted(wanted)})
    found = {key: row_id for key, row_id in rows}
    missing = sorted(wanted - set(found))
    if missing:
        raise InvalidInput(field, f"unknown {field.rstrip('s')} {missing[0]!r}")
    return found


def _check_principles(numbers: Iterable[int]) -> set[int]:
    # The 10 principles are fixed reference data (NHS England), so no query is needed.
    wanted = {int(n) for n in numbers}
    unknown = sorted(n for n in wanted if not 1 <= n <= PRINCIPLE_COUNT)
    if unknown:
        raise InvalidInput("principles", f"there is no principle {unknown[0]} (1 to 10)")
    return wanted


def create_note(
    session: Session,
    *,
    activity_id: str,
    fields: NoteFields,
    speaker: str = "",
    needs_review: bool = False,
) -> NoteView:
    """Save one note with its tags; the caller's commit makes it durable (synchronous=FULL).

    `fields`: what was typed (the one declaration of them); `speaker` and `needs_review` are
    set apart from typing (a descriptor, and the identifier check's verdict)."""
    session.flush()  # an activity or group made earlier in this session must be found below
    # Only the title: loading the Activity would also load its groups reached (selectin).
    activity_title = session.connection().scalar(_ACTIVITY_TITLE, {"activity_id": activity_id})
    if activity_title is None:
        raise NotFound("activity", activity_id)
    cleaned = _clean({**fields.own_values(), "speaker": speaker, "needs_review": needs_review})
    group_ids = _ids_for_keys(session, Group, fields.groups, "groups")
    service_ids = _ids_for_keys(session, Service, fields.services, "services")
    principle_numbers = _check_principles(fields.principles)
    note_id, now = new_id(), utc_now()
    # Saving is the most frequent write, so it skips the unit of work (see insert_new_rows).
    written = insert_new_rows(
        session,
        [
            (
                Note,
                [
                    {
                        **cleaned,
                        "id": note_id,
                        "activity_id": activity_id,
                        "created_at": now,
                        "updated_at": now,  # equal times: never edited
                    }
                ],
            ),
            (NoteGroup, [{"note_id": note_id, "group_id": g} for g in group_ids.values()]),
            (
                NotePrinciple,
                [{"note_id": note_id, "principle_number": n} for n in sorted(principle_numbers)],
            ),
            (NoteService, [{"note_id": note_id, "service_id": s} for s in service_ids.values()]),
        ],
    )
    audit.record(session, "note.create", "note", note_id)
    note = written[0][0]  # the note's row as inserted, defaults filled in
    return _to_view(
        SimpleNamespace(**{"deleted_at": None, **note}),
        activity_title,
        groups=sorted(group_ids),
        principles=sorted(principle_numbers),
        services=sorted(service_ids),
        themes=(),
    )


def update_note(session: Session, *, note_id: str, edit: NoteEdit) -> NoteView:
    """Set what `edit` names: its fields (one audited update), then its tag families."""
    note = _load(session, note_id)
    if edit.fields:
        for name, value in _clean(dict(edit.fields)).items():
            setattr(note, name, value)
        session.flush()
        audit.record(session, "note.update", "note", note.id)
    if edit.tags:
        _set_tags(session, note, **edit.tags)
    return get_note(session, note_id=note_id)


def set_note_tags(
    session: Session,
    *,
    note_id: str,
    groups: Sequence[str] | None = None,
    principles: Sequence[int] | None = None,
    services: Sequence[str] | None = None,
) -> NoteView:
    """Replace one or more tag families of a note (None leaves a family as it is)."""
    _set_tags(
        session, _load(session, note_id), groups=groups, principles=principles, services=services
    )
    return get_note(session, note_id=note_id)


def _set_tags(
    session: Session,
    note: Note,
    *,
    groups: Sequence[str] | None = None,
    principles: Sequence[int] | None = None,
    services: Sequence[str] | None = None,
) -> None:
    if groups is not None:
        ids = _ids_for_keys(session, Group, groups, "groups")
        _replace_links(session, NoteGroup, note.id, "group_id", set(ids.values()))
    if principles is not None:
        numbers = _check_principles(principles)
        _replace_links(session, NotePrinciple, note.id, "principle_number", numbers)
    if services is not None:
        ids = _ids_for_keys(session, Service, services, "services")
        _replace_links(session, NoteService, note.id, "service_id", set(ids.values()))
    note.updated_at = utc_now()
    session.flush()
    audit.record(session, "note.tags", "note", note.id)


def _replace_links(
    session: Session,
    link: type[NoteGroup] | type[NotePrinciple] | type[NoteService],
    note_id: str,
    column: str,
    wanted: set[Any],
) -> None:
    existing = {
        getattr(row, column): row
        for row in session.scalars(select(link).where(link.note_id == note_id))
    }
    for value, row in existing.items():
        if value not in wanted:
            session.delete(row)
    for value in wanted - set(existing):
        session.add(link(note_id=note_id, **{column: value}))


def delete_note(session: Session, *, note_id: str) -> None:
    """Move a note to the bin; it keeps its text and tags and can be restored."""
    note = _load(session, note_id)
    note.deleted_at = utc_now()
    audit.record(session, "note.delete", "note", note.id)


def restore_note(session: Session, *, note_id: str) -> None:
    note = _load(session, note_id)
    note.deleted_at = None
    audit.record(session, "note.restore", "note", note.id)


def get_note(session: Session, *, note_id: str) -> NoteView:
    views = note_views(session, [note_id])
    if not views:
        raise NotFound("note", note_id)
    return views[0]


def list_notes(
    session: Session, *, activity_id: str | None = None, deleted: bool = False
) -> list[NoteView]:
    """Notes of one activity (or all), oldest first; `deleted=True` lists the bin instead."""
    query = select(Note.id)
    if activity_id is not None:
        query = query.where(Note.activity_id == activity_id)
    query = query.where(Note.deleted_at.is_not(None) if deleted else Note.deleted_at.is_(None))
    return note_views(session, list(session.scalars(query.order_by(Note.created_at, Note.id))))


def _to_view(
    note: Any,
    activity_title: str,
    *,
    groups: Iterable[str],
    principles: Iterable[int],
    services: Iterable[str],
    themes: Iterable[str],
) -> NoteView:
    return NoteView(
        id=note.id,
        activity_id=note.activity_id,
        activity_title=activity_title,
        **{name: getattr(note, name) for name in EDIT_FIELDS},
        created_at=note.created_at,
        updated_at=note.updated_at,
        deleted=note.deleted_at is not None,
        group_keys=tuple(groups),
        principle_numbers=tuple(principles),
        service_keys=tuple(services),
        theme_ids=tuple(themes),
    )
