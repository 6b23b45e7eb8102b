"""Turns the checked rows of an import's sheets into the plain ImportBatch the domain applies."""

from __future__ import annotations

from typing import Any

from domain.exchange import (
    ImportBatch,
    ImportedAction,
    ImportedActivity,
    ImportedGroup,
    ImportedNote,
    ImportedService,
    ImportedTheme,
    Problem,
)
from domain.note_fields import EDIT_FIELDS, TAG_FIELDS
from exporters.xlsx.layout import (
    ACTIONS,
    ACTIVITIES,
    GROUPS,
    NOTES,
    SERVICES,
    THEMES,
    labels_field,
    slot_fields,
)


def build_batch(
    source: str,
    rows: dict[str, list[dict[str, Any]]],
    columns: dict[str, dict[str, str]],
    problems: tuple[Problem, ...],
) -> ImportBatch:
    return ImportBatch(
        source=source,
        groups=[_group(v) for v in rows.get(GROUPS, [])],
        services=[_service(v) for v in rows.get(SERVICES, [])],
        activities=[_activity(v) for v in rows.get(ACTIVITIES, [])],
        themes=[_theme(v) for v in rows.get(THEMES, [])],
        notes=[_note(v) for v in rows.get(NOTES, [])],
        actions=[_action(v) for v in rows.get(ACTIONS, [])],
        columns=columns,
        problems=problems,
        faulty_rows=frozenset((p.sheet, p.row) for p in problems),
    )


def _tags(values: dict[str, Any], tag: str) -> tuple[Any, ...] | None:
    """One tag family: the key column when present, else labels plus the template's slots;
    None when the workbook has no column for it."""
    if tag in values:
        return tuple(values[tag])
    labels, slots = labels_field(tag), slot_fields(tag)
    if labels not in values and not any(f in values for f in slots):
        return None
    found = list(values.get(labels) or ())
    found += [values[f] for f in slots if values.get(f)]
    return tuple(dict.fromkeys(found))


def _group(v: dict[str, Any]) -> ImportedGroup:
    active = v.get("active")
    return ImportedGroup(
        v["row"], v["key"], v["label"], v.get("parent_key"), active is not False, v.get("note", "")
    )


def _service(v: dict[str, Any]) -> ImportedService:
    return ImportedService(v["row"], v["key"], v["label"], v.get("active") is not False)


def _activity(v: dict[str, Any]) -> ImportedActivity:
    reached = v.get("groups_reached", v.get("groups_reached_labels"))
    return ImportedActivity(
        row=v["row"],
        id=v.get("id"),
        title=v.get("title", ""),
        kind=v.get("kind"),
        starts_at=v.get("starts_at"),
        ends_at=v.get("ends_at"),
        place=v.get("place"),
        area=v.get("area"),
        postcode_outward=v.get("postcode_outward"),
        lead=v.get("lead"),
        partners=v.get("partners"),
        topic=v.get("topic"),
        people_reached=v.get("people_reached"),
        adjustments=v.get("adjustments"),
        status=v.get("status"),
        groups_reached=tuple(reached) if reached is not None else None,
    )


def _note(v: dict[str, Any]) -> ImportedNote:
    # Every field and tag family NoteFields declares (and the two set apart) the workbook has
    # a column for: the sheet's columns follow the same declaration.
    fields = {name: v[name] for name in EDIT_FIELDS if v.get(name) is not None}
    tags = {tag: found for tag in TAG_FIELDS if (found := _tags(v, tag)) is not None}
    return ImportedNote(
        row=v["row"],
        id=v.get("id"),
        activity_id=v.get("activity_id"),
        activity_ref=v.get("activity_ref") or "",
        fields={"body": "", **fields},  # a row always has text, if only to be refused
        tags=tags,
        theme_ids=tuple(v["theme_ids"]) if "theme_ids" in v else None,
        created_at=v.get("created_at"),
    )


def _theme(v: dict[str, Any]) -> ImportedTheme:
    return ImportedTheme(
        row=v["row"],
        id=v.get("id"),
        title=v.get("title", ""),
        description=v.get("description"),
        easy_read_summary=v.get("easy_read_summary"),
        status=v.get("status"),
    )


def _action(v: dict[str, Any]) -> ImportedAction:
    return ImportedAction(
        row=v["row"],
        id=v.get("id"),
        theme_id=v.get("theme_id"),
        theme_ref=v.get("theme_ref") or "",
        what_we_did=v.get("what_we_did", ""),
        easy_read_summary=v.get("easy_read_summary"),
        status=v.get("status"),
        not_possible_reason=v.get("not_possible_reason"),
        owner=v.get("owner"),
        due_on=v.get("due_on"),
        completed_on=v.get("completed_on"),
        decision_forum=v.get("decision_forum"),
        fed_back_on=v.get("fed_back_on"),
        fed_back_how=v.get("fed_back_how"),
    )
