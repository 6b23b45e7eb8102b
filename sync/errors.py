"""Errors of sync; every message is safe to show (names files and ids, never note text)."""

from __future__ import annotations


class SyncError(Exception):
    """Sync could not finish; what was applied before stays applied, nothing is half-applied."""


class SyncFolderUnavailable(SyncError):
    """The shared folder is missing or went away (USB stick pulled, network drive offline)."""


class SyncKeyError(SyncError):
    """The organisation sync key is missing, damaged, or not the one this folder uses."""


class BundleRejected(SyncError):
    """A bundle failed a check (length, hash, authentication tag, format); it is retried later."""


class CloneDetected(SyncError):
    """This store carries the device id of another copy (restored from backup, or copied)."""
