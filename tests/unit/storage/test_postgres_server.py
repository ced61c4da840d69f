"""The PostgreSQL server the tests use: it answers, and each test's database is its own."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url
from tests.support.postgres import Server


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_a_test_database_is_a_postgresql_server_of_its_own(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    with psycopg.connect(_conninfo(pg_url)) as connection:
        version = connection.execute("SHOW server_version_num").fetchone()
        assert version is not None and int(version[0]) >= 120000
        tables = connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'public'").fetchone()
        assert tables == (0,)


def test_databases_made_for_two_tests_do_not_see_each_other(postgres_server: Server) -> None:
    with postgres_server.fresh_database() as first, postgres_server.fresh_database() as second:
        assert first != second
        with psycopg.connect(_conninfo(first)) as connection:
            connection.execute("CREATE TABLE only_here (id integer)")
        with psycopg.connect(_conninfo(second)) as connection:
            found = connection.execute("SELECT to_regclass('only_here')").fetchone()
            assert found == (None,)
    # Dropped afterwards: connecting to it fails.
    with pytest.raises(psycopg.OperationalError, match="does not exist"):
        psycopg.connect(_conninfo(first)).close()


def test_without_server_binaries_the_reason_to_skip_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support import postgres

    monkeypatch.delenv(postgres.TEST_SERVER_ENV, raising=False)
    monkeypatch.setattr(postgres.shutil, "which", lambda _name: None)
    monkeypatch.setattr(postgres.glob, "glob", lambda _pattern: [])
    assert postgres.binaries() is None
    reason = postgres.missing_reason()
    assert reason is not None and "install the postgresql package" in reason
    monkeypatch.setenv(postgres.TEST_SERVER_ENV, "postgresql+psycopg://someone@db/reviews")
    assert postgres.missing_reason() is None  # the named server is used instead
