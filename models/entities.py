"""SQLAlchemy entities for every concept of the data model (DESIGN §2); all times are UTC."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from models.ids import new_id, utc_now

# The word lists (kinds, sentiments, statuses) live in domain.vocabulary; columns hold their
# values as plain strings, so the defaults below are those values spelled out.


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class Timestamped:
    """Created/updated times and the restorable delete flag shared by editable entities."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Meta(Base):
    """Key/value facts about this store (local device id, organisation name)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OrganisationProfile(Base):
    """Who reports come from and how people reach them (one row, id 1; local to this store)."""

    __tablename__ = "organisation_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    post: Mapped[str] = mapped_column(Text, default="")
    text_relay: Mapped[str] = mapped_column(String(60), default="")
    other_formats: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    display_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Principle(Base):
    """One of NHS England's 10 principles: fixed reference data."""

    __tablename__ = "principles"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    short: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)


class Group(Timestamped, Base):
    """A node of the editable excluded-groups taxonomy."""

    __tablename__ = "groups"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("groups.id"), default=None)
    source: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Service(Timestamped, Base):
    """A service people mention (GP, crisis team, housing…), editable."""

    __tablename__ = "services"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Activity(Timestamped, Base):
    """One engagement event: focus group, outreach stall, drop-in, interview…"""

    __tablename__ = "activities"
    # The newest notes first walks live activities by start (domain/search.py, migration 0008).
    __table_args__ = (
        Index("ix_activities_live_starts_at", "starts_at", sqlite_where=text("deleted_at IS NULL")),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32))
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    place: Mapped[str] = mapped_column(String(300), default="")
    area: Mapped[str] = mapped_column(String(200), default="")
    postcode_outward: Mapped[str] = mapped_column(String(8), default="")
    lead: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[list[str]] = mapped_column(default=list)
    topic: Mapped[str] = mapped_column(String(300), default="")
    people_reached: Mapped[int] = mapped_column(Integer, default=0)
    adjustments: Mapped[list[str]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(32), default="done")

    notes: Mapped[list[Note]] = relationship(back_populates="activity")
    groups_reached: Mapped[list[ActivityGroup]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class ActivityGroup(Base):
    """A group reached at an activity, with an optional head count."""

    __tablename__ = "activity_groups"
    activity_id: Mapped[str] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    count: Mapped[int | None] = mapped_column(Integer, default=None)


class Note(Timestamped, Base):
    """Something people said, or the worker observed, at an activity."""

    __tablename__ = "notes"
    __table_args__ = (
        # The oldest and newest notes for the Data held page (migration 0010).
        Index("ix_notes_created_at", "created_at"),
        Index("ix_notes_binned", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
        # The "To review" count at every start, and the review list's order (migration 0011).
        Index(
            "ix_notes_waiting",
            "created_at",
            "id",
            sqlite_where=text("needs_review IS 1 AND deleted_at IS NULL"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    activity_id: Mapped[str] = mapped_column(ForeignKey("activities.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), default="observation")
    sentiment: Mapped[str] = mapped_column(String(16), default="neutral")
    speaker: Mapped[str] = mapped_column(String(200), default="")
    consent_to_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    safeguarding: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)

    activity: Mapped[Activity] = relationship(back_populates="notes")


class NoteGroup(Base):
    __tablename__ = "note_groups"
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"), primary_key=True, index=True)


class NotePrinciple(Base):
    __tablename__ = "note_principles"
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    principle_number: Mapped[int] = mapped_column(
        ForeignKey("principles.number"), primary_key=True, index=True
    )


class NoteService(Base):
    __tablename__ = "note_services"
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[str] = mapped_column(ForeignKey("services.id"), primary_key=True, index=True)


class Theme(Timestamped, Base):
    """'You said': a plain-language summary of what many people raised."""

    __tablename__ = "themes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    easy_read_summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default="open")
    picture: Mapped[str] = mapped_column(String(64), default="")  # OpenMoji code; "" = suggested
    report_back_on: Mapped[date | None] = mapped_column(Date, default=None)
    easy_read_title: Mapped[str] = mapped_column(String(120), default="")


class ThemeNote(Base):
    __tablename__ = "theme_notes"
    theme_id: Mapped[str] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Action(Timestamped, Base):
    """'We did': what was done or decided about a theme."""

    __tablename__ = "actions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"), index=True)
    what_we_did: Mapped[str] = mapped_column(Text)
    easy_read_summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default="planned")
    not_possible_reason: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)
    decision_forum: Mapped[str] = mapped_column(String(300), default="")
    fed_back_on: Mapped[date | None] = mapped_column(Date, default=None)
    fed_back_how: Mapped[str] = mapped_column(String(300), default="")
    late_reason: Mapped[str] = mapped_column(Text, default="")  # why it is past its due date


class Tally(Base):
    """A count kept by triggers (models/tallies.py, migration 0010); never written by code."""

    __tablename__ = "tallies"
    __table_args__ = ({"sqlite_with_rowid": False},)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    activity_id: Mapped[str] = mapped_column(String(36), primary_key=True)  # "" = whole store
    value: Mapped[str] = mapped_column(String(36), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """Who did what when. Never holds personal text: only verbs, entity names and ids."""

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)  # 0013
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))


class RetentionRule(Base):
    """How long one kind of record is kept: set by the organisation, synced to every device.

    A kind with no row keeps the default written in domain.retention (and the README).
    """

    __tablename__ = "retention_rules"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)  # 0: kept until deleted by hand
    unit: Mapped[str] = mapped_column(String(8))  # days, months or years
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class Draft(Base):
    """The text being typed in a capture box, kept so a crash or power cut loses nothing."""

    __tablename__ = "drafts"
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)
    activity_id: Mapped[str | None] = mapped_column(String(36), default=None)
    body: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


__all__ = [
    "Action",
    "Activity",
    "ActivityGroup",
    "AuditEntry",
    "Base",
    "Device",
    "Draft",
    "Group",
    "Meta",
    "Note",
    "NoteGroup",
    "NotePrinciple",
    "NoteService",
    "OrganisationProfile",
    "Principle",
    "RetentionRule",
    "Service",
    "Theme",
    "ThemeNote",
]
