"""At unlock: offer back capture drafts that survived a crash (light: runs at every start)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from domain.drafts import list_drafts
from domain.errors import DomainError
from ui.capture.draft_keeper import is_capture_slot
from ui.pages import Navigator
from ui.services import Services


def offer_recovered_draft(services: Services, navigator: Navigator) -> None:
    """If capture drafts with text survived a crash, open the latest one's activity and offer
    it; the others wait in their own activities. The capture page is built only when needed."""
    drafts = services.read(
        lambda s: [
            d
            for d in list_drafts(s)
            if is_capture_slot(d.slot) and d.activity_id is not None and _is_live(s, d.activity_id)
        ]
    )
    if not drafts:
        return
    from ui.capture.capture_page import CapturePage

    latest = drafts[0]
    assert latest.activity_id is not None
    navigator.open_activity(latest.activity_id)
    page = navigator.show_page("capture")
    if isinstance(page, CapturePage) and page.activity is not None:
        others = len({d.activity_id for d in drafts[1:]} - {latest.activity_id})
        page.offer_draft(latest, others=others)


def _is_live(session: Session, activity_id: str) -> bool:
    from domain.activities import get_activity  # only when a draft survived

    try:
        return not get_activity(session, activity_id=activity_id).deleted
    except DomainError:
        return False
