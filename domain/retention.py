"""Retention rules: how long each kind of record is kept, set by the organisation (synced).

The defaults, and why, are in the README ("How long records are kept"). A kind with no stored
rule keeps its default; a rule of 0 keeps that kind until someone deletes it by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from models.entities import RetentionRule
from models.ids import utc_now


class RecordKind(StrEnum):
    """The kinds of record a retention rule covers."""

    NOTES = "notes"
    ACTIVITIES = "activities"
    THEMES = "themes"  # themes and the actions taken on them, kept and let go together
    AUDIT = "audit"
    DRAFTS = "drafts"
    BIN = "bin"


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


MAX_AMOUNT = {Unit.DAYS: 36_600, Unit.MONTHS: 1_200, Unit.YEARS: 100}


@dataclass(frozen=True)
class Period:
    """A length of time; `amount` 0 means "keep until deleted by hand"."""

    amount: int
    unit: Unit

    @property
    def keeps_forever(self) -> bool:
        return self.amount == 0

    def __str__(self) -> str:
        if self.keeps_forever:
            return "keep until deleted by hand"
        noun = self.unit.value if self.amount != 1 else self.unit.value[:-1]
        return f"{self.amount} {noun}"

    @property
    def short(self) -> str:
        """As typed on the command line: 2y, 18m, 30d, or never."""
        return "never" if self.keeps_forever else f"{self.amount}{self.unit.value[0]}"

    def cutoff(self, now: datetime) -> datetime | None:
        """Records dated before this are past their date (None: nothing ever is)."""
        if self.keeps_forever:
            return None
        if self.unit is Unit.DAYS:
            return now - timedelta(days=self.amount)
        months = self.amount * (12 if self.unit is Unit.YEARS else 1)
        return _months_before(now, months)


def _months_before(moment: datetime, months: int) -> datetime:
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    # 29 February less a year, 31 March less a month: the last day of that month.
    days_in_month = (datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, days_in_month))


_PERIOD = re.compile(r"^\s*(\d{1,6})\s*([a-z]+)\s*$")
_UNITS = {
    "d": Unit.DAYS,
    "day": Unit.DAYS,
    "days": Unit.DAYS,
    "m": Unit.MONTHS,
    "month": Unit.MONTHS,
    "months": Unit.MONTHS,
    "y": Unit.YEARS,
    "year": Unit.YEARS,
    "years": Unit.YEARS,
}
_FOREVER = {"never", "keep", "forever", "0"}


def parse_period(text: str, *, field: str = "period") -> Period:
    """ "2y", "18 months", "30d" or "never"; InvalidInput naming the field otherwise."""
    cleaned = text.strip().lower()
    if cleaned in _FOREVER:
        return Period(0, Unit.YEARS)
    match = _PERIOD.match(cleaned)
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        raise InvalidInput(
            field,
            f"{text.strip()!r} is not a period: give a number and days, months or years "
            "(for example 30d, 18m, 2y), or never",
        )
    return checked_period(int(match.group(1)), unit, field=field)


def checked_period(amount: int, unit: Unit | str, *, field: str = "period") -> Period:
    try:
        chosen = Unit(unit)
    except ValueError:
        raise InvalidInput(field, f"{unit!r} is not days, months or years") from None
    if amount < 0 or amount > MAX_AMOUNT[chosen]:
        raise InvalidInput(field, f"give between 0 and {MAX_AMOUNT[chosen]} {chosen.value}")
    return Period(amount, chosen)


@dataclass(frozen=True)
class KindInfo:
    label: str
    counted_from: str  # what the period is counted from, in words
    default: Period


KINDS: dict[RecordKind, KindInfo] = {
    RecordKind.NOTES: KindInfo("Notes", "after the activity", Period(2, Unit.YEARS)),
    RecordKind.ACTIVITIES: KindInfo(
        "Activities (with any notes still held)", "after the activity", Period(6, Unit.YEARS)
    ),
    RecordKind.THEMES: KindInfo(
        "Themes and their actions", "after the last change to them", Period(6, Unit.YEARS)
    ),
    RecordKind.AUDIT: KindInfo("Audit entries", "after the entry", Period(6, Unit.YEARS)),
    RecordKind.DRAFTS: KindInfo("Drafts", "after last typed in", Period(7, Unit.DAYS)),
    RecordKind.BIN: KindInfo("The bin", "after being deleted", Period(30, Unit.DAYS)),
}


# Which rule covers each kind of record the Data held summary lists (domain.data_held).
HELD_KINDS = {
    "Notes": RecordKind.NOTES,
    "Notes in the bin": RecordKind.BIN,
    "Activities": RecordKind.ACTIVITIES,
    "Themes": RecordKind.THEMES,
    "Actions": RecordKind.THEMES,
    "Drafts": RecordKind.DRAFTS,
    "Audit entries": RecordKind.AUDIT,
}


@dataclass(frozen=True)
class Rule:
    kind: RecordKind
    label: str
    counted_from: str
    period: Period
    is_default: bool

    @property
    def in_words(self) -> str:
        if self.period.keeps_forever:
            return str(self.period)
        return f"{self.period} {self.counted_from}"


def parse_kind(text: str) -> RecordKind:
    try:
        return RecordKind(text.strip().lower())
    except ValueError:
        known = ", ".join(kind.value for kind in RecordKind)
        raise InvalidInput("kind", f"{text.strip()!r} is not one of {known}") from None


def retention_rules(session: Session) -> tuple[Rule, ...]:
    """Every kind's rule, in a fixed order: the organisation's where set, else the default."""
    stored = {row.kind: row for row in session.scalars(select(RetentionRule))}
    rules = []
    for kind, info in KINDS.items():
        row = stored.get(kind.value)
        period = info.default
        if row is not None:
            try:
                period = checked_period(row.amount, row.unit)
            except InvalidInput:
                row = None  # a rule from a newer release this one cannot read: keep the default
        rules.append(Rule(kind, info.label, info.counted_from, period, row is None))
    return tuple(rules)


def rule_for(session: Session, kind: RecordKind) -> Rule:
    return next(rule for rule in retention_rules(session) if rule.kind is kind)


def set_rule(session: Session, kind: RecordKind, period: Period) -> Rule:
    """Store the organisation's rule for a kind (synced to every device)."""
    row = session.get(RetentionRule, kind.value)
    if row is None:
        session.add(RetentionRule(kind=kind.value, amount=period.amount, unit=period.unit.value))
    elif (row.amount, row.unit) != (period.amount, period.unit.value):
        row.amount, row.unit, row.updated_at = period.amount, period.unit.value, utc_now()
    session.flush()
    return rule_for(session, kind)


__all__ = [
    "HELD_KINDS",
    "KINDS",
    "Period",
    "RecordKind",
    "Rule",
    "Unit",
    "checked_period",
    "parse_kind",
    "parse_period",
    "retention_rules",
    "rule_for",
    "set_rule",
]
