"""Changes: which kinds of records a write touched, so the window refreshes only those views."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields


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
        return any(getattr(self, f.name) for f in fields(self) if f.type in ("bool", bool))

    def touches_notes_of(self, activity_id: str) -> bool:
        """Whether a view of this activity's notes has to reload."""
        return self.notes and (not self.note_activity_ids or activity_id in self.note_activity_ids)

    def touches_activity(self, activity_id: str) -> bool:
        """Whether a view showing this activity's own fields has to reload."""
        return self.activities and (not self.activity_ids or activity_id in self.activity_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            notes=self.notes or other.notes,
            activities=self.activities or other.activities,
            themes=self.themes or other.themes,
            actions=self.actions or other.actions,
            taxonomy=self.taxonomy or other.taxonomy,
            settings=self.settings or other.settings,
            sync_state=self.sync_state or other.sync_state,
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
