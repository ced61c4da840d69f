"""Every earlier schema revision, filled as the app of its day filled it, opens with the
current store: migrated to the head, copied first, intact, every row still there with
its values, and the app can work on it. A database of a newer revision is refused and left
as it was.

The rows are written with raw SQL against each revision's own tables (the current
repositories would write the current schema), then read back through the services."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import pytest
from alembic.script import ScriptDirectory
from tests.support.databases import database_at, model_differences

from reviewdesk import cli
from reviewdesk.domain.brief import Link
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.review import AnnotationStatus, SuggestionStatus
from reviewdesk.errors import StoreError
from reviewdesk.services.annotations import (
    annotate,
    delete_annotation,
    list_annotations,
    update_annotation,
)
from reviewdesk.services.briefs import load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.interchange import export_annotations, import_annotations
from reviewdesk.services.reviewers import configured_reviewer
from reviewdesk.services.tracking import (
    recommendation_history,
    recommendations_of,
    references_of,
    set_reference_check,
    suggestion_views,
)
from reviewdesk.services.versions import import_version, versions_of
from reviewdesk.storage.engine import alembic_config, make_engine
from reviewdesk.storage.store import Store

EARLIER = ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008"]
SEARCH_TRIGGERS = sorted(f"search_{row}_{change}" for row in ("brief", "block", "annotation",
                                                                 "reply")
                         for change in ("added", "changed", "deleted"))
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_the_revisions_tested_here_are_all_before_the_head() -> None:
    """A new migration needs its predecessor's database added to EARLIER."""
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert revisions == [*EARLIER, HEAD]


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"reviewdesk-test:{name}"))


# --- The contents: one brief as the importer of the day stored it, and a review of it ------

BLOCKS = [  # section, kind, level, text, locator
    ("s1", "heading", 0, "Harbour Dues", "line:1"),
    ("s1", "paragraph", 0, "Dues rose in 2024 at every port, say the port councils.",
     "line:3"),
    ("s2", "heading", 1, "Recommendations", "line:5"),
    ("s2", "list_item", 1, "Ports should publish their tariffs every month.", "line:6"),
    ("s3", "heading", 1, "References", "line:8"),
    ("s3", "list_item", 1, "Council of Ports. (2024, March 3). Tariff survey. "
                           "https://example.org/tariffs", "line:9"),
]
TEXT = "\n".join(block[3] for block in BLOCKS)
SECTIONS = [("s1", "Harbour Dues", "other", 0), ("s2", "Recommendations", "recommendations", 1),
            ("s3", "References", "references", 1)]
SOURCE = b"Harbour Dues\n\nDues rose in 2024 at every port, say the port councils.\n"
T0 = "2025-01-02 03:04:05.678000"
T1 = "2025-01-03 10:00:00.000000"
T2 = "2025-01-04 11:30:15.250000"


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


# id, tag, reviewer, comment, status, quote, created, modified
ANNOTATIONS = [
    ("a1", "t2", "r1", "Which ports? \"Every\" seems strong.\nCheck the survey.", "open",
     "every port", T0, T1),
    ("a2", "t3", "r2", "", "resolved", "publish their tariffs", T1, T2),
    ("a3", None, "r1", "Date format", "open", "(2024, March 3)", T2, T2),
]
REPLIES = [("p1", "a1", "r2", "All twelve, says the survey.", T1),
           ("p2", "a1", "r1", "Then say so — 12 ports.", T2)]


class Runs(Protocol):
    """A DB-API connection with `?` parameters: sqlite3's, or tests.support.postgres's."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


def _fill(connection: Runs, revision: str) -> None:
    """Representative rows of every table `revision` has, in its columns (plain SQL that
    SQLite and PostgreSQL both take)."""
    level = int(revision)
    run = connection.execute
    run("INSERT INTO source_file (id, sha256, filename, size, data) VALUES (?, ?, ?, ?, ?)",
        (_id("f1"), hashlib.sha256(SOURCE).hexdigest(), "harbour-dues.txt", len(SOURCE),
         SOURCE))
    brief_columns = "id, title, source_format, text, source_file_id, imported_at"
    run(f"INSERT INTO brief ({brief_columns}) VALUES (?, ?, ?, ?, ?, ?)",
        (_id("b1"), "Harbour Dues", "txt", TEXT, _id("f1"), T0))
    for position, (key, title, kind, depth) in enumerate(SECTIONS):
        run("INSERT INTO section (id, brief_id, position, title, kind, level) "
            "VALUES (?, ?, ?, ?, ?, ?)", (_id(key), _id("b1"), position, title, kind, depth))
    start = 0
    for position, (section, kind, depth, text, locator) in enumerate(BLOCKS):
        values: dict[str, Any] = {
            "id": _id(f"k{position}"), "brief_id": _id("b1"), "section_id": _id(section),
            "position": position, "kind": kind, "level": depth, "text": text, "start": start,
            '"end"': start + len(text), "locator": locator}
        if level >= 2:  # page, tracked changes, direction and links
            values |= {"page": 2 if position == 3 else None, "tracked_changes": position == 3,
                       "rtl": False,
                       "links": json.dumps([[51, 79, "https://example.org/tariffs"]])
                       if position == 5 else ""}
        run(f"INSERT INTO block ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()))
        start += len(text) + 1

    run("INSERT INTO reviewer (id, name, initials) VALUES (?, ?, ?)",
        (_id("r1"), "Ines Duarte", "ID"))
    run("INSERT INTO reviewer (id, name, initials) VALUES (?, ?, ?)",
        (_id("r2"), "Bo Lind", "BL"))
    run("INSERT INTO setting (key, value) VALUES ('reviewer', 'Ines Duarte')")
    run("INSERT INTO codebook (id, name, is_default) VALUES (?, 'Harbour review', TRUE)",
        (_id("cb"),))
    for key, parent, name, colour, shortcut, position in [
            ("t1", None, "Indicator", "#f4b400", "1", 0), ("t2", "t1", "economic", "#f9d56e",
                                                           None, 1),
            ("t3", None, "Claim", "#db4437", "3", 2)]:
        run("INSERT INTO tag (id, codebook_id, parent_id, name, colour, shortcut, description,"
            " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_id(key), _id("cb"), _id(parent) if parent else None, name, colour, shortcut,
             f"{name} tag", position))

    for key, tag, reviewer, comment, status, quote, created, modified in ANNOTATIONS:
        begin, end = _span(quote)
        values = {"id": _id(key), "brief_id": _id("b1"), "tag_id": _id(tag) if tag else None,
                  "reviewer_id": _id(reviewer), "comment": comment, "status": status,
                  "exact": quote, "prefix": TEXT[max(0, begin - 32):begin],
                  "suffix": TEXT[end:end + 32], "start": begin, '"end"': end,
                  "created": created, "modified": modified}
        if level >= 4 and key == "a2":  # how a carried annotation was placed
            values |= {"anchor_state": "needs_review", "anchor_score": 0.75}
        run(f"INSERT INTO annotation ({', '.join(values)}) "
            f"VALUES ({', '.join('?' * len(values))})", tuple(values.values()))
    for key, annotation, reviewer, text, created in REPLIES:
        run("INSERT INTO reply (id, annotation_id, reviewer_id, text, created) "
            "VALUES (?, ?, ?, ?, ?)", (_id(key), _id(annotation), _id(reviewer), text, created))

    run("INSERT INTO recommendation (id, brief_id, block_id, position, text, addressee, "
        "priority, status, owner, due, note, modified) "
        "VALUES (?, ?, ?, 0, ?, 'Ports', 'high', 'in_progress', 'Bo Lind', '2025-06-30', "
        "'Asked in May', ?)", (_id("rec1"), _id("b1"), _id("k3"), BLOCKS[3][3], T1))
    reference = {"id": _id("ref1"), "brief_id": _id("b1"), "block_id": _id("k5"),
                 "position": 0, "raw": BLOCKS[5][3], "author": "Council of Ports",
                 "date_text": "2024, March 3", "title": "Tariff survey", "container": "",
                 "url": "https://example.org/tariffs", "flags": "no-doi recent",
                 "check_status": "verified", "note": "Seen the PDF"}
    if level >= 2:
        reference["duplicate_of"] = None
    run(f"INSERT INTO reference ({', '.join(reference)}) "
        f"VALUES ({', '.join('?' * len(reference))})", tuple(reference.values()))
    begin, end = _span("every month")
    run("INSERT INTO suggestion (id, brief_id, block_id, reviewer_id, exact, prefix, suffix, "
        "start, \"end\", replacement, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_id("sg1"), _id("b1"), _id("k3"), _id("r2"), "every month",
         TEXT[begin - 32:begin], TEXT[end:end + 32], begin, end, "monthly", T2))

    if level >= 3:  # claims traced to references, evidence, recommendation history
        run("INSERT INTO claim_link (id, annotation_id, reference_id, created) "
            "VALUES (?, ?, ?, ?)", (_id("cl1"), _id("a1"), _id("ref1"), T1))
        run("INSERT INTO evidence_link (id, annotation_id, recommendation_id, created) "
            "VALUES (?, ?, ?, ?)", (_id("ev1"), _id("a2"), _id("rec1"), T1))
        run("INSERT INTO recommendation_event (id, recommendation_id, reviewer_id, field, old, "
            "new, at) VALUES (?, ?, ?, 'status', 'proposed', 'in_progress', ?)",
            (_id("re1"), _id("rec1"), _id("r1"), T1))
    if level >= 4:  # a second version, with an annotation carried to it
        run("INSERT INTO brief (id, title, source_format, text, imported_at, version_of, "
            "version) VALUES (?, 'Harbour Dues', 'txt', ?, ?, ?, 2)",
            (_id("b2"), TEXT, T2, _id("b1")))
        run("INSERT INTO section (id, brief_id, position, title, kind, level) "
            "VALUES (?, ?, 0, '', 'other', 0)", (_id("s2-1"), _id("b2")))
        run("INSERT INTO block (id, brief_id, section_id, position, kind, level, text, start, "
            "\"end\", locator) VALUES (?, ?, ?, 0, 'paragraph', 0, ?, 0, ?, 'line:1')",
            (_id("k2-1"), _id("b2"), _id("s2-1"), TEXT, len(TEXT)))
        begin, end = _span("every port")
        run("INSERT INTO annotation (id, brief_id, tag_id, reviewer_id, comment, status, exact,"
            " prefix, suffix, start, \"end\", created, modified, anchor_state, anchor_score, "
            "carried_from) VALUES (?, ?, ?, ?, ?, 'open', 'every port', ?, ?, ?, ?,"
            " ?, ?, 'shifted', 1.0, ?)",
            (_id("a1v2"), _id("b2"), _id("t2"), _id("r1"), "Which ports?",
             TEXT[begin - 32:begin], TEXT[end:end + 32], begin, end, T2, T2, _id("a1")))
    if level >= 5:  # a deletion, a merge's history, a superseded version, a check's time
        run("INSERT INTO tombstone (id, kind, brief_id, deleted_at) VALUES (?, 'annotation', "
            "?, ?)", (_id("gone"), _id("b1"), T1))
        run("INSERT INTO annotation_event (id, annotation_id, field, value_kept, value_other, "
            "at, source) VALUES (?, ?, 'comment', 'kept', 'other', ?, 'merge')",
            (_id("ev-a1"), _id("a1"), T0))
        run("INSERT INTO annotation_superseded (annotation_id, modified) VALUES (?, ?)",
            (_id("a1"), T0))
        run("UPDATE reference SET modified = ? WHERE id = ?", (T1, _id("ref1")))
    if level >= 6:  # keys, the trusted key of a colleague, who deleted what, counters
        run("UPDATE reviewer SET public_key = ? WHERE id = ?", (KEY_BO, _id("r2")))
        run("INSERT INTO reviewer_key (public_key, name, role, trust, trusted_at) "
            "VALUES (?, 'Bo Lind', 'reviewer', 'first-use', ?)", (KEY_BO, T1))
        run("UPDATE tombstone SET reviewer_id = ? WHERE id = ?", (_id("r1"), _id("gone")))
        run("UPDATE reference SET revision = 2 WHERE id = ?", (_id("ref1"),))
        run("UPDATE recommendation SET revision = 1 WHERE id = ?", (_id("rec1"),))


KEY_BO = "b2" * 32


def _old_database(path: Path, revision: str) -> None:
    database_at(path, revision)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=ON")  # as the app of the day wrote
    with connection:
        _fill(connection, revision)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- The checks --------------------------------------------------------------------------


def _check_file(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD,)]
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    # The migrated schema is the one a new file gets: the model's tables, and the triggers.
    engine = make_engine(path)
    try:
        with engine.connect() as live:
            assert model_differences(live) == []
            triggers = live.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
            assert [name for (name,) in triggers] == [
                "annotation_superseded_on_edit", "reference_modified_on_check",
                *SEARCH_TRIGGERS]
    finally:
        engine.dispose()
    [backup] = path.parent.glob(f"{path.name}.*.bak")
    assert f"before-{HEAD}" in backup.name
    old = sqlite3.connect(backup)
    try:
        assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [(revision,)]
        assert old.execute("SELECT count(*) FROM annotation").fetchone() == (
            len(ANNOTATIONS) + (1 if int(revision) >= 4 else 0),)
        assert old.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        old.close()


def _check_brief(store: Store, revision: str) -> None:
    level = int(revision)
    brief = load_brief(store, _id("b1"))
    assert (brief.title, brief.text, brief.version, brief.version_of) == (
        "Harbour Dues", TEXT, 1, None)
    assert brief.language == ""  # 0007: not known for a brief imported before
    assert [(s.id, s.title, s.kind.value, s.level) for s in brief.sections] == [
        (_id(key), title, kind, depth) for key, title, kind, depth in SECTIONS]
    start = 0
    for position, (block, expected) in enumerate(zip(brief.blocks, BLOCKS, strict=True)):
        _, kind, depth, text, locator = expected
        assert (block.id, block.kind.value, block.level, block.text, block.start, block.end,
                block.locator) == (_id(f"k{position}"), kind, depth, text, start,
                                   start + len(text), locator)
        start += len(text) + 1
        # Columns added by 0002 take their defaults on older rows.
        if level >= 2 and position == 3:
            assert (block.page, block.tracked_changes) == (2, True)
        elif level >= 2 and position == 5:
            assert block.links == (Link(51, 79, "https://example.org/tariffs"),)
        else:
            assert (block.page, block.tracked_changes, block.links) == (None, False, ())
        assert block.rtl is False
    assert [[b.id for b in s.blocks] for s in brief.sections] == [
        [_id(f"k{i}") for i, block in enumerate(BLOCKS) if block[0] == key]
        for key, _, _, _ in SECTIONS]
    with store.transaction() as tx:
        source = tx.briefs.source(_id("b1"))
    assert source is not None and (source.filename, source.data) == ("harbour-dues.txt", SOURCE)


def _check_review(store: Store, revision: str) -> None:
    level = int(revision)
    codebook = default_codebook(store)
    assert codebook.id == _id("cb")
    assert [(codebook.path(t), t.colour, t.shortcut, t.description) for t in codebook.tags] == [
        ("Indicator", "#f4b400", "1", "Indicator tag"),
        ("Indicator › economic", "#f9d56e", None, "economic tag"),
        ("Claim", "#db4437", "3", "Claim tag")]
    assert configured_reviewer(store) == "Ines Duarte"

    paths = {"t2": "Indicator › economic", "t3": "Claim"}
    names = {"r1": ("Ines Duarte", "ID"), "r2": ("Bo Lind", "BL")}
    views = {v.id: v for v in list_annotations(store, _id("b1"))}
    assert set(views) == {_id(a[0]) for a in ANNOTATIONS}
    for key, tag, reviewer, comment, status, quote, created, modified in ANNOTATIONS:
        view = views[_id(key)]
        begin, end = _span(quote)
        assert (view.tag, view.comment, (view.reviewer, view.initials), view.status.value,
                view.quote, view.start, view.end, view.prefix, view.suffix) == (
            paths.get(tag or ""), comment, names[reviewer], status, quote, begin, end,
            TEXT[max(0, begin - 32):begin], TEXT[end:end + 32])
        assert (view.created, view.modified) == (_utc(created), _utc(modified))
        carried = level >= 4 and key == "a2"
        assert (view.anchor_state, view.anchor_score) == (
            ("needs_review", 0.75) if carried else ("anchored", None))
    replies = views[_id("a1")].replies
    assert [(r.id, r.reviewer, r.text, r.created) for r in replies] == [
        (_id(key), names[reviewer][0], text, _utc(created))
        for key, _, reviewer, text, created in REPLIES]

    [reference] = references_of(store, _id("b1"))
    ref = reference.reference
    assert (ref.id, ref.block_id, ref.raw, ref.author, ref.date_text, ref.title, ref.url,
            ref.flags, ref.duplicate_of, ref.check, ref.note) == (
        _id("ref1"), _id("k5"), BLOCKS[5][3], "Council of Ports", "2024, March 3",
        "Tariff survey", "https://example.org/tariffs", ["no-doi", "recent"], None,
        ReferenceCheck.VERIFIED, "Seen the PDF")
    assert reference.claims == ((_id("a1"),) if level >= 3 else ())
    [tracked] = recommendations_of(store, _id("b1"))
    rec = tracked.recommendation
    assert (rec.id, rec.block_id, rec.text, rec.addressee, rec.priority, rec.status, rec.owner,
            rec.due, rec.note, rec.modified) == (
        _id("rec1"), _id("k3"), BLOCKS[3][3], "Ports", "high", RecommendationStatus.IN_PROGRESS,
        "Bo Lind", date(2025, 6, 30), "Asked in May", _utc(T1))
    assert tracked.evidence == ((_id("a2"),) if level >= 3 else ())
    history = recommendation_history(store, _id("rec1"))
    assert [(e.changed, e.old, e.new, e.reviewer_id, e.at) for e in history] == (
        [("status", "proposed", "in_progress", _id("r1"), _utc(T1))] if level >= 3 else [])
    [suggestion] = suggestion_views(store, _id("b1"))
    assert (suggestion.id, suggestion.block_id, suggestion.quote, suggestion.replacement,
            suggestion.reviewer, suggestion.created, suggestion.status) == (
        _id("sg1"), _id("k3"), "every month", "monthly", "Bo Lind", _utc(T2),
        SuggestionStatus.PENDING)  # 0009: every suggestion made before was pending

    versions = versions_of(store, _id("b1"))
    assert [(v.id, v.version) for v in versions] == (
        [(_id("b1"), 1), (_id("b2"), 2)] if level >= 4 else [(_id("b1"), 1)])
    if level >= 4:
        [on_second] = list_annotations(store, _id("b2"))
        assert (on_second.id, on_second.anchor_state, on_second.anchor_score,
                on_second.quote) == (
            _id("a1v2"), "shifted", 1.0, "every port")
        assert load_brief(store, _id("b2")).version_of == _id("b1")


def _check_show_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What `reviewdesk show --json` prints for the old brief."""
    assert cli.main(["--db", str(path), "show", _id("b1"), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["id"], shown["title"], shown["version"]) == (_id("b1"), "Harbour Dues", 1)
    assert [b["text"] for s in shown["sections"] for b in s["blocks"]] == [b[3] for b in BLOCKS]
    assert sorted((a["id"], a["quote"], a["comment"], a["status"], len(a["replies"]))
                  for a in shown["annotations"]) == sorted(
        (_id(key), quote, comment, status, 2 if key == "a1" else 0)
        for key, _, _, comment, status, quote, _, _ in ANNOTATIONS)
    assert [r["text"] for r in shown["references"]] == [BLOCKS[5][3]]
    assert [(r["id"], r["status"], r["due"]) for r in shown["recommendations"]] == [
        (_id("rec1"), "in_progress", "2025-06-30")]
    assert [s["id"] for s in shown["suggestions"]] == [_id("sg1")]


def _check_work(connection: Runs, level: int) -> None:
    """What _work's edits left in the tables, read past the store."""
    assert connection.execute(
        "SELECT modified FROM reference WHERE id = ?", (_id("ref1"),)).fetchone()[0]
    assert connection.execute(
        "SELECT count(*) FROM annotation_superseded WHERE annotation_id = ?",
        (_id("a1"),)).fetchone() == (2 if level >= 5 else 1,)
    # 0006's counters: the edit raised a1's revision from the 0 old rows take.
    assert connection.execute("SELECT revision FROM annotation WHERE id = ?",
                              (_id("a1"),)).fetchone() == (1,)
    assert connection.execute("SELECT revision FROM annotation WHERE id = ?",
                              (_id("a2"),)).fetchone() == (0,)
    assert connection.execute("SELECT count(*) FROM reply").fetchone() == (2,)


def _work(store: Store, path: Path, revision: str, connection: Runs | None = None) -> None:
    """Normal work on the migrated brief: annotate, edit, delete, check a reference, export
    and import annotations, and a new version carrying the review. `connection` reads the
    database past the store (by default, the SQLite file at `path`)."""
    level = int(revision)
    note = annotate(store, _id("b1"), "port councils", tag="Claim", comment="Which councils?",
                    reviewer="Ines Duarte")
    before = update_annotation(store, _id("a1"), status=AnnotationStatus.RESOLVED)
    assert before.status == AnnotationStatus.OPEN
    removed = delete_annotation(store, _id("a3"))
    assert removed.annotation.id == _id("a3")
    set_reference_check(store, _id("ref1"), ReferenceCheck.PROBLEM, note="Link is dead")
    views = {v.id: v for v in list_annotations(store, _id("b1"))}
    assert set(views) == {note.id, _id("a1"), _id("a2")}
    assert views[_id("a1")].status == AnnotationStatus.RESOLVED
    assert len(views[_id("a1")].replies) == 2  # replies stay with their annotation
    with store.transaction() as tx:
        # 0005's triggers work on the old rows: the old version of an edited annotation
        # is remembered, a reference's check is stamped, the deletion is a tombstone.
        assert tx.tracking.is_tombstoned(_id("a3"))
        [reference] = tx.findings.references_by_ids([_id("ref1")])
        assert (reference.check, reference.note) == (ReferenceCheck.PROBLEM, "Link is dead")
    reader = connection if connection is not None else sqlite3.connect(path)
    try:
        _check_work(reader, level)
    finally:
        if connection is None:
            assert isinstance(reader, sqlite3.Connection)
            reader.close()

    exported = export_annotations(store, _id("b1"))
    items = exported["first"]["items"]
    assert exported["total"] == len(items) == 3 + 2  # three annotations, two replies
    assert {item["id"] for item in items} >= {f"urn:uuid:{_id('a1')}", f"urn:uuid:{_id('p1')}",
                                              f"urn:uuid:{note.id}"}
    report = import_annotations(store, _id("b1"), json.dumps(exported))
    assert (report.added, report.replies_added, report.already_present) == (0, 0, 3)

    revised = path.parent / "harbour-dues-v2.txt"
    revised.write_text(TEXT.replace("Dues rose in 2024", "Harbour dues rose sharply in 2024")
                       + "\n", encoding="utf-8")
    result = import_version(store, revised, _id("b1"))
    assert result.version == (3 if level >= 4 else 2)
    # The latest version's annotations go on: those just made on the first version, or
    # from 0004 on, the one carried to the second version of the old file.
    carried = list_annotations(store, result.id)
    assert {v.quote for v in carried} == (
        {"every port"} if level >= 4 else {"every port", "publish their tariffs",
                                           "port councils"})


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_of_an_earlier_revision_migrates_with_all_its_rows(
        tmp_path: Path, revision: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "review.sqlite3"
    _old_database(path, revision)
    with Store(path) as store:
        _check_file(path, revision)
        _check_brief(store, revision)
        _check_review(store, revision)
    _check_show_json(path, capsys)
    with Store(path) as store:  # already current: opened again without another copy
        _work(store, path, revision)
    assert len(list(tmp_path.glob("*.bak"))) == 1
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def _contents(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(),
                              key=repr)
                for table in tables}
    finally:
        connection.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_database_of_a_newer_revision_is_refused_and_left_as_it_was(tmp_path: Path,
                                                                      journal: str) -> None:
    """A later ReviewDesk's file (a revision this one does not know, with a table and a
    column it does not know): one clear sentence, and not a byte of the file changes."""
    path = tmp_path / "review.sqlite3"
    _old_database(path, EARLIER[-1])
    Store(path).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE future_feature (id VARCHAR PRIMARY KEY, note VARCHAR)")
        connection.execute("INSERT INTO future_feature VALUES ('x', 'from the future')")
        connection.execute("ALTER TABLE annotation ADD COLUMN future_column VARCHAR")
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.close()
    for backup in tmp_path.glob("*.bak"):
        backup.unlink()
    contents = _contents(path)
    data = path.read_bytes()

    with pytest.raises(StoreError, match="newer ReviewDesk; update the app"):
        Store(path)
    assert not list(tmp_path.glob("*.bak"))
    assert _contents(path) == contents
    if journal == "wal":  # a file the newer app wrote (always WAL): byte for byte the same
        assert path.read_bytes() == data
