"""Choosing how a store syncs (shared folder or organisation server) and the server's details.

Kept in the encrypted store beside the folder setting. The URL never holds a password; a
password given for the server is kept by `sync_with_postgres` after a sync succeeds, and is
never shown back, only whether one is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.orm import Session

from models.entities import Meta
from sync.errors import SyncError
from sync.postgres_connect import ServerAddress, ServerUrlInvalid, parse_server_url
from sync.server_state import PASSWORD, URL

TRANSPORT = "sync.transport"
FOLDER, SERVER = "folder", "postgres"


class PasswordFileUnreadable(SyncError):
    """The password file chosen for the server cannot be read, or is empty."""


@dataclass(frozen=True)
class ServerSetup:
    """What the Sync page shows of the server choice (never the password itself)."""

    transport: str
    url: str | None
    password_kept: bool


def server_setup(session: Session) -> ServerSetup:
    transport = session.get(Meta, TRANSPORT)
    url = session.get(Meta, URL)
    return ServerSetup(
        transport=transport.value if transport and transport.value == SERVER else FOLDER,
        url=url.value if url else None,
        password_kept=session.get(Meta, PASSWORD) is not None,
    )


def choose_transport(session: Session, *, transport: str) -> str:
    """Sync through the shared folder or the organisation's server from now on."""
    if transport not in (FOLDER, SERVER):
        raise ValueError(f"unknown sync transport {transport!r}")
    session.merge(Meta(key=TRANSPORT, value=transport))
    return transport


def carries_ca(url: str) -> bool:
    """Whether the URL names the CA certificate itself (sslrootcert), so none is asked for."""
    if "sslrootcert" not in url:
        return False  # no need to load the driver to parse it (the Sync page shows without)
    try:
        return "sslrootcert" in parse_server_url(url).params
    except ServerUrlInvalid:
        return False


def server_address(url: str, *, ca_file: str | None = None) -> ServerAddress:
    """The server as the page will use it: a CA file, if chosen, becomes the URL's sslrootcert."""
    text = url.strip()
    if not text:
        raise ServerUrlInvalid("type the server URL your administrator gave you")
    address = parse_server_url(text)
    if not ca_file:
        return address
    path = Path(ca_file).expanduser()
    if not path.is_file():
        raise ServerUrlInvalid(f"the CA certificate {path} is not a file (is the drive there?)")
    return parse_server_url(_with_query(text, sslrootcert=str(path.resolve())))


def _with_query(url: str, **extra: str) -> str:
    if "://" not in url:  # libpq key=value form
        return url + "".join(f" {name}='{value}'" for name, value in extra.items())
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(extra)
    return urlunsplit(parts._replace(query=urlencode(query)))


def remember_server(session: Session, *, url: str, ca_file: str | None = None) -> str:
    """Use this server from now on; returns the URL kept (TLS mode and CA spelled out)."""
    kept = server_address(url, ca_file=ca_file).url()
    session.merge(Meta(key=URL, value=kept))
    session.merge(Meta(key=TRANSPORT, value=SERVER))
    return kept


def read_password_file(path: str | Path) -> str:
    """The device's password from the file server-add-device wrote (first line, trimmed)."""
    file = Path(path).expanduser()
    try:
        password = file.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise PasswordFileUnreadable(
            f"cannot read the password file {file}: {error.strerror}"
        ) from None
    except UnicodeDecodeError:
        raise PasswordFileUnreadable(f"{file} is not a password file (not text)") from None
    if not password:
        raise PasswordFileUnreadable(f"the password file {file} is empty")
    return password.splitlines()[0]


__all__ = [
    "FOLDER",
    "SERVER",
    "TRANSPORT",
    "PasswordFileUnreadable",
    "ServerSetup",
    "carries_ca",
    "choose_transport",
    "read_password_file",
    "remember_server",
    "server_address",
    "server_setup",
]
