"""What a report build returns and the content errors: shared with every format
(exporters.report_text.result)."""

from exporters.report_text.result import (
    EasyReadContentError,
    EmptyScopeError,
    LeftOutQuote,
    LeftOutReason,
    MissingOrganisationError,
    ReportContentError,
    ReportResult,
)

__all__ = [
    "EasyReadContentError",
    "EmptyScopeError",
    "LeftOutQuote",
    "LeftOutReason",
    "MissingOrganisationError",
    "ReportContentError",
    "ReportResult",
]
