"""The "Before you generate" lines of the Reports page: what a report would lack or leave out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.loop import ReportReadiness


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportsPage", text)


def readiness_lines(ready: ReportReadiness, variant: str) -> tuple[list[str], bool]:
    """The lines to show, and whether the report can be generated as it stands."""
    lines = [_tr("{n} themes in this scope.").format(n=ready.themes_in_scope)]
    lines += [
        _tr("Missing: {what}, under “Who the report is from”.").format(what=what)
        for what in ready.organisation_missing
    ]
    easy_read_blocked = variant == "easy-read" and not ready.easy_read_ready
    if variant == "easy-read":
        lines += [
            _tr("Missing: the Easy Read summary of the theme “{t}”.").format(t=t)
            for t in ready.themes_missing_easy_read
        ]
        lines += [
            _tr("Missing: the Easy Read version of the action “{a}”.").format(a=a)
            for a in ready.actions_missing_easy_read
        ]
        if easy_read_blocked:
            lines.append(_tr("Write these on the Themes page, then generate."))
    if variant != "coordinator":
        for count, why in (
            (ready.quotes_without_consent, _tr("no consent to quote")),
            (ready.quotes_safeguarding, _tr("a safeguarding concern")),
            (ready.quotes_waiting_for_review, _tr("“needs review” still on them")),
            (ready.quotes_with_identifiers, _tr("names, numbers or addresses in them")),
        ):
            if count == 1:
                lines.append(_tr("Left out: 1 quote with {why}.").format(why=why))
            elif count:
                lines.append(_tr("Left out: {n} quotes with {why}.").format(n=count, why=why))
    if len(lines) == 1:
        lines.append(_tr("Nothing is missing."))
    return lines, not (easy_read_blocked or ready.organisation_missing)
