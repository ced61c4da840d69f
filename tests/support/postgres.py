"""A PostgreSQL server for tests: a throw-away cluster made with initdb in a temporary folder
and started on a free loopback port, or the server $REVIEWDESK_TEST_PG names. Each test gets
its own database, copied from an empty template (CREATE DATABASE ... TEMPLATE), and dropped
afterwards.

PostgreSQL refuses to run as root: when the tests run as root (as in CI), the cluster's
folder is given to the `postgres` user, which the Debian package creates, and the server
runs as that user."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

TEST_SERVER_ENV = "REVIEWDESK_TEST_PG"
SERVER_USER = "postgres"  # who runs the server when the tests run as root
SUPERUSER = "postgres"  # the cluster's superuser, whoever runs it
TEMPLATE = "reviewdesk_empty"
# Logins over TCP need a password (scram-sha-256), as on a team's server; the throw-away
# cluster's superuser has this one.
PASSWORD = "throwaway-test-cluster"
_DRIVER = "postgresql+psycopg"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest
    /usr/lib/postgresql/N/bin; None when PostgreSQL is not installed."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    return Path(found[-1]).parent if found else None


def missing_reason() -> str | None:
    """Why no server can be had here (a sentence for pytest.skip), or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'psycopg[binary]'), so no PostgreSQL test"
    if os.environ.get(TEST_SERVER_ENV):
        return None
    if binaries() is None:
        return (f"no PostgreSQL server binaries (initdb, pg_ctl) found: install the "
                f"postgresql package, or set {TEST_SERVER_ENV} to a server's URL")
    return None


@dataclass(frozen=True)
class Server:
    """A running server: `url` names a database its user may create databases from."""

    url: str
    template: str = TEMPLATE

    def database_url(self, name: str) -> str:
        return make_url(self.url).set(drivername=_DRIVER, database=name).render_as_string(
            hide_password=False)

    def run(self, *statements: str) -> None:
        """Statements that cannot run in a transaction (CREATE and DROP DATABASE)."""
        import psycopg

        conninfo = make_url(self.url).set(drivername="postgresql").render_as_string(
            hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.encode())

    @contextmanager
    def fresh_database(self) -> Iterator[str]:
        """A new, empty database of its own; dropped (connections and all) afterwards."""
        name = f"test_{uuid.uuid4().hex[:16]}"
        self.run(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        try:
            yield self.database_url(name)
        finally:
            self.run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _give_to_server_user(folder: Path) -> None:
    if os.geteuid() != 0:
        return
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise RuntimeError(f"the tests run as root, and PostgreSQL will not: its test cluster "
                           f"runs as the user {SERVER_USER}, which does not exist here "
                           f"(Debian's postgresql package creates it; or useradd --system "
                           f"{SERVER_USER})") from None
    os.chown(folder, account.pw_uid, account.pw_gid)


@contextmanager
def throwaway_cluster() -> Iterator[Server]:
    """initdb in a temporary folder, pg_ctl start on a free loopback port with its socket in
    that folder; stopped and removed at the end. Durability is switched off (fsync,
    synchronous_commit): the cluster lives as long as the tests."""
    folder = Path(tempfile.mkdtemp(prefix="reviewdesk-pg-"))
    bin_dir = binaries()
    assert bin_dir is not None, missing_reason()
    data = folder / "data"
    log = folder / "server.log"
    password_file = folder / "password"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    _give_to_server_user(folder)
    _give_to_server_user(password_file)
    port = _free_port()
    started = False
    try:
        subprocess.run(_as_server_user([
            str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
            f"--pwfile={password_file}", "--auth-local=trust", "--auth-host=scram-sha-256",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]),
            check=True, capture_output=True, text=True)
        options = (f"-c listen_addresses=127.0.0.1 -c port={port} "
                   f"-c unix_socket_directories={folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        started = True
        subprocess.run(_as_server_user([
            str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
            "-w", "-t", "60", "start"]), check=True, capture_output=True, text=True)
        server = Server(f"{_DRIVER}://{SUPERUSER}:{PASSWORD}@127.0.0.1:{port}/postgres")
        server.run(f'CREATE DATABASE "{TEMPLATE}"')
        yield server
    except subprocess.CalledProcessError as error:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"the test PostgreSQL cluster did not start: {error.stderr}"
                           f"{tail}") from error
    finally:
        if started:
            subprocess.run(_as_server_user([
                str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def server_for_tests() -> Iterator[Server]:
    """The server $REVIEWDESK_TEST_PG names (its user may create databases), else a
    throw-away cluster."""
    given = os.environ.get(TEST_SERVER_ENV)
    if not given:
        with throwaway_cluster() as server:
            yield server
        return
    # A template of this run's own: other runs may share the server.
    server = Server(make_url(given).set(drivername=_DRIVER).render_as_string(
        hide_password=False), template=f"reviewdesk_empty_{uuid.uuid4().hex[:12]}")
    server.run(f'CREATE DATABASE "{server.template}"')
    try:
        yield server
    finally:
        server.run(f'DROP DATABASE IF EXISTS "{server.template}" WITH (FORCE)')


class QmarkConnection:
    """A psycopg connection that takes SQL written for sqlite3 (`?` parameters), so that
    the same plain SQL can fill a database on either engine."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._connection = psycopg.connect(
            make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        return self._connection.execute(sql.replace("?", "%s").encode(), tuple(parameters))

    def commit(self) -> None:
        self._connection.commit()

    def close(self) -> None:
        self._connection.close()
