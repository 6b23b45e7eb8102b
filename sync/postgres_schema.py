"""The central PostgreSQL schema: append-only ops per organisation, row-level security, roles.

Run by the administrator (the database owner, with CREATEROLE). Idempotent: every statement is
"if not exists" or "or replace", in one transaction under an advisory lock, so running it again,
or twice at once, changes nothing. The separation of organisations is enforced by the database
(row-level security keyed on the connected role), not trusted to the app.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

SCHEMA = "listening_post"
SCHEMA_VERSION = 1
DEVICE_ROLE = "listening_post_device"
ADMIN_ROLE = "listening_post_admin"
# First half of every advisory lock key of this app ("LP"), so it cannot clash with others'.
LOCK_CLASS = 0x4C50
_INIT_LOCK = 1

_DDL = """
CREATE SCHEMA IF NOT EXISTS listening_post;
REVOKE ALL ON SCHEMA listening_post FROM PUBLIC;

CREATE TABLE IF NOT EXISTS listening_post.server (
    id integer PRIMARY KEY CHECK (id = 1),
    server_id uuid NOT NULL,
    schema_version integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO listening_post.server (id, server_id, schema_version)
VALUES (1, gen_random_uuid(), {version}) ON CONFLICT (id) DO NOTHING;
UPDATE listening_post.server SET schema_version = {version} WHERE schema_version < {version};

CREATE TABLE IF NOT EXISTS listening_post.organisations (
    name text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which organisation each device's login role belongs to (one role per device).
CREATE TABLE IF NOT EXISTS listening_post.device_roles (
    role_name name PRIMARY KEY,
    organisation text NOT NULL REFERENCES listening_post.organisations(name),
    device_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- SECURITY DEFINER so that devices need no access to device_roles; session_user, because
-- inside a definer function current_user is the owner.
CREATE OR REPLACE FUNCTION listening_post.my_organisation() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT organisation FROM listening_post.device_roles WHERE role_name = session_user
$$;
REVOKE ALL ON FUNCTION listening_post.my_organisation() FROM PUBLIC;

CREATE SEQUENCE IF NOT EXISTS listening_post.ops_seq AS bigint;

-- Append-only: devices may insert and read; nothing may update except the erasure trigger.
CREATE TABLE IF NOT EXISTS listening_post.ops (
    seq bigint NOT NULL DEFAULT nextval('listening_post.ops_seq') UNIQUE,
    organisation text NOT NULL DEFAULT listening_post.my_organisation()
        REFERENCES listening_post.organisations(name),
    device_id text NOT NULL,
    changeset integer NOT NULL,
    idx integer NOT NULL,
    wall bigint NOT NULL,
    counter integer NOT NULL,
    entity text NOT NULL,
    key text NOT NULL,
    kind text NOT NULL,
    body bytea,  -- nonce + AES-256-GCM under the organisation key; NULL once erased (purge)
    pushed_by name NOT NULL DEFAULT session_user,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation, device_id, changeset, idx)
);
ALTER SEQUENCE listening_post.ops_seq OWNED BY listening_post.ops.seq;
CREATE INDEX IF NOT EXISTS ops_pull ON listening_post.ops (organisation, seq);
CREATE INDEX IF NOT EXISTS ops_key ON listening_post.ops (organisation, entity, key);

CREATE TABLE IF NOT EXISTS listening_post.devices (
    organisation text NOT NULL DEFAULT listening_post.my_organisation()
        REFERENCES listening_post.organisations(name),
    device_id text NOT NULL,
    display_name text NOT NULL,
    PRIMARY KEY (organisation, device_id)
);

-- The fingerprint (not the key) of the organisation key its devices seal op bodies with.
CREATE TABLE IF NOT EXISTS listening_post.key_checks (
    organisation text PRIMARY KEY DEFAULT listening_post.my_organisation()
        REFERENCES listening_post.organisations(name),
    fingerprint text NOT NULL
);

-- Ingest is serialised per organisation: the lock is taken before any row gets its sequence
-- number and held until commit, so numbers commit in order and a reader pulling "after N"
-- never skips one that commits late. In the database, so no client can forget it. The lock
-- is on the organisation's own row, which only this definer function may lock (devices have
-- no UPDATE on organisations), and only for the caller's own organisation: unlike an advisory
-- lock, no other organisation's device can take it and stall this one's uploads.
CREATE OR REPLACE FUNCTION listening_post.serialise_ingest() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM 1 FROM listening_post.organisations
    WHERE name = listening_post.my_organisation() FOR NO KEY UPDATE;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION listening_post.serialise_ingest() FROM PUBLIC;
CREATE OR REPLACE TRIGGER ops_serialise_ingest BEFORE INSERT ON listening_post.ops
    FOR EACH STATEMENT EXECUTE FUNCTION listening_post.serialise_ingest();

-- Purge (erasure) wins on the server too: it blanks the content of the key's other ops, and
-- content arriving after a purge is stored blank.
CREATE OR REPLACE FUNCTION listening_post.erase_purged() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.kind = 'purge' THEN
        UPDATE listening_post.ops SET body = NULL
        WHERE organisation = NEW.organisation AND entity = NEW.entity AND key = NEW.key
          AND kind <> 'purge' AND body IS NOT NULL;
    ELSIF EXISTS (SELECT 1 FROM listening_post.ops
                  WHERE organisation = NEW.organisation AND entity = NEW.entity
                    AND key = NEW.key AND kind = 'purge') THEN
        NEW.body := NULL;
    END IF;
    RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION listening_post.erase_purged() FROM PUBLIC;
CREATE OR REPLACE TRIGGER ops_erase_purged BEFORE INSERT ON listening_post.ops
    FOR EACH ROW EXECUTE FUNCTION listening_post.erase_purged();

-- History that forgets: a device replaces the sealed body of an op whose earlier text its
-- organisation's edits have since removed (the server cannot read bodies, so it cannot tell
-- this itself). Only bodies of its own organisation's ops; never a purge's, never an erased one.
CREATE OR REPLACE FUNCTION listening_post.forget_body(
    p_device text, p_changeset integer, p_idx integer, p_body bytea) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH changed AS (
        UPDATE listening_post.ops SET body = p_body
        WHERE organisation = listening_post.my_organisation() AND device_id = p_device
          AND changeset = p_changeset AND idx = p_idx AND kind <> 'purge' AND body IS NOT NULL
        RETURNING 1)
    SELECT count(*) > 0 FROM changed
$$;
REVOKE ALL ON FUNCTION listening_post.forget_body(text, integer, integer, bytea) FROM PUBLIC;

ALTER TABLE listening_post.ops ENABLE ROW LEVEL SECURITY;
ALTER TABLE listening_post.devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE listening_post.key_checks ENABLE ROW LEVEL SECURITY;
"""

# Policies have no IF NOT EXISTS: dropped and made again in the same transaction.
_POLICIES = """
DROP POLICY IF EXISTS own_organisation ON listening_post.{table};
CREATE POLICY own_organisation ON listening_post.{table} TO {device}
    USING (organisation = (SELECT listening_post.my_organisation()))
    WITH CHECK (organisation = (SELECT listening_post.my_organisation()));
DROP POLICY IF EXISTS administrators_read ON listening_post.{table};
CREATE POLICY administrators_read ON listening_post.{table} FOR SELECT TO {admin} USING (true);
"""

_GRANTS = """
GRANT USAGE ON SCHEMA listening_post TO {device}, {admin};
GRANT EXECUTE ON FUNCTION listening_post.my_organisation() TO {device};
GRANT EXECUTE ON FUNCTION listening_post.forget_body(text, integer, integer, bytea) TO {device};
GRANT SELECT ON listening_post.server TO {device};
GRANT SELECT ON listening_post.ops TO {device};
-- Column grants: seq, organisation and pushed_by are always the server's own values.
GRANT INSERT (device_id, changeset, idx, wall, counter, entity, key, kind, body)
    ON listening_post.ops TO {device};
GRANT USAGE ON SEQUENCE listening_post.ops_seq TO {device};
GRANT SELECT, INSERT (device_id, display_name) ON listening_post.devices TO {device};
GRANT SELECT, INSERT (fingerprint) ON listening_post.key_checks TO {device};
GRANT SELECT ON ALL TABLES IN SCHEMA listening_post TO {admin};
"""


class ServerSetupError(Exception):
    """The administrator's connection cannot set up the schema or add a device."""


@dataclass(frozen=True)
class DeviceCredentials:
    """What a new device needs: its login role and password (the password is the secret)."""

    role: str
    organisation: str
    device_name: str
    password: str


def _create_role(cursor: psycopg.Cursor[Any], role: str) -> None:
    cursor.execute(
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {name}) "
            "THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        ).format(name=sql.Literal(role), role=sql.Identifier(role))
    )


def initialise_server(connection: psycopg.Connection[Any]) -> str:
    """Create (or bring up to date) the schema and roles; return the server's id."""
    device, admin = sql.Identifier(DEVICE_ROLE), sql.Identifier(ADMIN_ROLE)
    try:
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_CLASS, _INIT_LOCK))
            for role in (DEVICE_ROLE, ADMIN_ROLE):
                _create_role(cursor, role)
            ddl = _DDL.format(version=SCHEMA_VERSION, lock_class=LOCK_CLASS)
            cursor.execute(ddl.encode())
            for table in ("ops", "devices", "key_checks"):
                cursor.execute(
                    sql.SQL(_POLICIES).format(
                        table=sql.Identifier(table), device=device, admin=admin
                    )
                )
            cursor.execute(sql.SQL(_GRANTS).format(device=device, admin=admin))
            cursor.execute("SELECT server_id::text FROM listening_post.server")
            row = cursor.fetchone()
    except psycopg.errors.InsufficientPrivilege as error:
        raise ServerSetupError(
            "the administrator's user may not set up the schema: it must own the database "
            f"and have CREATEROLE ({error.diag.message_primary})"
        ) from None
    assert row is not None
    return str(row[0])


def _role_name() -> str:
    """An opaque login name: pg_roles is readable by every role, so it names no organisation
    or device (device_roles, readable only by administrators, says whose it is)."""
    return f"lp_device_{secrets.token_hex(8)}"


def add_device(
    connection: psycopg.Connection[Any], *, organisation: str, device_name: str
) -> DeviceCredentials:
    """Make a login role for one device of `organisation` (made if new), with a new password.

    The password is turned into a SCRAM verifier here, so the server (and its statement log)
    never sees it in clear.
    """
    organisation, device_name = organisation.strip(), device_name.strip()
    if not organisation or len(organisation) > 200:
        raise ServerSetupError("--organisation: give the organisation's name (1-200 characters)")
    if not device_name:
        raise ServerSetupError("--device-name: give a name for the device")
    role = _role_name()
    password = secrets.token_urlsafe(24)
    verifier = connection.pgconn.encrypt_password(
        password.encode(), role.encode(), b"scram-sha-256"
    ).decode()
    try:
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,))
            if cursor.fetchone() is None:
                raise ServerSetupError("the server has no Listening Post schema: run server-init")
            cursor.execute(
                "INSERT INTO listening_post.organisations (name) VALUES (%s) "
                "ON CONFLICT DO NOTHING",
                (organisation,),
            )
            cursor.execute(
                sql.SQL("CREATE ROLE {role} LOGIN PASSWORD {verifier} IN ROLE {device}").format(
                    role=sql.Identifier(role),
                    verifier=sql.Literal(verifier),
                    device=sql.Identifier(DEVICE_ROLE),
                )
            )
            cursor.execute(
                "INSERT INTO listening_post.device_roles (role_name, organisation, device_name) "
                "VALUES (%s, %s, %s)",
                (role, organisation, device_name),
            )
    except psycopg.errors.InsufficientPrivilege as error:
        raise ServerSetupError(
            "the administrator's user may not add devices: it needs CREATEROLE "
            f"({error.diag.message_primary})"
        ) from None
    return DeviceCredentials(role, organisation, device_name, password)


__all__ = [
    "ADMIN_ROLE",
    "DEVICE_ROLE",
    "LOCK_CLASS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "DeviceCredentials",
    "ServerSetupError",
    "add_device",
    "initialise_server",
]
