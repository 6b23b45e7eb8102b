"""Identifiers and clocks shared by every entity: UUIDv7 strings and UTC times."""

from __future__ import annotations

from datetime import UTC, datetime

import uuid_utils


def new_id() -> str:
    """A UUIDv7 string: created on the device, sortable by creation time."""
    return str(uuid_utils.uuid7())


def utc_now() -> datetime:
    """Now, as a naive UTC datetime (SQLite stores no zone; everything stored is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)
