"""The store on a PostgreSQL server: an empty database migrated to the head, a database of
every earlier revision, filled as the app of its day filled it, migrated with all its rows
(the same rows and checks as test_migration_history's SQLite files), one that is newer or
not ReviewDesk's refused, and the server's failures a user can act on told in one sentence."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from tests.support.databases import database_at, model_differences
from tests.support.postgres import PASSWORD, QmarkConnection, Server
from tests.unit.storage.test_migration_history import (
    EARLIER,
    HEAD,
    SEARCH_TRIGGERS,
    _check_brief,
    _check_review,
    _check_show_json,
    _fill,
    _work,
)

from reviewdesk.errors import StoreError
from reviewdesk.storage.engine import make_engine
from reviewdesk.storage.store import Store

TRIGGERS = ["annotation_superseded_on_edit", "reference_modified_on_check", *SEARCH_TRIGGERS]


def _check_schema(url: str) -> None:
    """The database is at the head, with the model's tables and every trigger."""
    engine = make_engine(url)
    try:
        with engine.connect() as live:
            assert live.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
                (HEAD,)]
            assert model_differences(live) == []
            triggers = live.exec_driver_sql(
                "SELECT DISTINCT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "ORDER BY tgname").all()
            assert [name for (name,) in triggers] == TRIGGERS
    finally:
        engine.dispose()


def test_an_empty_database_is_migrated_to_the_head(pg_url: str) -> None:
    with Store(pg_url) as store:
        assert store.on_server and store.path is None
        assert PASSWORD not in store.location
        with store.transaction() as tx:
            assert tx.search.count() == 0
    _check_schema(pg_url)
    with Store(pg_url):  # already current: opened again as it is
        pass
    _check_schema(pg_url)


def test_programs_opening_a_new_database_at_once_migrate_it_once(pg_url: str) -> None:
    """Each opens it in a thread of its own, on its own connection: one migrates while the
    others wait on the server's lock, then find it current."""
    start = threading.Barrier(4)
    failures: list[BaseException] = []

    def open_it() -> None:
        start.wait()
        try:
            Store(pg_url).close()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    _check_schema(pg_url)


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_of_an_earlier_revision_migrates_with_all_its_rows(
        pg_url: str, revision: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    database_at(pg_url, revision)  # type: ignore[arg-type]
    connection = QmarkConnection(pg_url)
    try:
        _fill(connection, revision)
        connection.commit()
        with Store(pg_url) as store:
            _check_schema(pg_url)
            _check_brief(store, revision)
            _check_review(store, revision)
        _check_show_json(pg_url, capsys)  # type: ignore[arg-type]
        with Store(pg_url) as store:
            _work(store, tmp_path / "unused", revision, connection)
            with store.transaction() as tx:  # the index took in the old rows and the new
                assert {row.kind for row in tx.search.query("harbour", 50)} >= {
                    "title", "text"}
                kinds = [row.kind for row in tx.search.query("councils", 50)]
                assert "comment" in kinds and "text" in kinds
    finally:
        connection.close()


def test_a_database_of_a_newer_revision_is_refused(pg_url: str) -> None:
    Store(pg_url).close()
    connection = QmarkConnection(pg_url)
    try:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()
        with pytest.raises(StoreError, match="written by a newer ReviewDesk; update the app"):
            Store(pg_url)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0099",)]
    finally:
        connection.close()


def test_a_database_of_other_tables_is_refused_and_left_alone(pg_url: str) -> None:
    connection = QmarkConnection(pg_url)
    try:
        connection.execute("CREATE TABLE invoices (id integer PRIMARY KEY)")
        connection.commit()
        with pytest.raises(StoreError, match="holds tables but is not a ReviewDesk database"):
            Store(pg_url)
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
        assert tables == [("invoices",)]
    finally:
        connection.close()


def _sentence(location: str) -> str:
    with pytest.raises(StoreError) as refused:
        Store(location)
    sentence = str(refused.value)
    assert "\n" not in sentence and PASSWORD not in sentence
    return sentence


def test_a_server_that_does_not_answer_is_one_sentence(postgres_server: Server) -> None:
    url = make_url(postgres_server.url)
    closed = url.set(port=1, database="review").render_as_string(hide_password=False)
    sentence = _sentence(closed)
    assert sentence == ("cannot connect to the team server 127.0.0.1:1/review: it is not "
                        "running or cannot be reached; try again once it is back")


def test_a_refused_login_is_one_sentence(postgres_server: Server) -> None:
    url = make_url(postgres_server.url)
    wrong = url.set(password="not-" + PASSWORD).render_as_string(hide_password=False)
    sentence = _sentence(wrong)
    assert re.fullmatch(r"the team server 127\.0\.0\.1:\d+/\w+ refused the login of the user "
                        r"postgres: check the user name and password, and that the server "
                        r"accepts this computer", sentence), sentence


def test_a_database_that_does_not_exist_is_one_sentence(postgres_server: Server) -> None:
    missing = postgres_server.database_url("no_such_reviews")
    sentence = _sentence(missing)
    assert sentence.endswith("/no_such_reviews has no such database; create it, or check "
                             "the database name in the URL"), sentence


def test_a_secure_connection_that_cannot_be_made_is_one_sentence(pg_url: str) -> None:
    """The test server has no TLS: a URL that requires it is refused, saying why."""
    with Store(pg_url + "?sslmode=disable") as store:  # libpq's settings pass through
        assert store.on_server
    sentence = _sentence(pg_url + "?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt")
    assert re.fullmatch(r"cannot make a secure \(TLS\) connection to the team server "
                        r"127\.0\.0\.1:\d+/test_\w+: server does not support SSL, but SSL "
                        r"was required; check sslmode and sslrootcert in the URL, and the "
                        r"server's certificate", sentence), sentence


def test_a_url_for_another_driver_is_refused_before_connecting() -> None:
    sentence = _sentence("postgresql+psycopg2://someone@127.0.0.1/reviews")
    assert "psycopg 3" in sentence and "postgresql+psycopg://" in sentence
