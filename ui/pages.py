"""The page registry: each feature adds a PageSpec, and the main window builds its navigation.

Later features (themes and actions, reports, dashboard, sync) add their spec to DEFAULT_PAGES,
or pass their own list to MainWindow; nothing else in the window changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from ui.services import Services


class Navigator(Protocol):
    """What a page may ask of the main window."""

    file_menu: QMenu

    def show_page(self, key: str) -> QWidget | None: ...

    def open_activity(self, activity_id: str, note_id: str | None = None) -> None: ...

    def show_status(self, text: str) -> None: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # shown in the navigation list and the View menu
    factory: Callable[[Services, Navigator], QWidget]
    shortcut: str = ""
    # Called once when a store is unlocked (e.g. to offer back a draft saved before a crash).
    on_workspace_open: Callable[[Services, Navigator], None] | None = None


def default_pages() -> list[PageSpec]:
    # Imported here so that importing the registry does not import every feature.
    from ui.activities.activities_page import ActivitiesPage
    from ui.capture.capture_page import CapturePage, offer_recovered_draft
    from ui.capture.review_page import ReviewPage, watch_review_count
    from ui.dashboard.dashboard_page import DashboardPage
    from ui.find.find_page import FindPage
    from ui.preferences.preferences_page import PreferencesPage
    from ui.privacy.data_held_page import DataHeldPage
    from ui.reports.reports_page import ReportsPage
    from ui.sync.sync_page import SyncPage
    from ui.taxonomy.taxonomy_page import TaxonomyPage
    from ui.themes.themes_page import ThemesPage

    return [
        PageSpec("activities", "Activities", ActivitiesPage, "Ctrl+Shift+A"),
        PageSpec("capture", "Capture", CapturePage, "Ctrl+Shift+C", offer_recovered_draft),
        PageSpec("find", "Find notes", FindPage, "Ctrl+F"),
        PageSpec("review", "To review", ReviewPage, "Ctrl+Shift+V", watch_review_count),
        PageSpec("themes", "Themes and actions", ThemesPage, "Ctrl+Shift+H"),
        PageSpec("reports", "Reports", ReportsPage, "Ctrl+Shift+R"),
        PageSpec("dashboard", "Dashboard", DashboardPage, "Ctrl+Shift+D"),
        PageSpec("taxonomy", "Groups and services", TaxonomyPage, "Ctrl+Shift+T"),
        PageSpec("sync", "Sync", SyncPage, "Ctrl+Shift+Y"),
        PageSpec("data-held", "Data held", DataHeldPage),
        PageSpec("preferences", "Settings", PreferencesPage, "Ctrl+,"),
    ]
