"""The limits of a W3C Web Annotation (JSON-LD) file (domain.limits): a file just over one is
refused with one sentence naming the limit and the item, from the service and from the
command (exit status 1), and the database is as it was; a file just under it is read.

Counts are tested at the real limits with annotations whose words are not in the brief (read,
counted and left unplaced: nothing to store); the file size with the limit lowered, since a
file of 200 MB would cost the test suite more than it tells."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reviewdesk import cli
from reviewdesk.domain import limits
from reviewdesk.errors import InputError
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.briefs import import_files
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.interchange import import_annotations
from reviewdesk.storage.store import Store

Document = Any  # a JSON-LD document as json.dumps takes it


@pytest.fixture
def brief_id(store: Store, brief_file: Path) -> str:
    return import_files(store, [brief_file])[0].id


def _annotation(number: int, exact: str = "perch", *, comment: str = "Checked",
                tag_path: list[str] | None = None, tag: str | None = None,
                creator: Any = "Ines Duarte", prefix: str = "", suffix: str = "") -> Document:
    body: list[Document] = [{"type": "TextualBody", "purpose": "commenting",
                             "value": comment}]
    if tag_path is not None or tag is not None:
        body.append({"type": "TextualBody", "purpose": "tagging",
                     "value": tag if tag is not None else " › ".join(tag_path or [])})
    item: Document = {"type": "Annotation", "id": f"urn:uuid:{uuid.UUID(int=number)}",
                      "creator": creator, "body": body,
                      "target": {"selector": {"type": "TextQuoteSelector", "exact": exact,
                                              "prefix": prefix, "suffix": suffix}}}
    if tag_path is not None:
        item["reviewdesk:tagPath"] = tag_path
    return item


def _reply(number: int, text: str = "Agreed", target: int = 1) -> Document:
    return {"type": "Annotation", "id": f"urn:uuid:{uuid.UUID(int=10**9 + number)}",
            "motivation": "replying", "creator": "Bo Lind",
            "body": {"type": "TextualBody", "value": text},
            "target": f"urn:uuid:{uuid.UUID(int=target)}"}


def _unplaced(count: int, **options: Any) -> list[Document]:
    """`count` annotations on words the brief does not have."""
    return [_annotation(number, f"no such words {number}", **options)
            for number in range(1, count + 1)]


def _json_values(count: int) -> Document:
    """One annotation, then zeros (not annotations: skipped) up to `count` JSON values as
    the limit counts them ("{", "[" and ",")."""
    first = [_annotation(1)]
    counted = sum(json.dumps(first, separators=(",", ":")).count(c) for c in "{[,")
    return first + [0] * (count - counted)


# name: (the document for the limit given, the limit, words of the refusal)
CASES: dict[str, tuple[Callable[[int], Document], int, str]] = {
    "annotations per file": (lambda n: _unplaced(n), limits.MAX_ANNOTATIONS_PER_FILE,
                             "annotations, more than the 100,000"),
    "replies per file": (lambda n: [_annotation(1)] + [_reply(r, target=0)
                                                       for r in range(1, n + 1)],
                         limits.MAX_REPLIES_PER_FILE, "replies, more than the 50,000"),
    "JSON values": (_json_values, limits.MAX_JSON_VALUES, "more than 5,000,000 JSON values"),
    "tag path depth": (lambda n: [_annotation(1, tag_path=[f"level {d}" for d in range(n)])],
                       limits.MAX_TAG_DEPTH, "has a tag path 11 levels deep; the limit is 10"),
    "tag name in a path": (lambda n: [_annotation(1, tag_path=["Indicator", "x" * n])],
                           limits.MAX_TAG_NAME_CHARS, "a tag name of 201 characters"),
    "tag name alone": (lambda n: [_annotation(1, tag="t" * n)], limits.MAX_TAG_NAME_CHARS,
                       "a tag name of 201 characters; the limit is 200"),
    "tags per file": (lambda n: [_annotation(i, f"no such words {i}", tag_path=[f"tag {i}"])
                                 for i in range(1, n + 1)],
                      limits.MAX_TAGS_PER_FILE, "more than 1,000 different tags"),
    "quote": (lambda n: [_annotation(1, "q" * n)], limits.MAX_QUOTE_CHARS,
              "a quote of 1,000,001 characters; the limit is 1,000,000"),
    "prefix": (lambda n: [_annotation(1, prefix="p" * n)], limits.MAX_CONTEXT_CHARS,
               "a prefix (the text before its quote) of 1,001 characters"),
    "suffix": (lambda n: [_annotation(1, suffix="s" * n)], limits.MAX_CONTEXT_CHARS,
               "a suffix (the text after its quote) of 1,001 characters"),
    "comment": (lambda n: [_annotation(1, comment="c" * n)], limits.MAX_COMMENT_CHARS,
                "a comment of 1,000,001 characters"),
    "reply text": (lambda n: [_annotation(1), _reply(1, "r" * n)], limits.MAX_COMMENT_CHARS,
                   "reply 1 of the file (id urn:uuid:00000000-0000-0000-0000-00003b9aca01) "
                   "has a text of 1,000,001 characters"),
    "creator name": (lambda n: [_annotation(1, creator={"name": "n" * n})],
                     limits.MAX_NAME_CHARS, "a creator's name of 201 characters"),
    "creator nickname": (lambda n: [_annotation(1, creator={"name": "Bo Lind",
                                                            "nickname": "B" * n})],
                         limits.MAX_NAME_CHARS, "a creator's nickname of 201 characters"),
}


def _snapshot(store: Store, brief_id: str) -> Any:
    with store.transaction() as tx:
        reviewers = sorted(r.name for r in tx.reviewers.all().values())
    tags = sorted(default_codebook(store).path(t) for t in default_codebook(store).tags)
    return list_annotations(store, brief_id), tags, reviewers


def _text(document: Document) -> str:
    return json.dumps(document, separators=(",", ":"))


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_just_over_a_limit_is_refused_and_nothing_changes(
        store: Store, brief_id: str, case: str) -> None:
    make, limit, words = CASES[case]
    before = _snapshot(store, brief_id)
    with pytest.raises(InputError) as refused:
        import_annotations(store, brief_id, _text(make(limit + 1)))
    message = str(refused.value)
    assert words in message and "\n" not in message, message
    assert _snapshot(store, brief_id) == before


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_just_under_a_limit_is_read(store: Store, brief_id: str, case: str) -> None:
    make, limit, _words = CASES[case]
    import_annotations(store, brief_id, _text(make(limit)))


def test_what_is_read_at_the_limits_is_stored(store: Store, brief_id: str) -> None:
    deep = [f"level {depth}" for depth in range(limits.MAX_TAG_DEPTH)]
    document = [_annotation(1, tag_path=deep, prefix="p" * limits.MAX_CONTEXT_CHARS,
                            comment="c" * limits.MAX_COMMENT_CHARS,
                            creator={"name": "n" * limits.MAX_NAME_CHARS}),
                _reply(1, "r" * limits.MAX_COMMENT_CHARS)]
    report = import_annotations(store, brief_id, _text(document))
    assert (report.added, report.replies_added) == (1, 1)
    assert report.new_tags[-1] == " › ".join(deep)
    [note] = list_annotations(store, brief_id)
    assert note.tag == " › ".join(deep) and len(note.comment) == limits.MAX_COMMENT_CHARS
    assert note.anchor_state == "needs_review"  # its recorded context is not the brief's


def test_the_file_size_is_checked_first(store: Store, brief_id: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _text([_annotation(1)])
    monkeypatch.setattr(limits, "MAX_ANNOTATION_FILE_BYTES", len(raw))
    assert import_annotations(store, brief_id, raw).added == 1
    monkeypatch.setattr(limits, "MAX_ANNOTATION_FILE_BYTES", len(raw) - 1)
    with pytest.raises(InputError, match="larger than the"):
        import_annotations(store, brief_id, raw + " ")


def test_a_five_thousand_level_tag_path_adds_no_tag(store: Store, brief_id: str) -> None:
    """A file like the one reported (108 KB, one annotation whose tag path is 5,000 levels
    deep: it used to add 5,000 tags, take 815 MB and print 120 MB of JSON)."""
    path = [f"t{depth}" for depth in range(5000)]
    raw = json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld",
                      "type": "AnnotationCollection",
                      "first": {"type": "AnnotationPage",
                                "items": [_annotation(1, tag_path=path)]}})
    assert len(raw) < 120_000
    tags = len(default_codebook(store).tags)
    with pytest.raises(InputError, match="has a tag path 5,000 levels deep; the limit is 10"):
        import_annotations(store, brief_id, raw)
    assert len(default_codebook(store).tags) == tags
    assert list_annotations(store, brief_id) == []


@pytest.mark.parametrize("case", ["annotations per file", "tag path depth", "quote",
                                  "reply text", "creator name"])
def test_the_command_refuses_in_one_line_with_status_1(
        store: Store, brief_id: str, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], case: str) -> None:
    make, limit, words = CASES[case]
    path = tmp_path / "over.jsonld"
    path.write_text(_text(make(limit + 1)), encoding="utf-8")
    before = _snapshot(store, brief_id)
    status = cli.main(["--db", str(db_path), "annotations", "import", brief_id, str(path),
                       "--json"])
    out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR and out == ""
    [line] = err.splitlines()
    assert line.startswith("reviewdesk: error: ") and words in line
    assert _snapshot(store, brief_id) == before


def test_the_command_refuses_a_file_over_the_size_limit_unread(
        store: Store, brief_id: str, db_path: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.jsonld"
    with path.open("wb") as handle:  # sparse: no disk space, nothing to read
        handle.truncate(limits.MAX_ANNOTATION_FILE_BYTES + 1)
    status = cli.main(["--db", str(db_path), "annotations", "import", brief_id, str(path)])
    _out, err = capsys.readouterr()
    assert status == cli.EXIT_ERROR
    assert err == (f"reviewdesk: error: cannot import {path}: it is larger than the "
                   "200 MB limit\n")


def test_the_limits_hold_what_reviewdesk_writes(store: Store, brief_id: str) -> None:
    """Beyond the brief's own limits nothing is refused: a quote or comment as long as a
    paragraph the importers read; and a file at both count limits, written by ReviewDesk,
    is within the byte and JSON value limits."""
    from reviewdesk.importers.guards import MAX_PARAGRAPH_CHARS
    from reviewdesk.services.annotations import annotate, reply_to_annotation
    from reviewdesk.services.interchange import export_annotations

    assert limits.MAX_QUOTE_CHARS == limits.MAX_COMMENT_CHARS == MAX_PARAGRAPH_CHARS
    note = annotate(store, brief_id, "first joint patrol", tag="Indicator › security",
                    comment="Which patrol was this? The harbour log and the council minutes "
                            "give different dates.", reviewer="Ngozi Okafor-Eze")
    reply_to_annotation(store, note.id, "The council minutes, page 4, say June.",
                        reviewer="Ines Duarte")
    annotation, reply = export_annotations(store, brief_id)["first"]["items"]
    sizes = [len(json.dumps(item, ensure_ascii=False, indent=2)) + 10
             for item in (annotation, reply)]
    values = [sum(json.dumps(item, indent=2).count(c) for c in "{[,") + 1
              for item in (annotation, reply)]
    counts = (limits.MAX_ANNOTATIONS_PER_FILE, limits.MAX_REPLIES_PER_FILE)
    assert sum(n * size for n, size in zip(counts, sizes, strict=True)) \
        < limits.MAX_ANNOTATION_FILE_BYTES
    assert sum(n * value for n, value in zip(counts, values, strict=True)) \
        < limits.MAX_JSON_VALUES
