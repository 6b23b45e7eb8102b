"""Connecting to the organisation's PostgreSQL: TLS verified by default, no password in URLs.

The URL names the server and the device's user; the password comes separately (a file, the
environment, the store, or libpq's own pgpass/service files), so it is never in argv or logs.
Connection failures become SyncError subclasses whose messages are safe to show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sync.errors import SyncError

if TYPE_CHECKING:
    import psycopg

PASSWORD_ENV = "LISTENING_POST_PG_PASSWORD"
VERIFIED = "verify-full"
# libpq's modes, weakest first; anything but verify-full can be fooled by a network attacker.
_WEAKER = {
    "disable": "no encryption at all",
    "allow": "encryption only if the server insists",
    "prefer": "encryption if offered, without checking the server",
    "require": "encryption without checking who the server is",
    "verify-ca": "a certificate check that does not confirm the server's name",
}


class ServerUrlInvalid(SyncError):
    """The PostgreSQL URL cannot be used (malformed, or it carries a password)."""


class ServerUnavailable(SyncError):
    """The PostgreSQL server cannot be reached, or the connection dropped."""


class ServerCredentialsRejected(SyncError):
    """The server refused the device's user name or password."""


class ServerNotTrusted(SyncError):
    """TLS could not confirm the server's identity."""


@dataclass(frozen=True)
class ServerAddress:
    """Where the server is and how to reach it (libpq keywords), never holding a password."""

    params: Mapping[str, str]
    warnings: tuple[str, ...]

    @property
    def user(self) -> str:
        return self.params.get("user", "")

    def describe(self) -> str:
        """user@host:port/database, for messages (no secrets in it)."""
        host = self.params.get("host") or self.params.get("hostaddr") or "localhost"
        port = self.params.get("port", "5432")
        user = f"{self.user}@" if self.user else ""
        return f"{user}{host}:{port}/{self.params.get('dbname', '')}"

    def url(self, *, user: str | None = None) -> str:
        """The URL to give a device (no password), optionally for another user."""
        from urllib.parse import quote, urlencode

        params = dict(self.params)
        name = user if user is not None else params.pop("user", "")
        params.pop("user", None)
        host = params.pop("host", "localhost")
        port = params.pop("port", "")
        dbname = params.pop("dbname", "")
        netloc = f"{quote(name, safe='')}@" if name else ""
        netloc += f"[{host}]" if ":" in host else host
        netloc += f":{port}" if port else ""
        query = urlencode(sorted(params.items()))
        return f"postgresql://{netloc}/{quote(dbname, safe='')}" + (f"?{query}" if query else "")


def parse_server_url(url: str) -> ServerAddress:
    """Read a postgresql:// URL (or libpq key=value string); TLS verify-full unless it says."""
    import psycopg  # the driver loads only once a server is in use (the Sync page shows without)
    from psycopg.conninfo import conninfo_to_dict

    try:
        params: dict[str, Any] = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        # libpq's message may quote the URL; say only what is wrong with it.
        raise ServerUrlInvalid(
            "not a PostgreSQL URL (expected postgresql://USER@HOST:PORT/DATABASE)"
        ) from None
    if "password" in params:
        raise ServerUrlInvalid(
            "the URL holds a password; put it in a file (--password-file) or in "
            f"{PASSWORD_ENV} instead, so it never shows in command lines or logs"
        )
    text = {name: str(value) for name, value in params.items()}
    warnings: list[str] = []
    host = text.get("host", "")
    local_socket = host.startswith("/") or host.startswith("@")
    if not local_socket:
        mode = text.setdefault("sslmode", VERIFIED)
        if mode in _WEAKER:
            warnings.append(
                f"TLS is weakened by sslmode={mode} in the URL ({_WEAKER[mode]}): notes could be "
                "read or altered on the network; use sslmode=verify-full"
            )
    return ServerAddress(text, tuple(warnings))


def connect(
    address: ServerAddress, password: str | None, *, autocommit: bool = False
) -> psycopg.Connection[tuple[Any, ...]]:
    """Open a connection, turning libpq's failures into clear, safe messages."""
    import psycopg

    options: dict[str, Any] = {
        "connect_timeout": "10",
        "application_name": "listening-post",
        # A dropped network is noticed within about a minute rather than hanging for hours.
        "keepalives_idle": "30",
        "keepalives_interval": "10",
        "keepalives_count": "3",
        **address.params,
    }
    if password is not None:
        options["password"] = password
    try:
        return psycopg.connect(autocommit=autocommit, **options)
    except psycopg.OperationalError as error:
        raise explain(error, address) from None


def explain(error: psycopg.Error, address: ServerAddress) -> SyncError:
    """A safe one-line reason for a failed connection or a dropped one."""
    message = str(error)
    where = address.describe()
    lowered = message.lower()
    if (
        "password authentication failed" in lowered
        or "no password supplied" in lowered
        or ("role" in lowered and "does not exist" in lowered)
    ):
        return ServerCredentialsRejected(
            f"the server {where} refused this device's user name or password; check the "
            "password file (or ask your administrator to run server-add-device again)"
        )
    if "pg_hba.conf" in lowered:
        return ServerCredentialsRejected(
            f"the server {where} does not accept this user from here (or without TLS): ask "
            "the administrator to allow it in pg_hba.conf"
        )
    if "root certificate file" in lowered:
        return ServerNotTrusted(
            f"cannot check the identity of {where}: no CA certificate; add "
            "sslrootcert=FILE (your organisation's CA) or sslrootcert=system to the URL"
        )
    if "certificate" in lowered or "ssl error" in lowered:
        return ServerNotTrusted(
            f"the server {where} did not prove its identity (TLS certificate check failed: "
            f"{_first_line(message)}); nothing was sent"
        )
    return ServerUnavailable(f"cannot reach the PostgreSQL server {where}: {_first_line(message)}")


def _first_line(message: str) -> str:
    """libpq's reason without its "connection to server at … failed:" preamble."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "no reason given"
    return lines[0].rsplit("failed: ", 1)[-1]


__all__ = [
    "PASSWORD_ENV",
    "ServerAddress",
    "ServerCredentialsRejected",
    "ServerNotTrusted",
    "ServerUnavailable",
    "ServerUrlInvalid",
    "connect",
    "explain",
    "parse_server_url",
]
