"""One Selection: which notes and activities a piece of work covers (Find, reports, exports)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from domain.errors import InvalidInput


@dataclass(frozen=True)
class Selection:
    """Which notes and activities a search, report, export or dashboard covers.

    Activities are chosen by date (inclusive UTC days of `starts_at`), id and area. Notes are the
    live notes of those activities that also meet every note criterion set; within one criterion
    any listed value will do (two groups: notes about either). When any note criterion is set,
    only activities holding a selected note are covered. Groups match their sub-groups too unless
    `include_subgroups` is False. An unknown activity, group, service or theme is an error that
    names it, never an empty result. Nothing set selects every live note and activity.
    """

    date_from: date | None = None
    date_to: date | None = None
    activity_ids: tuple[str, ...] = ()
    area: str | None = None
    group_keys: tuple[str, ...] = ()
    include_subgroups: bool = True
    theme_ids: tuple[str, ...] = ()
    service_keys: tuple[str, ...] = ()
    principles: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    sentiments: tuple[str, ...] = ()
    text: str = ""
    needs_review: bool | None = None

    @property
    def is_everything(self) -> bool:
        return self.narrowed_by() == ()

    def narrowed_by(self) -> tuple[str, ...]:
        """The names of the criteria that are set (include_subgroups is a modifier, not one)."""
        return tuple(
            f.name
            for f in fields(self)
            if f.name != "include_subgroups" and getattr(self, f.name) not in (None, (), "")
        )

    @property
    def narrows_notes(self) -> bool:
        """True when a criterion of the notes themselves (not of their activities) is set."""
        return bool(set(self.narrowed_by()) - ACTIVITY_CRITERIA)

    def describe(self) -> str:
        """A short line for a report's cover (counts, not ids; empty when only dates are set)."""
        parts = []
        if self.area:
            parts.append(self.area)
        counted = (
            (self.activity_ids, "chosen activity", "chosen activities"),
            (self.group_keys, "chosen group", "chosen groups"),
            (self.theme_ids, "chosen theme", "chosen themes"),
            (self.service_keys, "chosen service", "chosen services"),
            (self.principles, "chosen principle", "chosen principles"),
        )
        parts.extend(
            f"{len(chosen)} {one if len(chosen) == 1 else many}"
            for chosen, one, many in counted
            if chosen
        )
        if self.group_keys and not self.include_subgroups:
            parts.append("groups without their sub-groups")
        if self.needs_review is not None:
            parts.append("notes to review" if self.needs_review else "reviewed notes")
        return ", ".join(parts)

    def describe_in_full(self) -> str:
        """One line for an export's README sheet (ids and keys only: never personal text)."""
        parts = []
        if self.date_from:
            parts.append(f"activities from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"activities to {self.date_to.isoformat()}")
        if self.activity_ids:
            parts.append(f"activities {', '.join(self.activity_ids)}")
        if self.area:
            parts.append(f"area {self.area}")
        if self.group_keys:
            which = "and their sub-groups" if self.include_subgroups else "only, not sub-groups"
            parts.append(f"notes tagged {', '.join(self.group_keys)} ({which})")
        listed = (
            (self.theme_ids, "notes of theme"),
            (self.service_keys, "notes about service"),
            (tuple(str(n) for n in self.principles), "notes showing principle"),
            (self.kinds, "notes of kind"),
            (self.sentiments, "notes with sentiment"),
        )
        parts.extend(f"{what} {', '.join(chosen)}" for chosen, what in listed if chosen)
        if self.text.strip():
            parts.append("notes matching the words searched for")
        if self.needs_review is not None:
            parts.append("notes to review" if self.needs_review else "reviewed notes")
        return "; ".join(parts) if parts else "everything in the store"


# Criteria that choose activities; every other criterion chooses notes within them.
ACTIVITY_CRITERIA = frozenset({"date_from", "date_to", "activity_ids", "area"})


def parse_date(text: str, field: str) -> date | None:
    """A typed YYYY-MM-DD date, None when left empty; InvalidInput naming the field otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a date: use YYYY-MM-DD") from None


def parse_date_range(
    start: str, end: str, *, fields: tuple[str, str] = ("from", "to")
) -> tuple[date | None, date | None]:
    """A typed from/to pair of dates (either may be empty); the end may not come first."""
    date_from, date_to = parse_date(start, fields[0]), parse_date(end, fields[1])
    check_date_range(date_from, date_to)
    return date_from, date_to


def check_date_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("to", "the end date is before the start date")
