"""The page registry: each feature adds a PageSpec, and the main window builds its navigation.

Later features (themes and actions, reports, dashboard, sync) add their spec to DEFAULT_PAGES,
or pass their own list to MainWindow; nothing else in the window changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from ui.services import Services


class Navigator(Protocol):
    """What a page may ask of the main window."""

    file_menu: QMenu

    def show_page(self, key: str) -> QWidget | None: ...

    def open_activity(self, activity_id: str, note_id: str | None = None) -> None: ...

    def show_status(self, text: str) -> None: ...


class PageFactory(Protocol):
    """Builds a page. The window passes the page's final parent: a page built without one and
    re-parented afterwards is re-polished under the application's style sheet, costing about as
    much again as building it."""

    def __call__(
        self, services: Services, navigator: Navigator, *, parent: QWidget | None = None
    ) -> QWidget: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # shown in the navigation list and the View menu
    factory: PageFactory
    shortcut: str = ""
    # Called once when a store is unlocked (e.g. to offer back a draft saved before a crash).
    on_workspace_open: Callable[[Services, Navigator], None] | None = None


class LazyFactory:
    """A page factory that imports its page's module only when the page is first built.

    Importing every page at start-up would pull in ReportLab, openpyxl and the sync transports
    before the first window paints; none of them is needed to show one page.
    """

    def __init__(self, module: str, attribute: str) -> None:
        self.module = module
        self.attribute = attribute

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(self.module), self.attribute)(*args, **kwargs)

    def __repr__(self) -> str:
        return f"LazyFactory({self.module}.{self.attribute})"


def _page(module: str, name: str) -> LazyFactory:
    return LazyFactory(f"ui.{module}", name)


def default_pages() -> list[PageSpec]:
    return [
        PageSpec(
            "activities",
            "Activities",
            _page("activities.activities_page", "ActivitiesPage"),
            "Ctrl+Shift+A",
        ),
        PageSpec(
            "capture",
            "Capture",
            _page("capture.capture_page", "CapturePage"),
            "Ctrl+Shift+C",
            _page("capture.recovered_draft", "offer_recovered_draft"),
        ),
        PageSpec("find", "Find notes", _page("find.find_page", "FindPage"), "Ctrl+F"),
        PageSpec(
            "review",
            "To review",
            _page("capture.review_page", "ReviewPage"),
            "Ctrl+Shift+V",
            _page("capture.review_count", "watch_review_count"),
        ),
        PageSpec(
            "themes",
            "Themes and actions",
            _page("themes.themes_page", "ThemesPage"),
            "Ctrl+Shift+H",
        ),
        PageSpec(
            "reports", "Reports", _page("reports.reports_page", "ReportsPage"), "Ctrl+Shift+R"
        ),
        PageSpec(
            "dashboard",
            "Dashboard",
            _page("dashboard.dashboard_page", "DashboardPage"),
            "Ctrl+Shift+D",
        ),
        PageSpec(
            "taxonomy",
            "Groups and services",
            _page("taxonomy.taxonomy_page", "TaxonomyPage"),
            "Ctrl+Shift+T",
        ),
        PageSpec("sync", "Sync", _page("sync.sync_page", "SyncPage"), "Ctrl+Shift+Y"),
        PageSpec("data-held", "Data held", _page("privacy.data_held_page", "DataHeldPage")),
        PageSpec(
            "preferences",
            "Settings",
            _page("preferences.preferences_page", "PreferencesPage"),
            "Ctrl+,",
        ),
    ]
