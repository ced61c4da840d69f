"""Fixtures shared by every test: offscreen Qt, per-test user folders, a migrated store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never need a screen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory,
                         monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep data, logs and settings of every test out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("REVIEWDESK_DB", raising=False)
    monkeypatch.delenv("REVIEWDESK_REVIEWER", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review.sqlite3"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """A PostgreSQL server for the whole run (tests/support/postgres.py): a throw-away
    cluster, or the one $REVIEWDESK_TEST_PG names; skipped only where there is none."""
    from tests.support.postgres import missing_reason, server_for_tests

    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with server_for_tests() as server:
        yield server


@pytest.fixture
def pg_url(postgres_server: object) -> Iterator[str]:
    """The URL of a new, empty database on the test server, for this test alone."""
    from tests.support.postgres import Server

    assert isinstance(postgres_server, Server)
    with postgres_server.fresh_database() as url:
        yield url


@pytest.fixture
def store_engine() -> str:
    """Which engine the `store` fixture opens: SQLite, unless the test is marked
    `both_engines` (then it runs once on each)."""
    return "sqlite"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if ("store_engine" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("both_engines") is not None):
        metafunc.parametrize("store_engine", ["sqlite", "postgresql"])


@pytest.fixture
def store(request: pytest.FixtureRequest, db_path: Path, store_engine: str) -> Iterator[object]:
    from reviewdesk.storage.store import Store

    location: Path | str = (request.getfixturevalue("pg_url") if store_engine == "postgresql"
                            else db_path)
    with Store(location) as opened:
        yield opened


@pytest.fixture
def shared_brief() -> Path:
    path = SHARED / "briefs" / "csrs-tajikistan-policy-shift.txt"
    if not path.is_file():
        pytest.skip("../shared is not beside this checkout")
    return path


BRIEF_MD = """\
# Lake Corrin Fisheries Outlook

## Introduction

The fishing towns around Lake Corrin have argued about quotas for a decade.
This brief looks at what changed in the last year.

## Indicators of a new approach

- In March 2024 the two councils signed a shared quota for perch.
- On 4 June 2024 the first joint patrol left the port of Alby.
- The council's "closed season" now lasts six weeks.

## Recommendations

1. The Corrin Council should publish its catch data every month.
2. The port authority should fund a second patrol boat.

## References

- Corrin Council. (2024, March 3). Shared quota agreement. https://example.org/quota
- Alby Port Authority. (n.d.). Patrol schedule.
"""


@pytest.fixture
def brief_file(tmp_path: Path) -> Path:
    path = tmp_path / "lake-corrin.md"
    path.write_text(BRIEF_MD, encoding="utf-8")
    return path
