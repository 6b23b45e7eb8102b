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
from domain.plain_words import plural


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


def report_lines(report: SyncReport, identity: NewIdentity | None, *, server: bool) -> list[str]:
    lines = []
    if identity is not None:
        lines.append(
            _tr(
                "This laptop now syncs as a new device, “{name}”; {changes} went out under it."
            ).format(name=identity.device_name, changes=_changes(identity.resent_changes))
        )
    if report.cancelled:
        lines.append(_tr("Sync cancelled: what was applied stays; the rest comes next time."))
    lines.append(_summary(report, server=server))
    if report.forgotten:
        lines.append(
            _tr(
                "Removed {notes} from this laptop only: the coordinator's store holds them "
                "(delete after sync)."
            ).format(notes=plural(report.forgotten, _tr("note"), _tr("notes")))
        )
    lines += [_tr("Warning: ") + text for text in (*report.warnings, *report.problems)]
    return lines


def _changes(count: int) -> str:
    return plural(count, _tr("change"), _tr("changes"), none=_tr("no changes"))


def _summary(report: SyncReport, *, server: bool) -> str:
    """One sentence; the counts that are 0 (held back, set aside) are left out."""
    if server:
        parts = [
            _tr("Sent {sent} to the server").format(sent=_changes(report.published)),
            _tr("received {changes}").format(changes=_changes(report.ops_applied)),
        ]
        if report.waiting:
            parts.append(_tr("{n} held back").format(n=plural(report.waiting, _tr("change"))))
    else:
        bundles = plural(report.published, _tr("bundle"), _tr("bundles"), none=_tr("no bundles"))
        parts = [
            _tr("Sent {bundles}").format(bundles=bundles),
            _tr("applied {bundles} ({changes})").format(
                bundles=plural(report.applied, _tr("bundle"), _tr("bundles"), none=_tr("none")),
                changes=_changes(report.ops_applied),
            ),
        ]
        if report.waiting:
            parts.append(
                _tr("{n} waiting for other bundles").format(
                    n=plural(report.waiting, _tr("bundle"), _tr("bundles"))
                )
            )
    if report.quarantined:
        parts.append(_tr("{n} set aside").format(n=report.quarantined))
    parts.append(conflicts_text(report.conflicts))
    return "; ".join(parts) + "."


def conflicts_text(count: int) -> str:
    """'No conflicts', '1 conflict to review', '3 conflicts to review'."""
    return plural(
        count, _tr("conflict to review"), _tr("conflicts to review"), none=_tr("no conflicts")
    )


def synced_toast(report: SyncReport, *, server: bool) -> str:
    """The brief confirmation after a sync: "Synced 12 changes", or "Sync cancelled"."""
    if report.cancelled:
        return _tr("Sync cancelled")
    # The server counts changes both ways; a folder counts what it sent in bundles.
    moved = report.ops_applied + (report.published if server else 0)
    if moved:
        return _tr("Synced {changes}").format(changes=_changes(moved))
    if report.published:
        return _tr("Synced: your changes were sent")
    return _tr("Synced: nothing new")


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
