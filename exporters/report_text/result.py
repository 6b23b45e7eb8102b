"""What a report build returns, and the errors a builder raises for content it refuses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.quoting import NotQuoted

# Why a quote was left out: the domain's privacy rule decides (domain.quoting.quote_decision).
LeftOutReason = NotQuoted


@dataclass(frozen=True, slots=True)
class LeftOutQuote:
    """A quote the builder did not show, and why (for the worker to review)."""

    theme_id: str
    note_id: str
    reason: LeftOutReason


@dataclass(frozen=True, slots=True)
class ReportResult:
    """A finished report: where it is, how long, and what was left out or changed."""

    path: Path
    variant: str
    pages: int
    left_out_quotes: tuple[LeftOutQuote, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. characters no embedded font could show
    format: str = "pdf"  # or "html" (a web page has no pages: `pages` is 0)


class ReportContentError(ValueError):
    """The content cannot make this report; the message says exactly what to fix."""


class EmptyScopeError(ReportContentError):
    """The scope holds nothing to report on."""


class EasyReadContentError(ReportContentError):
    """Easy Read text is missing or too long; `problems` lists each theme/action at fault."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "Easy Read needs plain-language text for every theme and action:\n- "
            + "\n- ".join(problems)
        )


class MissingOrganisationError(ReportContentError):
    """The report cannot say who it is from or how to reach them; `missing` names what."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(
            "Before the first report, give " + " and ".join(missing) + " (Reports page, or "
            "'python main.py organisation'). Reports say who they are from and how to ask for "
            "other formats."
        )
