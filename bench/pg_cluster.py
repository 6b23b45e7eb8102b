"""A throwaway PostgreSQL cluster for tests and benchmarks: TLS on, loopback port."""

# initdb refuses to run as root, so under root the server runs as the unprivileged `postgres`
# user (or `lp-pg`, made if needed). The server certificate is signed by a throwaway CA made
# here, so tests connect with sslmode=verify-full exactly as devices do.

from __future__ import annotations

import datetime
import glob
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SUPERUSER = "lp_superuser"
OWNER = "lp_owner"
OWNER_PASSWORD = "owner-test-password"


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """None when not root (the server then runs as the current user)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "lp-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "-r", "-M", "-s", "/usr/sbin/nologin", "lp-pg"], check=True)
    return pwd.getpwnam("lp-pg")


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Listening Post test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.crt", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


class Cluster:
    """One postgres process over a data folder; start, kill (SIGKILL) and start again."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        # The system's temp folder, not tempfile's current one: the app points tempfile at its
        # private (0700) folder, which the postgres user running the server cannot enter.
        system_temp = os.environ.get("TMPDIR") or ("/tmp" if os.path.isdir("/tmp") else None)
        self.root = Path(tempfile.mkdtemp(prefix="lp-pg-", dir=system_temp))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.port = _free_port()
        self.user = _server_user()
        self.process: subprocess.Popen[bytes] | None = None
        self.ca, cert, key = _certificates(self.root)
        self.log = self.root / "server.log"
        pwfile = self.root / "pwfile"
        pwfile.write_text("superuser-test-password\n")
        self.sockets.mkdir()
        for path in (cert, key, pwfile, self.sockets, self.root):
            self._own(path)
        self._run(
            [
                str(bindir / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                f"--pwfile={pwfile}",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ]
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.sockets}'\n"
                f"ssl = on\nssl_cert_file = '{cert}'\nssl_key_file = '{key}'\n"
                # No fsync (the OS never crashes in a test), but commits are durable against a
                # killed server, as on a real one (synchronous_commit stays on).
                "fsync = off\nfull_page_writes = off\n"
                "max_connections = 120\nshared_buffers = 64MB\n"
            )
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "hostssl all all 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        self._own(self.data / "pg_hba.conf")

    def _own(self, path: Path) -> None:
        if self.user is not None:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def _as_user(self) -> dict[str, Any]:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def _run(self, argv: list[str]) -> None:
        subprocess.run(argv, check=True, capture_output=True, cwd=self.root, **self._as_user())

    def start(self) -> None:
        log = open(self.log, "ab")  # noqa: SIM115 - the server writes to it while it runs
        self.process = subprocess.Popen(
            [str(self.bindir / "postgres"), "-D", str(self.data)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
            start_new_session=True,  # its own process group, so a kill takes every backend
            **self._as_user(),
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                psycopg.connect(**self.superuser_params(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "test PostgreSQL did not start:\n" + self.log.read_text()[-2000:]
                    ) from None
                time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the server and all its backends at once, as a crash or a pulled cable."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.process = None

    def superuser_params(self, dbname: str = "postgres") -> dict[str, Any]:
        return {"host": str(self.sockets), "port": self.port, "user": SUPERUSER, "dbname": dbname}

    def url(self, user: str, dbname: str, **extra: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in {"sslrootcert": str(self.ca), **extra}.items())
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}?{query}"

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
