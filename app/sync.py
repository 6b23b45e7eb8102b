"""Sync as people start it: which organisation key to use, then a sync with the shared folder.

Creating an organisation key is only ever an explicit choice (`new_key`), never the side effect
of a misspelt key file; a store tied to the wrong key is re-bound with `rebind`. The folder's
own key check runs before anything is written, so a refused key leaves the store as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.changes import Changes, Outcome
from domain.plain_words import plural
from domain.progress import Progress
from models.database import Store
from sync.digest import canonical_lines as canonical_lines
from sync.digest import state_digest as state_digest
from sync.errors import CloneDetected as CloneDetected
from sync.errors import SyncError as SyncError
from sync.errors import SyncFolderUnavailable as SyncFolderUnavailable
from sync.errors import SyncKeyError as SyncKeyError
from sync.folder import SyncFolder
from sync.folder_sync import SyncStatus, sync_status
from sync.identity import NewIdentity, take_new_device_identity
from sync.keys import (
    fingerprint,
    new_sync_key,
    read_key_file,
    store_sync_key,
    stored_sync_key,
    write_key_file,
)
from sync.postgres_connect import (
    ServerCredentialsRejected,
    ServerNotTrusted,
    ServerUnavailable,
    ServerUrlInvalid,
    parse_server_url,
)
from sync.report import SyncReport
from sync.server_setup import (
    FOLDER,
    SERVER,
    PasswordFileUnreadable,
    ServerSetup,
    carries_ca,
    choose_transport,
    read_password_file,
    remember_server,
    server_setup,
)
from sync.server_state import PostgresStatus, postgres_status
from sync.service import FolderTransport, SyncService
from sync.setup import (
    CreatedKey,
    SyncSetup,
    create_organisation_key,
    import_organisation_key,
    organisation_key,
    rebind_organisation_key,
    remember_folder,
    sync_setup,
)

SyncResult = tuple[NewIdentity | None, SyncReport]


@dataclass(frozen=True)
class KeyChoice:
    """How this sync gets its organisation key: from the store, a key file, or made anew."""

    key_file: Path | None = None
    new_key: bool = False
    rebind: bool = False


@dataclass(frozen=True)
class FolderSyncResult:
    report: SyncReport
    notices: tuple[str, ...] = field(default=())  # what the person should know, in order
    identity: NewIdentity | None = None


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and path.resolve().is_relative_to(folder.resolve())


def _check_folder(folder: Path | None, key: bytes) -> None:
    if folder is not None:
        SyncFolder(folder).check_key(key)  # a folder used with another key refuses it here


def _new_key(stored: bytes | None, path: Path, folder: Path | None) -> tuple[bytes, str]:
    if stored is not None:
        raise SyncKeyError(
            f"this store already has an organisation sync key ({fingerprint(stored)}); to tie "
            "it to another one, give that key file with --rebind-key"
        )
    if path.exists():
        raise SyncKeyError(f"{path} already exists; not overwriting a key file")
    key = new_sync_key()
    try:
        write_key_file(path, key)
    except FileExistsError as error:
        raise SyncKeyError(f"{path} already exists; not overwriting a key file") from error
    except OSError as error:
        raise SyncKeyError(f"cannot write {path}: {error.strerror}") from error
    try:
        _check_folder(folder, key)
    except SyncKeyError:
        path.unlink(missing_ok=True)  # a key no folder will take is no use to anyone
        raise
    return key, (
        f"created a new organisation sync key in {path} (fingerprint {fingerprint(key)}); give "
        "a copy to each other device out of band, and print its recovery phrase for safe keeping"
    )


def _given_key(stored: bytes | None, path: Path, choice: KeyChoice) -> bytes:
    if not path.exists():
        raise SyncKeyError(
            f"{path} does not exist (misspelt?); on the first device, add "
            "--new-organisation-key to create the organisation's key there"
        )
    given = read_key_file(path)
    if stored is not None and given != stored and not choice.rebind:
        raise SyncKeyError(
            f"{path} holds a different organisation key ({fingerprint(given)}) from this "
            f"store's ({fingerprint(stored)}); if this store is tied to the wrong key, add "
            "--rebind-key to tie it to this one"
        )
    return given


def choose_key(store: Store, choice: KeyChoice, folder: Path | None) -> tuple[bytes, str]:
    """The organisation key for this sync, kept in the store; and what to tell the person.

    Raises SyncKeyError, having changed nothing, when the choice cannot be followed.
    """
    path = choice.key_file.expanduser() if choice.key_file is not None else None
    if choice.new_key and choice.rebind:
        raise SyncKeyError("--new-organisation-key and --rebind-key cannot go together")
    if (choice.new_key or choice.rebind) and path is None:
        raise SyncKeyError("give the organisation key file with --key-file FILE")
    if path is not None and _inside(path, folder):
        raise SyncKeyError(
            f"{path} is inside the sync folder; keep the key file elsewhere (anyone who can "
            "read the folder could read everything)"
        )
    with store.session() as session:
        stored = stored_sync_key(session)
        if path is None:
            if stored is None:
                raise SyncKeyError(
                    "this store has no organisation sync key yet: give --key-file FILE (a copy "
                    "of the organisation's key file), or on the first device "
                    "--new-organisation-key --key-file FILE"
                )
            return stored, ""
        if choice.new_key:
            key, message = _new_key(stored, path, folder)
            store_sync_key(session, key)
            return key, message
        key = _given_key(stored, path, choice)
        _check_folder(folder, key)
        if stored is not None and key != stored:
            resealed = rebind_organisation_key(session, key)
            return key, (
                f"this store is now tied to the organisation key in {path} "
                f"({fingerprint(key)}); {plural(resealed, 'unsent bundle')} sealed again under it"
            )
        store_sync_key(session, key)
    return key, "" if stored is not None else f"using the organisation sync key from {path}"


def sync_with_folder(
    store: Store, folder: Path, key: bytes, progress: Progress | None, *, recover: bool = False
) -> FolderSyncResult:
    """Sync; a restored or copied store with `recover` takes a new device identity and syncs
    again (else CloneDetected is raised, nothing sent)."""
    service, transport = SyncService(store), FolderTransport(folder)
    try:
        return FolderSyncResult(service.sync(transport, key, progress))
    except CloneDetected:
        if not recover:
            raise
    identity = take_new_device_identity(store, folder)
    notice = (
        f"this store was restored or copied: it is now device {identity.new_device_id} "
        f"({identity.device_name}); {plural(identity.shared_bundles, 'bundle')} it had shared stay "
        f"as they were, {plural(identity.resent_changes, 'change')} go out under the new identity"
    )
    return FolderSyncResult(service.sync(transport, key, progress), (notice,), identity)


def sync_with_server(
    store: Store, url: str, key: bytes, progress: Progress | None, password: str | None
) -> SyncReport:
    """`sync --postgres URL`: one sync with the organisation server."""
    from sync.postgres_sync import PostgresTransport  # psycopg: only once a server is used

    return SyncService(store).sync(PostgresTransport(url, password=password), key, progress)


def synced(identity: NewIdentity | None, report: SyncReport) -> Outcome[SyncResult]:
    """A sync that applied anything may have changed any kind of record."""
    changed = report.applied or report.forgotten or identity is not None
    changes = Changes.everything() if changed else Changes(sync_state=True)
    return Outcome((identity, report), changes)


def run_folder_sync(
    store: Store, folder: Path, key: bytes, progress: Progress, *, new_identity: bool
) -> Outcome[SyncResult]:
    """The Sync page's folder sync; `new_identity` first gives a copied store its own id."""
    identity = take_new_device_identity(store, folder) if new_identity else None
    return synced(identity, SyncService(store).sync(FolderTransport(folder), key, progress))


def run_server_sync(
    store: Store,
    key: bytes,
    progress: Progress,
    *,
    url: str,
    ca_file: str | None,
    password: str | None,
    password_file: str,
) -> Outcome[SyncResult]:
    """The server as entered is kept first, so it is shown again even if the sync fails; a
    password is kept only once the server has accepted it."""
    from sync.postgres_sync import PostgresTransport  # psycopg: only once a server is used

    given = password or (read_password_file(password_file) if password_file else None)
    with store.session() as session:
        kept_url = remember_server(session, url=url, ca_file=ca_file)
    server = PostgresTransport(kept_url, password=given)
    return synced(None, SyncService(store).sync(server, key, progress))


__all__ = [
    "FOLDER",
    "SERVER",
    "CloneDetected",
    "CreatedKey",
    "FolderSyncResult",
    "KeyChoice",
    "NewIdentity",
    "PasswordFileUnreadable",
    "PostgresStatus",
    "ServerCredentialsRejected",
    "ServerNotTrusted",
    "ServerSetup",
    "ServerUnavailable",
    "ServerUrlInvalid",
    "Store",
    "SyncError",
    "SyncReport",
    "SyncResult",
    "SyncSetup",
    "SyncStatus",
    "carries_ca",
    "choose_key",
    "choose_transport",
    "create_organisation_key",
    "import_organisation_key",
    "organisation_key",
    "parse_server_url",
    "postgres_status",
    "remember_folder",
    "run_folder_sync",
    "run_server_sync",
    "server_setup",
    "sync_setup",
    "sync_status",
    "sync_with_folder",
    "sync_with_server",
    "synced",
]
