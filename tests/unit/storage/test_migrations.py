"""Opening an older database migrates it, after copying the file beside it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config

import reviewdesk.storage.engine as engine_module
from reviewdesk.storage.store import Store

MIGRATIONS = Path(engine_module.__file__).parent / "migrations"

NEXT_REVISION = '''
"""Test-only: a second schema version that adds a column."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviewer") as batch:
        batch.add_column(sa.Column("email", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reviewer") as batch:
        batch.drop_column("email")
'''


@pytest.fixture
def newer_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_test.py").write_text(NEXT_REVISION, encoding="utf-8")

    def config() -> Config:
        result = Config()
        result.set_main_option("script_location", str(scripts))
        return result

    monkeypatch.setattr(engine_module, "alembic_config", config)


def test_older_database_is_copied_then_migrated(db_path: Path, newer_schema: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as original:
        original.setattr(engine_module, "alembic_config", _real_config)
        with Store(db_path) as store, store.transaction() as tx:
            from reviewdesk.services.reviewers import ensure_reviewer
            ensure_reviewer(tx, "Ines Duarte")
    assert list(db_path.parent.glob("*.bak")) == []

    Store(db_path).close()  # now with the newer schema

    [backup] = db_path.parent.glob("*.bak")
    assert "before-9001" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert old.execute("SELECT name FROM reviewer").fetchall() == [("Ines Duarte",)]
    old.close()
    new = sqlite3.connect(db_path)
    assert new.execute("SELECT version_num FROM alembic_version").fetchone() == ("9001",)
    assert new.execute("SELECT name, email FROM reviewer").fetchall() == [("Ines Duarte", None)]
    new.close()
    Store(db_path).close()  # already current: no second copy
    assert len(list(db_path.parent.glob("*.bak"))) == 1


def test_a_new_file_needs_no_copy(db_path: Path, newer_schema: None) -> None:
    Store(db_path).close()
    assert list(db_path.parent.glob("*.bak")) == []


_real_config = engine_module.alembic_config
