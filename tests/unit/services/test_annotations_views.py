"""The annotation views built straight from rows are the ones the domain objects gave."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.domain.views import AnnotationView, ReplyView
from reviewdesk.services.annotations import (
    annotation_view,
    annotations_of,
    brief_annotations,
    delete_annotation,
    list_annotations,
    set_annotation_date,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

T0 = datetime(2025, 3, 4, 5, 6, 7, 123000, tzinfo=UTC)


def _through_objects(tx: Transaction, brief_id: str) -> list[AnnotationView]:
    """The views as they were made before: an Annotation (anchor, selectors) per row, a
    Reply per reply, then the view of each, tags from the default codebook only."""
    codebook = ensure_default_codebook(tx)
    reviewers = tx.reviewers.all()
    replies = tx.annotations.replies_for_brief(brief_id)

    def name(reviewer_id: str) -> str:
        found = reviewers.get(reviewer_id)
        return found.name if found else "?"

    views = []
    for a in tx.annotations.iter_for_brief(brief_id):
        tag = codebook.by_id(a.tag_id) if a.tag_id else None
        author = reviewers.get(a.reviewer_id)
        views.append(AnnotationView(
            id=a.id, brief_id=brief_id, tag=codebook.path(tag) if tag else None,
            colour=tag.colour if tag else None, comment=a.comment, reviewer=name(a.reviewer_id),
            initials=author.initials if author else "?", status=a.status,
            quote=a.anchor.quote.exact, prefix=a.anchor.quote.prefix,
            suffix=a.anchor.quote.suffix, start=a.anchor.start, end=a.anchor.end,
            created=a.created, modified=a.modified,
            replies=tuple(ReplyView(id=r.id, reviewer=name(r.reviewer_id), text=r.text,
                                    created=r.created) for r in replies.get(a.id, [])),
            anchor_state=a.anchor_state, anchor_score=a.anchor_score, date=a.date))
    return views


@pytest.fixture
def varied(store: Store, brief_file: Path, db_path: Path, tmp_path: Path) -> str:
    """A brief with annotations of every kind, beside another brief's."""
    brief_id = import_files(store, [brief_file])[0].id
    other_file = tmp_path / "other.txt"
    other_file.write_text("Another brief about the council and its quota.\n", encoding="utf-8")
    other_id = import_files(store, [other_file])[0].id
    text = load_brief(store, brief_id).text
    with store.transaction() as tx:
        ines = ensure_reviewer(tx, "Ines Duarte")
        amina = ensure_reviewer(tx, "Amina Rahimi", "AMR")
        tags = ensure_default_codebook(tx).tags
        child = next(tag for tag in tags if tag.parent_id)
        elsewhere = Codebook(name="Another codebook")
        foreign = Tag(name="Elsewhere", colour="#123456", codebook_id=elsewhere.id)
        elsewhere.tags.append(foreign)
        tx.codebooks.add(elsewhere, default=False)

        def at(start: int, end: int, **values: object) -> Annotation:
            return Annotation(brief_id=brief_id, anchor=anchor_at(text, start, end),
                              **values)  # type: ignore[arg-type]

        made = [
            at(10, 20, reviewer_id=ines.id, tag_id=child.id, comment="a child tag",
               created=T0, modified=T0),
            at(10, 20, reviewer_id=amina.id, tag_id=tags[0].id, created=T0 + timedelta(
                microseconds=7), modified=T0 + timedelta(days=2)),
            at(5, 30, reviewer_id=amina.id, comment="no tag, resolved",
               status=AnnotationStatus.RESOLVED, created=T0, modified=T0),
            at(40, 52, reviewer_id=ines.id, tag_id=foreign.id, comment="another codebook's",
               created=T0, modified=T0),
            at(60, 70, reviewer_id=ines.id, tag_id=tags[1].id, anchor_state="shifted",
               anchor_score=0.875, carried_from="an-older-one", date="September 2024",
               created=T0, modified=T0),
            at(80, 95, reviewer_id=amina.id, anchor_state="needs_review", anchor_score=0.5,
               created=T0, modified=T0),
            at(0, 4, reviewer_id=amina.id, anchor_state="orphaned", anchor_score=0.0,
               created=T0, modified=T0),
            at(100, 110, reviewer_id=ines.id, comment="to delete", created=T0, modified=T0),
        ]
        # Three on the same words at the same moment, stored out of the order of their ids.
        made += [at(120, 130, reviewer_id=ines.id, id=ident, comment=ident, created=T0,
                    modified=T0) for ident in ("tie-b", "tie-c", "tie-a")]
        replies = [Reply(annotation_id=made[0].id, reviewer_id=amina.id, text="second",
                         created=T0 + timedelta(minutes=2)),
                   Reply(annotation_id=made[0].id, reviewer_id=ines.id, text="first",
                         created=T0 + timedelta(minutes=1)),
                   Reply(annotation_id=made[4].id, reviewer_id=ines.id, text="only",
                         created=T0 + timedelta(minutes=3))]
        tx.annotations.add_all(made, replies)
        tx.annotations.add(Annotation(brief_id=other_id, anchor=anchor_at(
            "Another brief about the council", 0, 7), reviewer_id=ines.id, created=T0,
            modified=T0))
    delete_annotation(store, made[7].id)
    # A reviewer who is not in this store (a reply to the child-tag annotation, one
    # annotation of their own): only a file written by hand holds such rows.
    with sqlite3.connect(db_path) as bare:
        bare.execute("INSERT INTO reply (id, annotation_id, reviewer_id, text, created) "
                     "VALUES ('stranger-reply', ?, 'gone', 'who?', ?)",
                     (made[0].id, "2025-03-04 05:09:07.123000"))
        bare.execute(
            'INSERT INTO annotation (id, brief_id, tag_id, reviewer_id, comment, status, exact, '
            'prefix, suffix, start, "end", created, modified, anchor_state, anchor_score, '
            'carried_from, revision, date) SELECT \'stranger\', brief_id, tag_id, \'gone\', '
            'comment, status, exact, prefix, suffix, start + 1, "end", created, modified, '
            'anchor_state, anchor_score, carried_from, revision, date FROM annotation '
            'WHERE id = ?', (made[1].id,))
    return brief_id


def test_views_are_those_the_objects_gave(store: Store, varied: str) -> None:
    with store.transaction() as tx:
        views, expected = annotations_of(tx, varied), _through_objects(tx, varied)
    assert views == expected
    assert len(views) == 11 and "to delete" not in {view.comment for view in views}
    assert [v.comment for v in views if v.quote == views[-1].quote] == ["tie-b", "tie-c", "tie-a"]
    by_comment = {view.comment: view for view in views}
    assert by_comment["a child tag"].tag is not None and " › " in by_comment["a child tag"].tag
    assert [r.text for r in by_comment["a child tag"].replies] == ["first", "second", "who?"]
    assert by_comment["a child tag"].replies[-1].reviewer == "?"
    assert by_comment["another codebook's"].tag is None
    stranger = next(view for view in views if view.id == "stranger")
    assert (stranger.reviewer, stranger.initials) == ("?", "?")
    assert {view.initials for view in views} == {"ID", "AMR", "?"}
    # One string each for the brief's id and each reviewer's name, shared by the views.
    assert len({id(view.brief_id) for view in views}) == 1
    assert len({id(view.reviewer) for view in views}) == len({view.reviewer for view in views})
    for view in views:
        assert type(view.status) is AnnotationStatus
        assert view.created.tzinfo is UTC and view.modified.tzinfo is UTC
        assert all(reply.created.tzinfo is UTC for reply in view.replies)


def test_every_way_to_a_view_gives_the_same(store: Store, varied: str) -> None:
    with store.transaction() as tx:
        expected = _through_objects(tx, varied)
    assert brief_annotations(store, varied) == expected
    assert list_annotations(store, varied[:8]) == expected
    assert [annotation_view(store, view.id) for view in expected] == expected


def test_setting_a_date_gives_the_annotation_s_view(store: Store, varied: str) -> None:
    first = brief_annotations(store, varied)[0]
    changed = set_annotation_date(store, first.id, "2024-09")
    assert changed.date == "September 2024" and changed.modified > first.modified
    assert changed == next(v for v in brief_annotations(store, varied) if v.id == first.id)
