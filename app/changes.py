"""Changes: which kinds of records a write touched, so the window refreshes only those views."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


# The kinds of record a write can touch: Changes has one flag for each.
KINDS: Final = (
    "notes",
    "activities",
    "themes",
    "actions",
    "taxonomy",
    "settings",
    "sync_state",
)


def _ids(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@dataclass(frozen=True)
class Changes:
    """What a write changed. Each flag names a kind of record; an empty id set with its flag on
    means "some, unknown which" (refresh all of that kind), so `|` keeps "all" over "these".

    `note_activity_ids` names the activities whose notes changed (a notes list shows one
    activity), `activity_ids` the activities whose own fields changed.
    """

    notes: bool = False
    activities: bool = False
    themes: bool = False  # themes and their links to notes
    actions: bool = False  # "we did" actions on themes
    taxonomy: bool = False  # groups, services, principles
    settings: bool = False
    sync_state: bool = False  # sync log, quarantine, conflicts, devices
    note_ids: frozenset[str] = frozenset()
    note_activity_ids: frozenset[str] = frozenset()
    activity_ids: frozenset[str] = frozenset()

    @classmethod
    def of_notes(cls, *, activity_ids: Iterable[str] = (), note_ids: Iterable[str] = ()) -> Changes:
        """Notes changed: these ones (empty: unknown) in these activities (empty: any)."""
        return cls(notes=True, note_ids=_ids(note_ids), note_activity_ids=_ids(activity_ids))

    @classmethod
    def of_activities(cls, activity_ids: Iterable[str] = ()) -> Changes:
        """Activities' own fields changed: these ones (empty: unknown which)."""
        return cls(activities=True, activity_ids=_ids(activity_ids))

    @classmethod
    def everything(cls) -> Changes:
        """After a restore, an import or a sync: every view reloads."""
        return cls(
            notes=True,
            activities=True,
            themes=True,
            actions=True,
            taxonomy=True,
            settings=True,
            sync_state=True,
        )

    @property
    def any(self) -> bool:
        return any(getattr(self, kind) for kind in KINDS)

    def touches_notes_of(self, activity_id: str) -> bool:
        """Whether a view of this activity's notes has to reload."""
        return self.notes and (not self.note_activity_ids or activity_id in self.note_activity_ids)

    def touches_activity(self, activity_id: str) -> bool:
        """Whether a view showing this activity's own fields has to reload."""
        return self.activities and (not self.activity_ids or activity_id in self.activity_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{kind: getattr(self, kind) or getattr(other, kind) for kind in KINDS},
            note_ids=_merge(self.notes, self.note_ids, other.notes, other.note_ids),
            note_activity_ids=_merge(
                self.notes, self.note_activity_ids, other.notes, other.note_activity_ids
            ),
            activity_ids=_merge(
                self.activities, self.activity_ids, other.activities, other.activity_ids
            ),
        )


NO_CHANGES = Changes()


def _merge(on_a: bool, ids_a: frozenset[str], on_b: bool, ids_b: frozenset[str]) -> frozenset[str]:
    # An empty set under a raised flag means "all": it absorbs any list of ids.
    if (on_a and not ids_a) or (on_b and not ids_b):
        return frozenset()
    return (ids_a if on_a else frozenset()) | (ids_b if on_b else frozenset())


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write returns when the caller also needs a value (the saved note, the report…):
    the task runner hands `changes` to the window and `value` to the caller."""

    value: T
    changes: Changes


def returning(changes: Changes, write: Callable[P, T]) -> Callable[P, Outcome[T]]:
    """A use case that runs `write` and says it changed `changes` (for one-step writes)."""

    @functools.wraps(write)
    def use_case(*args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
        return Outcome(write(*args, **kwargs), changes)

    return use_case


def changes_of(result: object) -> Changes:
    """The Changes a use case's result carries (none for plain reads)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, Outcome):
        return result.changes
    return NO_CHANGES


def entity_changes(entity: str, entity_id: str) -> Changes:
    """What changing one record of a synced table touches, by the table's entity name."""
    if entity == "note":
        return Changes.of_notes(note_ids=[entity_id])
    if entity == "activity":
        return Changes.of_activities([entity_id])
    if entity in ("theme", "action"):
        return Changes(themes=entity == "theme", actions=entity == "action")
    if entity in ("group", "service"):
        return Changes(taxonomy=True)
    return Changes.everything()  # an entity this does not know: reload all rather than miss one
