"""NoteFields: a note's own fields and tags as people type them, declared once for every layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol

from domain.vocabulary import (
    DEFAULT_NOTE_KIND,
    DEFAULT_SENTIMENT,
    Consent,
    NoteKind,
    Sentiment,
    parse,
)

FLAG_FIELDS = (Consent.TO_QUOTE.value, Consent.TO_SHARE.value, "safeguarding")
TAG_FIELDS = ("groups", "principles", "services")
# The fields the capture box and the note editor edit; the speaker and the review flag are
# set by their own use cases (see domain.notes.EDITABLE_FIELDS for every editable field).
OWN_FIELDS = ("body", "kind", "sentiment", *FLAG_FIELDS)


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


@dataclass(frozen=True)
class NoteFields:
    """A note as typed in the capture box or the note editor: what it says, how it is tagged."""

    body: str = ""
    kind: NoteKind = DEFAULT_NOTE_KIND
    sentiment: Sentiment = DEFAULT_SENTIMENT
    consent_to_quote: bool = False
    consent_to_share: bool = False
    safeguarding: bool = False
    groups: tuple[str, ...] = ()
    principles: tuple[int, ...] = ()
    services: tuple[str, ...] = ()

    @classmethod
    def of(cls, note: SavedNote) -> NoteFields:
        """The fields of a saved note (an unknown stored word raises InvalidInput)."""
        return cls(
            body=note.body,
            kind=parse(NoteKind, note.kind, "kind"),
            sentiment=parse(Sentiment, note.sentiment, "sentiment"),
            consent_to_quote=note.consent_to_quote,
            consent_to_share=note.consent_to_share,
            safeguarding=note.safeguarding,
            groups=tuple(note.group_keys),
            principles=tuple(note.principle_numbers),
            services=tuple(note.service_keys),
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> NoteFields:
        """From a plain mapping (a kept draft, say): missing keys take their defaults, unknown
        keys are ignored, and a word no longer in a list falls back to the default."""
        kind = values.get("kind", DEFAULT_NOTE_KIND)
        sentiment = values.get("sentiment", DEFAULT_SENTIMENT)
        return cls(
            body=str(values.get("body", "")),
            kind=NoteKind(kind) if kind in set(NoteKind) else DEFAULT_NOTE_KIND,
            sentiment=Sentiment(sentiment) if sentiment in set(Sentiment) else DEFAULT_SENTIMENT,
            **{flag: bool(values.get(flag, False)) for flag in FLAG_FIELDS},
            groups=tuple(str(key) for key in values.get("groups", ())),
            principles=tuple(int(n) for n in values.get("principles", ())),
            services=tuple(str(key) for key in values.get("services", ())),
        )

    def as_mapping(self) -> dict[str, Any]:
        """Plain values (lists for tags): for drafts and the undo stack."""
        plain: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            plain[field.name] = list(value) if field.name in TAG_FIELDS else value
        for name in ("kind", "sentiment"):
            plain[name] = str(plain[name])
        return plain

    def own_values(self) -> dict[str, Any]:
        """The note's own fields (not its tags), as domain.notes.create_note takes them."""
        return {name: self.as_mapping()[name] for name in OWN_FIELDS}


def changed_fields(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, list[Any]], dict[str, list[Any]]]:
    """(fields before, fields after, tags before, tags after), holding only what changed."""
    own = [name for name in OWN_FIELDS if before[name] != after[name]]
    tags = [name for name in TAG_FIELDS if sorted(before[name]) != sorted(after[name])]
    return (
        {name: before[name] for name in own},
        {name: after[name] for name in own},
        {name: sorted(before[name]) for name in tags},
        {name: sorted(after[name]) for name in tags},
    )
