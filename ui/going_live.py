"""The workspace painted from the first look (rows read before the store opened), then handed
the live store: start-up shows the activities list before SQLAlchemy has even loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.database import Store
    from ui.main_window import MainWindow


def warn_about_exposure(window: MainWindow, path: Path) -> None:
    """Say so when others on this computer can read the store, or the keyring was refused."""
    from models.database import store_warnings

    exposed = store_warnings(path)
    if exposed:
        window._message_box(
            window, window.tr("Your store can be read by others"), "\n\n".join(exposed)
        )
    refusal = window.access.keyring.refusal if window.access is not None else ""
    if refusal:
        window.show_status(refusal)


def attach_store(window: MainWindow, store: Store) -> None:
    """What the workspace needs of its store beyond the list's first page."""
    services = window.services
    assert services is not None
    services.store = store
    services.runner.use_store(store)
    services.first_look = None  # the live store answers from now on
    window.preferences.attach_store(store, services.runner)  # the last place and lead
    warn_about_exposure(window, store.path)


def go_live(window: MainWindow, open_live: Callable[[], Store | None]) -> bool:
    """Once the first look has painted: open the store as usual and hand it to the workspace.

    True when it did. Should opening fail now (it read the store a moment ago), the workspace
    is put away and the window asks for what it needs, as when it starts without a first look.
    """
    try:
        store = open_live()
    except Exception:  # the unlock page or its retry says what is wrong, in words
        store = None
    if window.services is None:  # closed before it painted
        if store is not None:
            store.close()
        return False
    if store is None:
        _put_workspace_away(window)
        window.start()
        return False
    attach_store(window, store)
    return True


def _put_workspace_away(window: MainWindow) -> None:
    services, window.services = window.services, None
    assert services is not None
    services.runner.shutdown()
    for page in window.pages.values():
        page.deleteLater()
    window.pages = {}
    window.stack.removeWidget(window.workspace)
    window.workspace.deleteLater()
    del window.workspace
    window._set_workspace_actions_enabled(False)
