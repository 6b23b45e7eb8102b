"""What the Sync page says after a sync or a failed one: reports, errors and the next step.

Plain functions, translated in the page's context, so the page itself stays about layout.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync import (
    NewIdentity,
    PasswordFileUnreadable,
    ServerCredentialsRejected,
    ServerNotTrusted,
    ServerUnavailable,
    SyncError,
    SyncReport,
)
from domain.errors import DomainError


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


def report_lines(report: SyncReport, identity: NewIdentity | None, *, server: bool) -> list[str]:
    lines = []
    if identity is not None:
        lines.append(
            _tr(
                "This laptop now syncs as a new device, “{name}”; {n} change(s) went out under it."
            ).format(name=identity.device_name, n=identity.resent_changes)
        )
    if report.cancelled:
        lines.append(_tr("Sync cancelled: what was applied stays; the rest comes next time."))
    if server:
        summary = _tr(
            "Sent {sent} change(s) to the server; received {changes} change(s) in {applied} "
            "batch(es); {waiting} held back; {held} set aside; {conflicts} conflict(s) to review."
        )
    else:
        summary = _tr(
            "Sent {sent} bundle(s); applied {applied} ({changes} changes); {waiting} "
            "waiting for other bundles; {held} set aside; {conflicts} conflict(s) to review."
        )
    lines.append(
        summary.format(
            sent=report.published,
            applied=report.applied,
            changes=report.ops_applied,
            waiting=report.waiting,
            held=report.quarantined,
            conflicts=report.conflicts,
        )
    )
    lines += [_tr("Warning: ") + text for text in (*report.warnings, *report.problems)]
    return lines


def failure_text(error: BaseException) -> str:
    """The reason, then what to do next on the page for the server's usual failures."""
    return _tr("Error: ") + worded(error) + advice(error)


def advice(error: BaseException) -> str:
    if isinstance(error, (ServerCredentialsRejected, PasswordFileUnreadable)):
        return _tr("\nType the device's password again, or use the password file.")
    if isinstance(error, ServerNotTrusted):
        return _tr(
            "\nChoose your organisation's CA certificate (from your administrator); never "
            "weaken sslmode to get past this."
        )
    if isinstance(error, ServerUnavailable):
        return _tr(
            "\nCheck the network (or VPN) and the server URL, then sync again; nothing already "
            "sent or received is lost."
        )
    return ""


def worded(error: BaseException) -> str:
    """Sync and domain errors are worded for people (and never hold note text)."""
    if isinstance(error, (SyncError, DomainError)):
        return str(error)
    return f"{type(error).__name__}: {error}"
