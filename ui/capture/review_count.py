"""At unlock: the sidebar's "To review" count (light: runs at every start, before any page)."""

from __future__ import annotations

from app.changes import Changes
from domain.review import count_to_review
from ui.pages import Navigator
from ui.services import Services


def watch_review_count(services: Services, navigator: Navigator) -> None:
    """The sidebar's "To review" entry shows how many notes wait, kept up to date."""

    def update(_change: Changes | None = None) -> None:
        count = services.read(count_to_review)
        setter = getattr(navigator, "set_section_count", None)
        if callable(setter):
            setter("review", count)

    services.events.notes_did_change.connect(update)
    update()
