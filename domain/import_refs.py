"""Resolves what an imported workbook names (groups, services, principles, activities, themes)
against the store and the workbook itself, suggesting the closest name when one is unknown."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.exchange import activity_label
from models.entities import Activity, Group, Principle, Service, Theme

_LABELLED = re.compile(r"^(.*)\((\d{4}-\d{2}-\d{2})\)\s*$")
_LEADING_NUMBER = re.compile(r"^\s*(\d+)\b")


class Unresolved(ValueError):
    """A name that matches nothing; the message is safe to show (names are taxonomy labels)."""


def closest(name: str, candidates: Iterable[str]) -> str:
    """'; did you mean …?' for the candidate closest to `name`, or nothing if none is close."""
    by_fold = {candidate.casefold(): candidate for candidate in candidates}
    match = difflib.get_close_matches(name.casefold(), list(by_fold), n=1, cutoff=0.5)
    return f"; did you mean {by_fold[match[0]]!r}?" if match else ""


class Taxonomy:
    """Keys and labels of one tag family (groups or services), resolvable either way."""

    def __init__(self, noun: str, rows: Iterable[tuple[str, str, str]]) -> None:
        self.noun = noun
        self.ids: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self._by_label: dict[str, list[str]] = defaultdict(list)
        for row_id, key, label in rows:
            self.add(key, label, row_id)

    def add(self, key: str, label: str, row_id: str) -> None:
        self.ids[key] = row_id
        self.labels[key] = label
        self._by_label[" ".join(label.split()).casefold()].append(key)

    def key_for(self, name: str) -> str:
        if name in self.ids:
            return name
        keys = self._by_label.get(" ".join(name.split()).casefold(), [])
        if len(keys) == 1:
            return keys[0]
        if len(keys) > 1:
            raise Unresolved(f"{name!r} names several {self.noun}s: use its key ({keys[0]}, …)")
        if name.casefold() in {key.casefold() for key in self.ids}:
            return next(key for key in self.ids if key.casefold() == name.casefold())
        hint = closest(name, [*self.labels.values(), *self.ids])
        raise Unresolved(f"unknown {self.noun} {name!r}{hint}")


def load_groups(session: Session) -> Taxonomy:
    return Taxonomy("group", session.execute(select(Group.id, Group.key, Group.label)))


def load_services(session: Session) -> Taxonomy:
    rows = session.execute(select(Service.id, Service.key, Service.label))
    return Taxonomy("service", rows)


class Principles:
    def __init__(self, session: Session) -> None:
        self.short = dict(session.execute(select(Principle.number, Principle.short)).all())

    def number_for(self, name: str) -> int:
        leading = _LEADING_NUMBER.match(name)
        if leading:
            number = int(leading.group(1))
            if number in self.short:
                return number
            raise Unresolved(f"there is no principle {number} (1 to 10)")
        for number, short in self.short.items():
            if short.casefold() == name.strip().casefold():
                return number
        raise Unresolved(f"unknown principle {name!r}{closest(name, self.short.values())}")


class Activities:
    """Activities by id and by label ('Title (YYYY-MM-DD)') or bare title, store and workbook."""

    def __init__(self, session: Session) -> None:
        self.ids: set[str] = set()
        self._by_label: dict[str, list[str]] = defaultdict(list)
        self._by_title: dict[str, list[str]] = defaultdict(list)
        self._by_key: dict[tuple[str, str], str] = {}
        rows = session.execute(select(Activity.id, Activity.title, Activity.starts_at))
        for activity_id, title, starts in rows:
            self.add(activity_id, title, starts)

    def add(self, activity_id: str, title: str, starts: datetime | None) -> None:
        self.ids.add(activity_id)
        self._by_title[" ".join(title.split()).casefold()].append(activity_id)
        if starts is not None:
            self._by_label[activity_label(title, starts).casefold()].append(activity_id)
            self._by_key[self.content_key(title, starts)] = activity_id

    @staticmethod
    def content_key(title: str, starts: datetime) -> tuple[str, str]:
        return (" ".join(title.split()).casefold(), starts.date().isoformat())

    def matching(self, title: str, starts: datetime) -> str | None:
        return self._by_key.get(self.content_key(title, starts))

    def id_for(self, ref: str) -> str:
        text = " ".join(ref.split())
        found = self._by_label.get(text.casefold(), [])
        if not found and not _LABELLED.match(text):
            found = self._by_title.get(text.casefold(), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise Unresolved(
                f"several activities are called {text!r}: add the date, as in 'Title (2026-03-02)'"
            )
        labels = [label for label in self._by_label if label]
        raise Unresolved(
            f"no activity {text!r} in this workbook or the store{closest(text, labels)}"
        )


class Themes:
    def __init__(self, session: Session) -> None:
        self.ids: set[str] = set()
        self.deleted: set[str] = set()
        self._by_title: dict[str, list[str]] = defaultdict(list)
        rows = session.execute(select(Theme.id, Theme.title, Theme.deleted_at))
        for theme_id, title, deleted_at in rows:
            if deleted_at is not None:
                self.deleted.add(theme_id)
            else:
                self.add(theme_id, title)

    def add(self, theme_id: str, title: str) -> None:
        self.ids.add(theme_id)
        self._by_title[" ".join(title.split()).casefold()].append(theme_id)

    def matching(self, title: str) -> str | None:
        found = self._by_title.get(" ".join(title.split()).casefold(), [])
        return found[0] if found else None

    def id_for(self, title: str) -> str:
        found = self._by_title.get(" ".join(title.split()).casefold(), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise Unresolved(f"several themes are called {title!r}: give the theme id")
        raise Unresolved(f"no theme called {title!r}{closest(title, self._by_title)}")


def normalised_body(body: str) -> str:
    """The content key of a note typed up without an id: its text, ignoring spacing and case."""
    return " ".join(body.split()).casefold()
