"""Opening a store on a PostgreSQL server (a team's shared store): the engine, and the
server's failures a user can act on, each in one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlmodel import create_engine

from reviewdesk.errors import StoreBusyError, StoreError
from reviewdesk.storage.location import shown_server

# psycopg 3 is the one driver: `postgresql://` alone would make SQLAlchemy look for psycopg2.
DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10


def server_url(location: str) -> URL:
    """The URL as SQLAlchemy takes it, with psycopg 3 as its driver."""
    try:
        url = make_url(location)
    except ArgumentError as error:
        raise StoreError(f"{location!r} is not a database URL") from error
    if url.drivername not in ("postgresql", DRIVER):
        raise StoreError(f"ReviewDesk reaches PostgreSQL through psycopg 3: write the URL as "
                         f"{DRIVER}://..., not {url.drivername}://...")
    return url.set(drivername=DRIVER)



def make_server_engine(location: str) -> Engine:
    # Times are read and written in UTC whatever the server's own time zone; a connection
    # the server dropped (a restart) is noticed when taken from the pool, not mid-edit.
    return create_engine(server_url(location), pool_size=2, max_overflow=6,
                         pool_pre_ping=True,
                         connect_args={"options": "-c timezone=UTC",
                                       "connect_timeout": CONNECT_TIMEOUT_S,
                                       "application_name": "reviewdesk"})


# SQLSTATE classes and codes (PostgreSQL's appendix A) a user can act on.
_NO_DATABASE = "3D000"
_LOGIN_REFUSED = ("28000", "28P01")
_BUSY = ("40001", "40P01", "55P03")
_DISK_FULL = "53100"
_GONE = ("57P01", "57P02", "57P03")


def _sqlstate(error: BaseException) -> str:
    cause = getattr(error, "orig", error)
    return str(getattr(cause, "sqlstate", None) or "")


def is_busy(error: BaseException) -> bool:
    """Whether the server gave up on the transaction because another one held its rows."""
    return _sqlstate(error) in _BUSY


def describe_server_error(error: BaseException, location: str) -> str | None:
    """The user-facing sentence for a known failure of the server, or None if it is a bug."""
    where = shown_server(location)
    message = str(getattr(error, "orig", error))
    lowered = message.lower()
    state = _sqlstate(error)
    user = _user(location)
    if state == _NO_DATABASE or ("database" in lowered and "does not exist" in lowered):
        return (f"the team server {where} has no such database; create it, or check the "
                "database name in the URL")
    if state in _LOGIN_REFUSED or _login_refused(lowered):
        return (f"the team server {where} refused the login of {user}: check the user name "
                "and password, and that the server accepts this computer")
    if is_busy(error):
        return (f"the team server {where} is busy with another edit of the same items; "
                "nothing was changed, try again in a moment")
    if state == _DISK_FULL:
        return f"the team server {where} is out of disk space; ask its administrator"
    if "ssl" in lowered or "certificate" in lowered:
        detail = message.strip().splitlines()[0].rsplit("failed: ", 1)[-1].rstrip(".")
        return (f"cannot make a secure (TLS) connection to the team server {where}: {detail}; "
                "check sslmode and sslrootcert in the URL, and the server's certificate")
    if state in _GONE or state.startswith("08") or _unreachable(lowered):
        return (f"cannot connect to the team server {where}: it is not running or cannot be "
                "reached; try again once it is back")
    return None


def _login_refused(lowered: str) -> bool:
    return ("password authentication failed" in lowered or "no pg_hba.conf entry" in lowered
            or ("role" in lowered and "does not exist" in lowered))


def _unreachable(lowered: str) -> bool:
    return any(phrase in lowered for phrase in (
        "connection refused", "could not translate host name", "timeout expired",
        "server closed the connection", "connection is closed", "no route to host",
        "network is unreachable", "consuming input failed", "connection failed"))


def _user(location: str) -> str:
    try:
        name = make_url(location).username
    except ArgumentError:
        name = None
    return f"the user {name}" if name else "this user"


@contextmanager
def server_known_errors(location: str) -> Iterator[None]:
    """Turn the server's failures the user can act on into StoreError (StoreBusyError when
    another transaction held the rows); let bugs through."""
    try:
        yield
    except DBAPIError as error:
        sentence = describe_server_error(error, location)
        if sentence is None:
            raise
        kind = StoreBusyError if is_busy(error) else StoreError
        raise kind(sentence) from error
