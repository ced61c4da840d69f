"""Rows of the review tables as plain dicts of their columns, read and written by id: what a
review bundle carries and merges (services.bundle), nothing translated."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, TableClause, column, delete, insert, table, text, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as server_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel

# Ids asked for in the query itself; more go through a temporary table. Each parameter of
# an IN list costs SQLAlchemy a compile step: 100,000 ids in chunks of 500 took 6 s of a
# bundle merge's 13, in one temporary table a few hundred milliseconds.
SMALL_IN = 500
# The connection's own temporary table, in each engine's schema of temporary tables.
_WANTED = {"sqlite": table("wanted", column("value"), schema="temp"),
           "postgresql": table("wanted", column("value"), schema="pg_temp")}
_CREATE_WANTED = {
    "sqlite": "CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY) WITHOUT ROWID",
    "postgresql": "CREATE TEMP TABLE IF NOT EXISTS wanted (value TEXT PRIMARY KEY)",
}
# Rows this transaction inserted, updated or deleted in the review tables, triggers included
# (the server's count of its own transaction; SQLite's is the connection's, read apart).
_SERVER_CHANGES = """
    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables
    WHERE schemaname = current_schema()
"""


class BundleRows:
    """Rows of the review tables as plain dicts of their columns, read and written by id:
    what a review bundle carries and merges (services.bundles), nothing translated."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._filled: tuple[int, list[str]] | None = None

    @staticmethod
    def _table(name: str) -> Table:
        return SQLModel.metadata.tables[name]

    def all(self, table: str) -> list[dict[str, Any]]:
        return [dict(row) for row in
                self._session.execute(sa_select(self._table(table))).mappings()]

    def where_in(self, table: str, column: str,
                 values: Collection[str]) -> list[dict[str, Any]]:
        """Rows whose `column` is one of `values`: a few values in the query itself, many
        through a temporary table of them (one query, however many)."""
        wanted = sorted(set(values))
        target = self._table(table)
        if len(wanted) <= SMALL_IN:
            statement = sa_select(target).where(target.c[column].in_(wanted))
        else:
            wanted_table = self._fill_wanted(wanted)
            statement = sa_select(target).where(
                target.c[column].in_(sa_select(wanted_table.c.value)))
        return [dict(row) for row in self._session.execute(statement).mappings()]

    def pairs_where_in(self, table: str, key: str, value: str, column: str,
                       values: Collection[str]) -> dict[str, Any]:
        """{row[key]: row[value]} of the rows whose `column` is one of `values`: two
        columns of many rows, without reading the rest of them."""
        wanted = sorted(set(values))
        target = self._table(table)
        statement = sa_select(target.c[key], target.c[value])
        if len(wanted) <= SMALL_IN:
            statement = statement.where(target.c[column].in_(wanted))
        else:
            wanted_table = self._fill_wanted(wanted)
            statement = statement.where(
                target.c[column].in_(sa_select(wanted_table.c.value)))
        return {row[0]: row[1] for row in self._session.execute(statement)}

    def _fill_wanted(self, values: Sequence[str]) -> TableClause:
        """The connection's temporary table of wanted values, holding exactly `values`
        (left as it is when it already does: a merge asks several tables for one set)."""
        connection = self._session.connection()
        wanted = _WANTED[connection.dialect.name]
        if self._filled == (id(connection), values):
            return wanted
        self._filled = (id(connection), list(values))
        connection.exec_driver_sql(_CREATE_WANTED[connection.dialect.name])
        connection.execute(delete(wanted))
        connection.execute(insert(wanted), [{"value": value} for value in values])
        return wanted

    def insert(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._session.execute(insert(self._table(table)), [dict(row) for row in rows])

    def insert_new(self, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert, leaving alone any row whose key is already there."""
        if rows:
            on_server = self._session.get_bind().dialect.name == "postgresql"
            statement = (server_insert if on_server else sqlite_insert)(
                self._table(table)).on_conflict_do_nothing()
            self._session.execute(statement, [dict(row) for row in rows])

    def update(self, table: str, row_id: str, values: Mapping[str, Any]) -> None:
        target = self._table(table)
        self._session.execute(update(target).where(target.c.id == row_id).values(**values))

    def delete(self, table: str, ids: Collection[str]) -> int:
        """Delete rows by id (their dependants go by ON DELETE CASCADE); how many went."""
        target = self._table(table)
        count = 0
        for chunk in _chunks(sorted(set(ids)), SMALL_IN):
            result = self._session.execute(delete(target).where(target.c.id.in_(chunk)))
            count += int(result.rowcount)  # type: ignore[attr-defined]
        return count

    def changes(self) -> int:
        """How many rows this connection has inserted, updated or deleted so far (triggers
        included): a merge that leaves it unchanged changed nothing."""
        connection = self._session.connection()
        if connection.dialect.name == "postgresql":
            return int(connection.execute(text(_SERVER_CHANGES)).scalar_one())
        raw = connection.connection.dbapi_connection
        assert raw is not None
        return int(raw.total_changes)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
