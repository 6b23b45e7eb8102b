"""NoteFields: a note's own fields and tags as people type them, declared once for every layer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Protocol, get_args, get_type_hints

from domain.errors import InvalidInput
from domain.vocabulary import (
    DEFAULT_NOTE_KIND,
    DEFAULT_SENTIMENT,
    Consent,
    NoteKind,
    Sentiment,
    choices,
    label,
    parse,
)


class SavedNote(Protocol):
    """What NoteFields reads from a saved note (domain.views.NoteView has these)."""

    body: str
    kind: str
    sentiment: str
    consent_to_quote: bool
    consent_to_share: bool
    safeguarding: bool
    group_keys: tuple[str, ...]
    principle_numbers: tuple[int, ...]
    service_keys: tuple[str, ...]


def _shown(heading: str, width: float, *, labels_width: float = 0) -> dict[str, Any]:
    """How a field reads for people: its heading (a workbook column, say), the column's width
    in characters and, for a tag, the width of the column of its readable labels."""
    return {"heading": heading, "width": width, "labels_width": labels_width}


@dataclass(frozen=True)
class NoteFields:
    """A note as typed in the capture box or the note editor: what it says, how it is tagged.

    The one declaration of these fields: the capture box, the note editor, the use cases
    (app.notes.capture_note, domain.notes.create_note) and the workbook layout all follow it.
    Values are checked and normalised on creation: words become their enums (InvalidInput names
    the field when a word is not in its list), tags become tuples.
    """

    body: str = field(default="", metadata=_shown("Note", 60))
    kind: NoteKind = field(default=DEFAULT_NOTE_KIND, metadata=_shown("Kind", 13))
    sentiment: Sentiment = field(default=DEFAULT_SENTIMENT, metadata=_shown("Sentiment", 11))
    consent_to_quote: bool = field(default=False, metadata=_shown(label(Consent.TO_QUOTE), 10))
    consent_to_share: bool = field(default=False, metadata=_shown(label(Consent.TO_SHARE), 10))
    safeguarding: bool = field(default=False, metadata=_shown(label("safeguarding"), 10))
    groups: tuple[str, ...] = field(default=(), metadata=_shown("Group keys", 30, labels_width=40))
    principles: tuple[int, ...] = field(
        default=(), metadata=_shown("Principle numbers", 12, labels_width=30)
    )
    services: tuple[str, ...] = field(
        default=(), metadata=_shown("Service keys", 30, labels_width=30)
    )

    def __post_init__(self) -> None:
        for name in _SHAPES:
            object.__setattr__(self, name, _shaped(name, getattr(self, name)))

    @classmethod
    def of(cls, note: SavedNote) -> NoteFields:
        """The fields of a saved note (an unknown stored word raises InvalidInput)."""
        return cls(
            **{name: getattr(note, name) for name in OWN_FIELDS},
            groups=tuple(note.group_keys),
            principles=tuple(note.principle_numbers),
            services=tuple(note.service_keys),
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> NoteFields:
        """From a plain mapping (a kept draft, say): missing keys take their defaults, unknown
        keys are ignored, and a word no longer in a list falls back to the default."""
        kept: dict[str, Any] = {}
        for each in fields(cls):
            if each.name in values:
                with suppress(InvalidInput):  # a word no longer in its list: the default
                    kept[each.name] = _shaped(each.name, values[each.name])
        return cls(**kept)

    def as_mapping(self) -> dict[str, Any]:
        """Plain values (words as text, lists for tags): for drafts and the undo stack."""
        plain: dict[str, Any] = {}
        for each in fields(self):
            value = getattr(self, each.name)
            if each.name in TAG_FIELDS:
                value = list(value)
            elif isinstance(value, StrEnum):
                value = value.value
            plain[each.name] = value
        return plain

    def own_values(self) -> dict[str, Any]:
        """The note's own fields (not its tags) as stored: plain words and flags."""
        plain = self.as_mapping()
        return {name: plain[name] for name in OWN_FIELDS}


# Derived from the declaration above, for every layer that lists a note's fields.
_HINTS = get_type_hints(NoteFields)
TAG_FIELDS = tuple(name for name, hint in _HINTS.items() if get_args(hint))
# What each field holds: its enum, bool or str, or for a tag the type of its items.
_SHAPES: dict[str, Any] = {
    name: get_args(hint)[0] if name in TAG_FIELDS else hint for name, hint in _HINTS.items()
}
FLAG_FIELDS = tuple(name for name, kind in _SHAPES.items() if kind is bool)
# The fields the capture box and the note editor edit; the speaker and the review flag are
# set by their own use cases (see domain.notes.EDITABLE_FIELDS for every editable field).
OWN_FIELDS = tuple(name for name in _HINTS if name not in TAG_FIELDS)
# A note's two fields set by their own use cases rather than typed: a descriptor of who spoke
# (never a name) and the identifier check's verdict. With OWN_FIELDS, what people may edit.
SET_APART: dict[str, type] = {"speaker": str, "needs_review": bool}
EDIT_FIELDS = (*OWN_FIELDS, *SET_APART)
_EDIT_SHAPES: dict[str, Any] = {**_SHAPES, **SET_APART}
_TAGS = frozenset(TAG_FIELDS)
# The consents are flags of a note named by their field (tests hold Consent and these equal).
CONSENT_FIELDS = tuple(name for name in FLAG_FIELDS if name in set(Consent))
SAFEGUARDING = "safeguarding"


@dataclass(frozen=True)
class FieldShape:
    """How one declared field reads and travels in a workbook."""

    name: str
    heading: str
    kind: str  # text, enum, bool or list (as exporters.xlsx.layout.Column.kind)
    width: float
    choices: tuple[str, ...] = ()
    labels_width: float = 0  # a tag also has a column of readable labels


def field_shapes(declaration: type[NoteFields] = NoteFields) -> tuple[FieldShape, ...]:
    """Every field of the declaration (NoteFields, or in a test one that adds to it), in
    declared order, as the workbook layout shows it."""
    hints = get_type_hints(declaration)
    shapes = []
    for f in fields(declaration):
        tag = bool(get_args(hints[f.name]))
        kind = get_args(hints[f.name])[0] if tag else hints[f.name]
        shapes.append(
            FieldShape(
                f.name,
                f.metadata["heading"],
                "list" if tag else _KINDS.get(kind, "enum"),
                f.metadata["width"],
                choices(kind) if not tag and kind not in _KINDS else (),
                f.metadata["labels_width"],
            )
        )
    return tuple(shapes)


_KINDS: dict[Any, str] = {str: "text", bool: "bool"}


def _shaper(name: str, kind: Any) -> Callable[[Any], Any]:
    """How a value becomes what its field holds: its enum, a flag, text, or a tuple of tags.
    Worked out once per field: saving and importing notes shape every value."""
    if name in TAG_FIELDS:

        def tags(value: Any) -> tuple[Any, ...]:
            try:
                return tuple(kind(item) for item in value)
            except (TypeError, ValueError):
                raise InvalidInput(name, "a tag that is not one of the list") from None

        return tags
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        members = {member.value: member for member in kind}

        def word(value: Any) -> Any:
            found = members.get(value) if isinstance(value, str) else None
            return found if found is not None else parse(kind, value, name)

        return word
    return bool if kind is bool else str


_SHAPERS = {name: _shaper(name, kind) for name, kind in _EDIT_SHAPES.items()}


_WORDS = frozenset(
    name for name, kind in _EDIT_SHAPES.items() if name not in _TAGS and kind not in (bool, str)
)


def _shaped(name: str, value: Any) -> Any:
    return _SHAPERS[name](value)


def stored_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A note's own fields (and the two set apart) as the store holds them: shaped as
    NoteEdit shapes them, words as their plain stored text. Saving and importing call it for
    every note, so it builds no NoteEdit."""
    stored = {}
    for name, value in values.items():
        shape = _SHAPERS.get(name)
        if shape is None or name in _TAGS:
            raise InvalidInput(name, "not a field of a note")
        shaped = shape(value)
        stored[name] = shaped.value if name in _WORDS else shaped
    return stored


@dataclass(frozen=True)
class NoteEdit:
    """What one edit of a saved note sets: only the fields and tag families it names.

    Named as NoteFields names them, plus the two fields set apart from typing (SET_APART);
    values are checked and normalised as NoteFields checks them, so a name that is not a
    field, or a word not in its list, raises InvalidInput naming the field.
    """

    fields: Mapping[str, Any] = field(default_factory=dict)
    tags: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, **values: Any) -> NoteEdit:
        own: dict[str, Any] = {}
        tags: dict[str, tuple[Any, ...]] = {}
        for name, value in values.items():
            shape = _SHAPERS.get(name)
            if shape is None:
                raise InvalidInput(name, "not a field of a note")
            if name in _TAGS:
                tags[name] = tuple(sorted(shape(value)))
            else:
                own[name] = shape(value)
        return cls(own, tags)

    @classmethod
    def between(cls, before: NoteFields, after: NoteFields) -> tuple[NoteEdit, NoteEdit]:
        """(back, forward): what an edit from `before` to `after` changed, each way round, so
        undo puts back exactly what it saw. Tags are compared as sets."""
        changed = [
            f.name
            for f in fields(NoteFields)
            if _compared(f.name, getattr(before, f.name))
            != _compared(f.name, getattr(after, f.name))
        ]
        return (
            cls.of(**{name: getattr(before, name) for name in changed}),
            cls.of(**{name: getattr(after, name) for name in changed}),
        )

    def values(self) -> dict[str, Any]:
        """Every field and tag family named, with its value."""
        return {**self.fields, **self.tags}

    def adding(self, **values: Any) -> NoteEdit:
        """This edit, setting these too."""
        return NoteEdit.of(**{**self.values(), **values})

    def __bool__(self) -> bool:
        return bool(self.fields or self.tags)


def _compared(name: str, value: Any) -> Any:
    return frozenset(value) if name in TAG_FIELDS else value
