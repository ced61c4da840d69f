"""Properties of the W3C Web Annotation (JSON-LD) export and import: whatever annotations a
brief carries (any tags, reviewers, comments and replies, on any spans, overlapping or
at the ends of the text), exporting them and importing the file into a fresh store gives
the same annotations back, importing again adds nothing, and a second export says the same.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from tests.support.databases import copy_database

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, SourceFormat
from reviewdesk.domain.codebook import Tag
from reviewdesk.domain.ids import utc_now
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.domain.views import AnnotationView
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.codebooks import default_codebook, ensure_default_codebook
from reviewdesk.services.interchange import export_annotations, import_annotations
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

_CHARS = st.characters(exclude_categories=["Cs"])
# Words that make brief-like text, with what a brief may hold: curly quotes, dashes,
# right-to-left script, combining marks, emoji, tabs.
_WORDS = st.sampled_from(["The", "council", "met", "in", "May", "“closed", "season”", "—",
                          "perch", "quota", "دریا", "e\u0301", "🐟", "\"", "2024", "x"])
_PARAGRAPHS = st.one_of(st.lists(_WORDS, min_size=1, max_size=25).map(" ".join),
                        st.text(_CHARS, min_size=1, max_size=60))
# Comments and replies: anything a person may type, quotes, newlines and emoji included.
_NOTES = st.one_of(st.text(_CHARS, max_size=80),
                   st.sampled_from(['He said "no".\nThen: \'yes\'', "🐟🐟 ok?", "a\\b\t{}[]",
                                    "</script>", "line one\r\nline two", "  padded  "]))
# Names as the app keeps them: white space runs folded (it folds what a person types).
_NAMES = st.one_of(st.sampled_from(["Ines Duarte", "Bo Lind", "Ngozi Okafor-Eze", "Ли Вэй",
                                    "أمينة رحيمي", "O'Brien", "x"]),
                   st.text(_CHARS, min_size=1, max_size=30)).map(
    lambda name: " ".join(name.split())).filter(bool)
# Times as the app keeps them: UTC, to the millisecond; none later than now, edits included (a
# file's time more than a day ahead of the clock is taken as now: test_interchange tests it).
_LATEST_EDIT = timedelta(milliseconds=10**10)
_TIMES = st.datetimes(min_value=datetime(1990, 1, 1),
                      max_value=datetime.now(UTC).replace(tzinfo=None) - _LATEST_EDIT,
                      timezones=st.just(UTC)).map(
    lambda t: t.replace(microsecond=t.microsecond // 1000 * 1000))
_LATER = st.one_of(st.just(timedelta(0)),
                   st.integers(1, _LATEST_EDIT // timedelta(milliseconds=1)).map(
                       lambda ms: timedelta(milliseconds=ms)))
_DEFAULT_TAGS = ["Indicator", "Indicator › economic", "Claim", "Evidence", "Risk"]


@dataclass
class _Plan:
    paragraphs: list[str]
    tags: list[tuple[str, str | None]]  # new tags: (name, parent path or None)
    reviewers: list[tuple[str, str]]  # (name, initials or "")
    annotations: list[dict[str, Any]] = field(default_factory=list)


def _brief(paragraphs: list[str]) -> Brief:
    builder = BriefBuilder()
    builder.heading("Lake Corrin review", 0, "line:1")
    for number, paragraph in enumerate(paragraphs, start=2):
        builder.block(BlockKind.PARAGRAPH, paragraph, f"line:{number}")
    brief = builder.build("Lake Corrin review", SourceFormat.TEXT)
    brief.imported_at = utc_now()
    return brief


@st.composite
def _spans(draw: st.DrawFn, length: int) -> list[tuple[int, int]]:
    """Spans anywhere: at the very start and end, adjacent to and overlapping each other,
    the same span twice."""
    spans: list[tuple[int, int]] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["any", "start", "end", "whole", "adjacent", "overlap",
                                     "same"]))
        previous = spans[-1] if spans else (0, min(length, 3))
        if kind == "start":
            span = (0, draw(st.integers(1, length)))
        elif kind == "end":
            span = (draw(st.integers(0, length - 1)), length)
        elif kind == "whole":
            span = (0, length)
        elif kind == "adjacent" and previous[1] < length:
            span = (previous[1], draw(st.integers(previous[1] + 1, length)))
        elif kind == "overlap" and previous[1] - previous[0] > 1:
            start = draw(st.integers(previous[0] + 1, previous[1] - 1))
            span = (start, draw(st.integers(start + 1, length)))
        elif kind == "same":
            span = previous
        else:
            start = draw(st.integers(0, length - 1))
            span = (start, draw(st.integers(start + 1, min(length, start + 40))))
        spans.append(span)
    return spans


@st.composite
def _plans(draw: st.DrawFn) -> _Plan:
    paragraphs = draw(st.lists(_PARAGRAPHS, min_size=1, max_size=5))
    text = _brief(paragraphs).text
    assume(len(text) > len("Lake Corrin review"))
    taken = {name.casefold() for path in _DEFAULT_TAGS for name in path.split(" › ")}
    tag_names = draw(st.lists(
        # Names that read as paths to Codebook.find ("a/b" is "a › b"), one of them the path
        # of a default tag, and any other name.
        st.one_of(st.sampled_from(["indicator/economic", "Claim > x", "a/b", "risk::x",
                                   "Ünïcode 🐟"]), _NAMES)
        .filter(lambda name: name.casefold() not in taken),
        max_size=3, unique_by=str.casefold))
    tags = [(name, draw(st.sampled_from([None, "Indicator", "Claim"]))) for name in tag_names]
    reviewers = [(name, draw(st.sampled_from(["", "ZZ", "ñ"])))
                 for name in draw(st.lists(_NAMES, min_size=1, max_size=3, unique=True))]
    plan = _Plan(paragraphs, tags, reviewers)
    # New tags first: hypothesis favours the first of a list.
    paths = [f"{parent} › {name}" if parent else name for name, parent in tags] + _DEFAULT_TAGS
    for start, end in draw(_spans(len(text))):
        if not text[start:end].strip():
            continue  # the editor refuses a selection of white space only
        plan.annotations.append({
            "span": (start, end),
            "tag": draw(st.one_of(st.none(), st.sampled_from(paths))),
            "comment": draw(_NOTES),
            "reviewer": draw(st.sampled_from(reviewers))[0],
            "resolved": draw(st.booleans()),
            "created": draw(_TIMES),
            # Carried to a new version and placed unsurely, or made here.
            "placement": draw(st.one_of(st.just(("anchored", None)), st.tuples(
                st.just("needs_review"), st.floats(0, 1, exclude_max=True)))),
            "edited_after": draw(_LATER),
            "replies": draw(st.lists(st.tuples(_NOTES.filter(str.strip),
                                               st.sampled_from([n for n, _ in reviewers]),
                                               _LATER), max_size=3)),
        })
    assume(plan.annotations)
    return plan


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store with its default codebook, copied for every example."""
    path = tmp_path_factory.mktemp("jsonld") / "template.sqlite3"
    with Store(path) as store:
        default_codebook(store)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("jsonld-examples")


def _fill(store: Store, plan: _Plan) -> str:
    """The plan's brief, tags, reviewers, annotations and replies, written as the editor
    writes them (comments and replies stripped, names folded) in one transaction."""
    brief = _brief(plan.paragraphs)
    with store.transaction() as tx:
        tx.briefs.add(brief)
        codebook = ensure_default_codebook(tx)
        reviewers = {name: ensure_reviewer(tx, name, initials).id
                     for name, initials in plan.reviewers}
        tag_ids = {path: codebook.find(path).id for path in _DEFAULT_TAGS}  # type: ignore[union-attr]
        for name, parent in plan.tags:
            tag = Tag(name=name, colour="#123456", codebook_id=codebook.id,
                      parent_id=tag_ids[parent] if parent else None,
                      position=len(codebook.tags))
            tx.codebooks.add_tag(tag)
            codebook.tags.append(tag)
            tag_ids[f"{parent} › {name}" if parent else name] = tag.id
        annotations: list[Annotation] = []
        replies: list[Reply] = []
        for item in plan.annotations:
            created = item["created"]
            annotation = Annotation(
                brief_id=brief.id, anchor=anchor_at(brief.text, *item["span"]),
                reviewer_id=reviewers[item["reviewer"]],
                tag_id=tag_ids[item["tag"]] if item["tag"] else None,
                comment=item["comment"].strip(),
                status=AnnotationStatus.RESOLVED if item["resolved"] else AnnotationStatus.OPEN,
                created=created, modified=created + item["edited_after"],
                anchor_state=item["placement"][0], anchor_score=item["placement"][1])
            annotations.append(annotation)
            replies.extend(Reply(annotation_id=annotation.id, reviewer_id=reviewers[author],
                                 text=text.strip(), created=created + after)
                           for text, author, after in item["replies"])
        tx.annotations.add_all(annotations, replies)
    return brief.id


def _comparable(view: AnnotationView) -> dict[str, Any]:
    """Everything the file carries: all but the brief's id and the tag's colour (a tag new
    to the other store gets the import colour)."""
    return {"id": view.id, "tag": view.tag, "comment": view.comment, "reviewer": view.reviewer,
            "initials": view.initials, "status": view.status, "quote": view.quote,
            "prefix": view.prefix, "suffix": view.suffix, "start": view.start, "end": view.end,
            "created": view.created, "modified": view.modified, "replies": view.replies,
            "anchor_state": view.anchor_state, "anchor_score": view.anchor_score}


def _tag_names(store: Store, annotation_ids: list[str]) -> dict[str, list[str] | None]:
    """Each annotation's tag as the names from the codebook's root down to it."""
    with store.transaction() as tx:
        codebook = ensure_default_codebook(tx)
        names: dict[str, list[str] | None] = {}
        for annotation_id in annotation_ids:
            annotation = tx.annotations.get(annotation_id)
            assert annotation is not None
            tag = codebook.by_id(annotation.tag_id) if annotation.tag_id else None
            chain: list[str] = []
            while tag is not None:
                chain.insert(0, tag.name)
                tag = codebook.by_id(tag.parent_id) if tag.parent_id else None
            names[annotation_id] = chain or None
        return names


def _without_brief(data: dict[str, Any], brief_id: str) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace(brief_id, "BRIEF")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(plan=_plans())
@example(plan=_Plan(  # a new tag whose name reads as the path of a default one
    paragraphs=["The council met"], tags=[("indicator/economic", None), ("x", "Claim")],
    reviewers=[("Bo Lind", "")],
    annotations=[{"span": (0, 3), "tag": tag, "comment": "", "reviewer": "Bo Lind",
                  "resolved": False, "created": datetime(2024, 3, 4, tzinfo=UTC),
                  "placement": ("anchored", None), "edited_after": timedelta(0),
                  "replies": []} for tag in ("indicator/economic", "Claim › x")]))
def test_export_then_import_into_a_fresh_store_gives_the_same_annotations(
        template: Path, folder: Path, plan: _Plan) -> None:
    with tempfile.TemporaryDirectory(dir=folder) as raw:
        here = Path(raw)
        with Store(copy_database(template, here / "first.sqlite3")) as first:
            first_brief = _fill(first, plan)
            exported = export_annotations(first, first_brief)
            originals = list_annotations(first, first_brief)
            original_tags = _tag_names(first, [o.id for o in originals])
        raw_json = json.dumps(exported, ensure_ascii=False)
        assert json.loads(raw_json) == exported  # plain JSON, nothing lost in the dump

        with Store(copy_database(template, here / "second.sqlite3")) as second:
            other = _brief(plan.paragraphs)
            with second.transaction() as tx:
                tx.briefs.add(other)
            report = import_annotations(second, other.id, raw_json)
            assert report.unplaced == []
            assert report.added == len(originals)
            assert report.replies_added == sum(len(v.replies) for v in originals)
            copies = list_annotations(second, other.id)
            assert [_comparable(c) for c in copies] == [_comparable(o) for o in originals]
            assert all(c.brief_id == other.id for c in copies)
            # The same tag, under the same parents (made there if the codebook lacked it).
            assert _tag_names(second, [c.id for c in copies]) == original_tags

            # Importing the same file again adds nothing and changes nothing.
            again = import_annotations(second, other.id, raw_json)
            assert (again.added, again.replies_added, again.unplaced, again.new_tags) == (
                0, 0, [], [])
            assert again.already_present == len(originals)
            assert list_annotations(second, other.id) == copies

            # The copy exports as the original did.
            second_export = export_annotations(second, other.id)
        assert _without_brief(second_export, other.id) == _without_brief(exported, first_brief)


# --- Files from elsewhere: whatever JSON a file holds, the import adds what it can place
# and refuses the rest with one sentence (InputError), never a crash.

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(),
                     st.text(max_size=12))
_ANY_JSON = st.recursive(_SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=12)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, _ANY_JSON)


_SELECTOR = st.fixed_dictionaries({}, optional={
    "type": _maybe(st.sampled_from(["TextQuoteSelector", "TextPositionSelector"])),
    "exact": _maybe(st.sampled_from(["council", "perch", "The", " ", "", "nowhere"])),
    "prefix": _maybe(st.text(max_size=5)), "suffix": _maybe(st.text(max_size=5)),
    "start": _maybe(st.integers(-5, 200)), "end": _maybe(st.integers(-5, 200))})
_ANNOTATION = st.fixed_dictionaries({}, optional={
    "type": _maybe(st.just("Annotation")),
    "id": _maybe(st.sampled_from(["urn:uuid:0b7a4d1e-3c1f-4f7a-9a55-1e2d3c4b5a69",
                                  "urn:uuid:NOT-A-UUID", "https://example.org/a/1", ""])),
    "motivation": _maybe(st.sampled_from(["commenting", "tagging", "replying"])),
    "creator": _maybe(st.fixed_dictionaries({}, optional={"name": _maybe(_NAMES),
                                                          "nickname": _maybe(st.text())})),
    "created": _maybe(st.sampled_from(["2024-03-04T10:00:00Z", "2024-03-04", "yesterday"])),
    "body": _maybe(st.lists(st.fixed_dictionaries({}, optional={
        "value": _maybe(_NOTES), "purpose": _maybe(st.sampled_from(["tagging", "commenting"]))}),
        max_size=3)),
    "reviewdesk:tagPath": _maybe(st.lists(st.sampled_from(["Claim", "claim", "new", " ", "x y"]),
                                          max_size=3)),
    "target": _maybe(st.one_of(
        st.sampled_from(["urn:uuid:0b7a4d1e-3c1f-4f7a-9a55-1e2d3c4b5a69"]),
        st.fixed_dictionaries({}, optional={"source": _maybe(st.text(max_size=5)),
                                            "selector": _maybe(st.lists(_SELECTOR, max_size=3))}))),
    "reviewdesk:status": _maybe(st.sampled_from(["open", "resolved", "closed"])),
    "reviewdesk:anchorState": _maybe(st.sampled_from(["anchored", "needs_review", "orphaned"])),
    "reviewdesk:anchorScore": _maybe(st.sampled_from([0.0, 0.5, 1.0, 2.0, -1.0]))})
_FILES = st.one_of(
    _ANY_JSON,
    st.lists(_ANNOTATION, max_size=4),
    st.lists(_ANNOTATION, max_size=4).map(
        lambda items: {"type": "AnnotationCollection",
                       "first": {"type": "AnnotationPage", "items": items}}))


@pytest.fixture(scope="module")
def open_store(template: Path, folder: Path) -> Iterator[tuple[Store, str, str]]:
    with Store(copy_database(template, folder / "foreign.sqlite3")) as store:
        brief = _brief(["The council met in May.", "The perch quota rose; the council agreed."])
        with store.transaction() as tx:
            tx.briefs.add(brief)
        yield store, brief.id, brief.text


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(document=_FILES)
def test_any_json_file_is_imported_or_refused_in_one_sentence(
        open_store: tuple[Store, str, str], document: Any) -> None:
    store, brief_id, text = open_store
    before = {v.id for v in list_annotations(store, brief_id)}
    try:
        report = import_annotations(store, brief_id, json.dumps(document))
    except InputError:
        assert {v.id for v in list_annotations(store, brief_id)} == before
        return
    views = list_annotations(store, brief_id)
    assert len(views) == len(before) + report.added
    for view in views:
        assert 0 <= view.start < view.end <= len(text)
        assert text[view.start:view.end] == view.quote
        assert view.status in (AnnotationStatus.OPEN, AnnotationStatus.RESOLVED)
        if view.anchor_state != "anchored":
            assert view.anchor_state == "needs_review"
            assert view.anchor_score is not None and 0 <= view.anchor_score < 1
