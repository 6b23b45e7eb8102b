"""Report content with hostile text in every field a person can type."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from domain.report_content import CoordinatorContent, ReportContent
from exporters.pdf.sample_content import community_sample, coordinator_sample

#: Markup, a script, an event handler, a javascript: link and a right-to-left override.
HOSTILE = (
    '<script>alert("x")</script> <a href="javascript:alert(1)">click</a> '
    "<img src=x onerror=alert(2)> &amp; \u202etxet desrever\u202c <!-- c --> ]]>"
)
# Codes and ids are not typed by people (and a picture code must stay a picture code).
_KEEP = {"language", "picture", "theme_id", "note_id", "action_id", "key"}


def _hostile(value: Any, name: str = "") -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _hostile(getattr(value, f.name), f.name) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_hostile(item, name) for item in value)
    if isinstance(value, str) and not isinstance(value, enum.Enum) and name not in _KEEP:
        return f"{value} {HOSTILE}" if value else value
    return value


def hostile_community() -> ReportContent:
    content: ReportContent = _hostile(community_sample())
    # A real address, so the mailto: link is made from it (and still escaped).
    contact = dataclasses.replace(
        content.contact, email='javascript:alert(1)"<b>@evil.example', phone="0113 <b>496</b> 0000"
    )
    return dataclasses.replace(content, contact=contact)


def hostile_coordinator() -> CoordinatorContent:
    content: CoordinatorContent = _hostile(coordinator_sample())
    return content
