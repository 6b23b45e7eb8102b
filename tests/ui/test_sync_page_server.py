"""The Sync page's organisation-server choice against a real throwaway PostgreSQL with TLS:
URL, password (typed or from its file), CA certificate, TLS warning, sync with progress and
cancel, status, and the messages for a server that is down, refuses, or cannot be trusted."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bench.pg_cluster import Cluster, _certificates
from models.database import Store
from sync.keys import read_key_file
from sync.postgres_sync import postgres_status, sync_with_postgres
from sync.server_setup import SERVER, server_setup
from sync.setup import create_organisation_key, import_organisation_key
from tests.sync.postgres.conftest import Server, new_server, pg_cluster  # noqa: F401
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from tests.ui.test_sync_page import (
    FakeDialogs,
    MakeStore,
    add_note,
    digest,
    make_store,  # noqa: F401
    sync_by_page,
    sync_page,
)
from ui.main_window import MainWindow
from ui.sync.sync_page import SyncPage

_organisations = itertools.count(1)


class ServerDialogs(FakeDialogs):
    def __init__(self) -> None:
        super().__init__()
        self.password_path = ""
        self.certificate_path = ""

    def open_password_file(self, parent: object, title: str) -> str:
        return self.password_path

    def open_certificate_file(self, parent: object, title: str) -> str:
        return self.certificate_path


@pytest.fixture(scope="module")
def ui_server(pg_cluster: Cluster) -> Server:  # noqa: F811
    """One database for the module; each test's devices belong to their own organisation."""
    return new_server(pg_cluster)


class Org:
    """An organisation on the server, its sync key file, and logins for its devices."""

    def __init__(self, server: Server, tmp_path: Path) -> None:
        self.server = server
        self.name = f"Org {next(_organisations)}"
        self.key_file = tmp_path / "org.lpkey"
        self.tmp_path = tmp_path

    def login(self, device: str) -> tuple[str, str]:
        """(URL without the CA, password) for a new device of this organisation."""
        url, password = self.server.add_device(self.name, device)
        return url.split("?", 1)[0], password

    def password_file(self, password: str, name: str = "device.password") -> Path:
        path = self.tmp_path / name
        path.write_text(password + "\n")
        return path


@pytest.fixture
def org(ui_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Org:
    # libpq's own default CA (~/.postgresql/root.crt) must not rescue a missing choice.
    monkeypatch.setenv("PGSSLROOTCERT", str(tmp_path / "no-default-ca.pem"))
    return Org(ui_server, tmp_path)


@pytest.fixture
def laptop(
    qtbot: QtBot,
    make_window: WindowFactory,
    make_store: MakeStore,  # noqa: F811
    org: Org,
) -> Iterator[tuple[MainWindow, SyncPage, ServerDialogs]]:
    """The organisation's first laptop, holding the key, with the server chosen on the page."""
    store = make_store("Laptop A")
    with store.session() as session:
        create_organisation_key(session, org.key_file)
    window = make_window(store=store)
    dialogs = ServerDialogs()
    page = sync_page(window, dialogs)
    page.transport_choice.setFocus()
    qtbot.keyClick(page.transport_choice, Qt.Key.Key_Down)
    wait_idle(qtbot, window)
    yield window, page, dialogs


def server_device(make_store: MakeStore, org: Org, name: str) -> tuple[Store, str, str]:  # noqa: F811
    store = make_store(name)
    with store.session() as session:
        import_organisation_key(session, org.key_file)
    url, password = org.login(name)
    return store, f"{url}?sslrootcert={org.server.cluster.ca}", password


def test_the_server_is_chosen_entered_and_synced_with_the_password_file_and_ca(
    qtbot: QtBot,
    laptop: tuple[MainWindow, SyncPage, ServerDialogs],
    make_store: MakeStore,  # noqa: F811
    org: Org,
) -> None:
    window, page, dialogs = laptop
    panel = page.server_panel
    store = window.services.store
    assert page.transport_pages.currentWidget() is panel and panel.isVisible()
    with store.session() as session:
        assert server_setup(session).transport == SERVER  # remembered for next time
    url, password = org.login("Laptop A")
    assert panel.password_edit.echoMode() == panel.password_edit.EchoMode.Password
    # Weakened TLS is shown as soon as the URL says so, in words.
    qtbot.keyClicks(panel.url_edit, url + "?sslmode=require")
    assert panel.tls_warning.isVisible()
    assert panel.tls_warning.text().startswith("Warning: TLS is weakened by sslmode=require")
    panel.url_edit.clear()
    qtbot.keyClicks(panel.url_edit, url)
    assert not panel.tls_warning.isVisible() and panel.ca_row.isVisible()
    assert_accessible(window)

    dialogs.password_path = str(org.password_file(password))
    dialogs.certificate_path = str(org.server.cluster.ca)
    qtbot.mouseClick(panel.password_file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.ca_button, Qt.MouseButton.LeftButton)
    assert "device.password" in panel.password_source.text()
    assert panel.ca_edit.text() == str(org.server.cluster.ca)
    add_note(store, "The bus is late")
    page.refresh()
    assert page.waiting.text() == "2 changes not yet sent"
    sync_by_page(qtbot, page)
    assert "Sent 2 changes to the server" in page.message.text(), page.message.text()
    assert page.waiting.text() == "Nothing waiting" and page.last_sync.text() != "Never"
    # The CA went into the URL kept; the password is kept in the store, not in the page.
    assert "sslrootcert=" in panel.url() and not panel.ca_row.isVisible()
    assert panel.password_edit.text() == "" and "keeps the device's password" in (
        panel.password_source.text()
    )

    other, other_url, other_password = server_device(make_store, org, "Laptop B")
    add_note(other, "Said at the market")
    key = read_key_file(org.key_file)
    sync_with_postgres(other, other_url, key, password=other_password)
    notes_changed: list[object] = []
    window.events.notes_did_change.connect(notes_changed.append)
    sync_by_page(qtbot, page)  # the kept password and URL serve again
    assert "received 2 changes" in page.message.text() and notes_changed
    sync_with_postgres(other, other_url, key)
    assert digest(store) == digest(other)
    with store.session() as session:
        assert postgres_status(session).changes_waiting == 0


def test_a_typed_password_is_refused_then_accepted_and_a_server_sync_cancels(
    qtbot: QtBot,
    laptop: tuple[MainWindow, SyncPage, ServerDialogs],
    make_store: MakeStore,  # noqa: F811
    org: Org,
) -> None:
    window, page, _dialogs = laptop
    panel = page.server_panel
    url, password = org.login("Laptop A")
    qtbot.keyClicks(panel.url_edit, f"{url}?sslrootcert={org.server.cluster.ca}")
    assert not panel.ca_row.isVisible()  # the URL names its CA: none is asked for
    qtbot.keyClicks(panel.password_edit, "not-the-password")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    text = page.message.text()
    assert text.startswith("Error: the server ") and "refused this device's user name" in text
    assert "not-the-password" not in text and "Type the device's password again" in text
    assert panel.password_edit.hasFocus() and page.sync_button.isEnabled()
    with window.services.store.session() as session:
        assert not server_setup(session).password_kept

    other, other_url, other_password = server_device(make_store, org, "Laptop B")
    for n in range(3):
        add_note(other, f"Note {n}")
    sync_with_postgres(other, other_url, read_key_file(org.key_file), password=other_password)
    panel.password_edit.clear()
    qtbot.keyClicks(panel.password_edit, password)
    hold = threading.Event()
    window.services.runner.submit(lambda _s, _p: hold.wait(10), label="holding the worker")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isVisible() and not page.sync_button.isEnabled()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert "Cancelling after the batch" in page.message.text()
    with qtbot.waitSignal(page.synced, timeout=20_000) as cancelled:
        hold.set()
    assert cancelled.args[0].cancelled and cancelled.args[0].ops_applied == 0
    assert "Sync cancelled" in page.message.text()
    sync_by_page(qtbot, page)  # the password was kept by the (cancelled) sync it opened
    assert "received 6 changes" in page.message.text(), page.message.text()
    assert digest(window.services.store) == digest(other)


def test_server_down_and_an_untrusted_certificate_are_said_plainly(
    qtbot: QtBot,
    laptop: tuple[MainWindow, SyncPage, ServerDialogs],
    org: Org,
    tmp_path: Path,
) -> None:
    window, page, dialogs = laptop
    panel = page.server_panel
    url, password = org.login("Laptop A")
    qtbot.keyClicks(panel.password_edit, password)
    # No CA chosen and none in the URL: the server cannot be checked, so nothing is sent.
    qtbot.keyClicks(panel.url_edit, url)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "cannot check the identity of" in page.message.text()
    assert "Choose your organisation's CA certificate" in page.message.text()
    assert panel.ca_button.hasFocus()
    # A CA that did not sign the server's certificate: not trusted either.
    other_ca, _cert, _key = _certificates(tmp_path)
    dialogs.certificate_path = str(other_ca)
    qtbot.mouseClick(panel.ca_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "did not prove its identity" in page.message.text(), page.message.text()
    # Nothing listens on this port: the server is down (or the VPN is off).
    cluster = org.server.cluster
    panel.url_edit.clear()
    down = url.replace(f":{cluster.port}/", f":{_closed_port()}/")
    qtbot.keyClicks(panel.url_edit, f"{down}?sslrootcert={cluster.ca}")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "cannot reach the PostgreSQL server" in page.message.text(), page.message.text()
    assert "Check the network" in page.message.text()
    assert password not in page.message.text()
    with window.services.store.session() as session:
        assert postgres_status(session).last_sync_at is None
    assert_accessible(window)


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
