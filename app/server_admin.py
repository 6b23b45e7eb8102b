"""Setting up an organisation's PostgreSQL server: the schema, and a login for each device."""

from __future__ import annotations

from sync.postgres_connect import PASSWORD_ENV as PASSWORD_ENV
from sync.postgres_connect import ServerAddress as ServerAddress
from sync.postgres_connect import ServerCredentialsRejected as ServerCredentialsRejected
from sync.postgres_connect import ServerUrlInvalid as ServerUrlInvalid
from sync.postgres_connect import connect
from sync.postgres_connect import parse_server_url as parse_server_url
from sync.postgres_schema import DeviceCredentials as DeviceCredentials
from sync.postgres_schema import ServerSetupError as ServerSetupError
from sync.postgres_schema import add_device, initialise_server


def set_up_server(address: ServerAddress, password: str | None) -> str:
    """Create or update the schema and roles as the database owner; the server's id."""
    with connect(address, password) as connection:
        return initialise_server(connection)


def add_server_device(
    address: ServerAddress, password: str | None, *, organisation: str, device_name: str
) -> DeviceCredentials:
    """A login for one device of `organisation` (made if new), with a new password."""
    with connect(address, password) as connection:
        return add_device(connection, organisation=organisation, device_name=device_name)
