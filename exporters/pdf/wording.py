"""Report wording lives with the shared report text (exporters.report_text.wording)."""

from exporters.report_text.wording import (
    EASY_READ_MAX_WORDS,
    STANDARD_FORMATS,
    action_line,
    late_words,
    long_date,
    other_formats,
    period,
    sentences,
    too_long,
    with_full_stop,
)

__all__ = [
    "EASY_READ_MAX_WORDS",
    "STANDARD_FORMATS",
    "action_line",
    "late_words",
    "long_date",
    "other_formats",
    "period",
    "sentences",
    "too_long",
    "with_full_stop",
]
