"""Which quotes a report shows: shared with every format (exporters.report_text.quotes)."""

from exporters.report_text.quotes import select_quotes

__all__ = ["select_quotes"]
