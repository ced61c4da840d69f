from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.support.databases import model_differences

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.brief import BlockKind, BriefBuilder, Link, SourceFile, SourceFormat
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.findings import (
    Recommendation,
    RecommendationStatus,
    Reference,
    ReferenceCheck,
)
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply, Reviewer, Suggestion
from reviewdesk.errors import ConstraintError, StoreError
from reviewdesk.storage.engine import make_engine
from reviewdesk.storage.store import Store, default_db_path


def _brief() -> tuple[object, bytes]:
    builder = BriefBuilder()
    builder.heading("Harbour Dues", 0, "line:1")
    builder.heading("Introduction", 1, "line:3")
    builder.block(BlockKind.PARAGRAPH, "Dues rose in 2024 at every port.", "line:4")
    builder.block(BlockKind.LIST_ITEM, "Ports should publish their tariffs.", "line:5", level=1,
                  page=2, tracked_changes=True, rtl=True,
                  links=(Link(0, 5, "https://example.org/ports"),))
    data = b"# Harbour Dues\n..."
    source = SourceFile("dues.md", data, hashlib.sha256(data).hexdigest())
    brief = builder.build("Harbour Dues", SourceFormat.MARKDOWN, source)
    brief.imported_at = utc_now()
    return brief, data


def test_fresh_file_is_migrated_to_exactly_the_model_schema(db_path: Path) -> None:
    Store(db_path).close()
    engine = make_engine(db_path)
    with engine.connect() as connection:
        diff = model_differences(connection)
    assert diff == []
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0009",)


def test_pragmas_on_every_connection(db_path: Path) -> None:
    Store(db_path).close()
    engine = make_engine(db_path)
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        assert raw.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert raw.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert raw.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL


def test_every_model_round_trips(store: Store) -> None:
    brief, data = _brief()
    reviewer = Reviewer(name="Ines Duarte", initials="ID")
    codebook = Codebook(name="Test")
    parent = Tag(name="Indicator", colour="#f4b400", codebook_id=codebook.id, shortcut="1")
    child = Tag(name="economic", colour="#f9d56e", codebook_id=codebook.id,
                parent_id=parent.id, position=1, description="Trade")
    codebook.tags = [parent, child]
    block = brief.blocks[2]  # type: ignore[attr-defined]
    annotation = Annotation(brief_id=brief.id, anchor=anchor_at(brief.text, block.start,  # type: ignore[attr-defined]
                                                                block.start + 4),
                            reviewer_id=reviewer.id, tag_id=child.id, comment="check",
                            status=AnnotationStatus.RESOLVED)
    reply = Reply(annotation_id=annotation.id, reviewer_id=reviewer.id, text="Agreed.")
    reference = Reference(brief_id=brief.id, position=0, raw="Port. (2024). Dues.",
                          author="Port", date_text="2024", title="Dues",
                          flags=["missing_url", "duplicate"], duplicate_of=1,
                          check=ReferenceCheck.PROBLEM, note="no link")
    recommendation = Recommendation(brief_id=brief.id, position=0, text="Publish tariffs.",
                                    addressee="Ports", status=RecommendationStatus.ACCEPTED,
                                    due=date(2025, 1, 31))
    suggestion = Suggestion(brief_id=brief.id, block_id=block.id,
                            anchor=anchor_at(brief.text, block.start, block.start + 4),  # type: ignore[attr-defined]
                            replacement="Fees", reviewer_id=reviewer.id)
    with store.transaction() as tx:
        tx.briefs.add(brief)  # type: ignore[arg-type]
        tx.reviewers.add(reviewer)
        tx.codebooks.add(codebook, default=True)
        tx.annotations.add(annotation)
        tx.annotations.add_reply(reply)
        tx.findings.add_references([reference])
        tx.findings.add_recommendations([recommendation])
        tx.findings.add_suggestion(suggestion)
        tx.settings.set("reviewer", "Ines Duarte")
    store.close()
    with Store(store.path) as reopened, reopened.transaction() as tx:
        loaded = tx.briefs.get(brief.id)  # type: ignore[attr-defined]
        assert loaded is not None
        assert loaded.text == brief.text  # type: ignore[attr-defined]
        assert [(s.title, s.kind, s.level) for s in loaded.sections] == [
            (s.title, s.kind, s.level) for s in brief.sections]  # type: ignore[attr-defined]
        assert loaded.blocks == brief.blocks  # type: ignore[attr-defined]
        source = tx.briefs.source(brief.id)  # type: ignore[attr-defined]
        assert source is not None and source.data == data
        assert tx.briefs.by_sha256(source.sha256) == brief.id  # type: ignore[attr-defined]
        assert tx.reviewers.by_name("Ines Duarte") == reviewer
        stored_codebook = tx.codebooks.default()
        assert stored_codebook is not None and stored_codebook.tags == codebook.tags
        assert tx.annotations.get(annotation.id) == annotation
        assert tx.annotations.replies_for_brief(annotation.brief_id) == {annotation.id: [reply]}
        assert tx.findings.references(annotation.brief_id) == [reference]
        assert tx.findings.recommendations(annotation.brief_id) == [recommendation]
        assert tx.findings.suggestions(annotation.brief_id) == [suggestion]
        assert tx.settings.get("reviewer") == "Ines Duarte"
        assert [s.annotation_count for s in tx.briefs.summaries()] == [1]


def test_foreign_keys_are_enforced(store: Store) -> None:
    orphan = Reply(annotation_id="00000000-0000-0000-0000-000000000000",
                   reviewer_id="00000000-0000-0000-0000-000000000001", text="lost")
    with pytest.raises(ConstraintError, match="FOREIGN KEY"), store.transaction() as tx:
        tx.annotations.add_reply(orphan)


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    brief, _ = _brief()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.briefs.add(brief)  # type: ignore[arg-type]
        raise RuntimeError("stop")
    with store.transaction() as tx:
        assert tx.briefs.summaries() == []


def test_an_sqlite_file_of_another_program_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not a ReviewDesk database"):
        Store(db_path)


def test_a_file_that_is_not_sqlite_is_refused(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a ReviewDesk database, or it is damaged"):
        Store(db_path)


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="newer ReviewDesk"):
        Store(db_path)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert default_db_path(tmp_path / "x.db") == tmp_path / "x.db"
    monkeypatch.setenv("REVIEWDESK_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("REVIEWDESK_DB")
    assert default_db_path().name == "reviewdesk.sqlite3"
    assert "ReviewDesk" in default_db_path().parts
