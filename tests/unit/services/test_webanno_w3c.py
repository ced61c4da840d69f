"""Exports checked against the W3C Web Annotation test suite's MUST schemas, and the tag
path's order through a JSON-LD processor (PyLD) with the shared anno.jsonld context."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from reviewdesk.domain.review import Reply
from reviewdesk.services.annotations import annotate
from reviewdesk.services.briefs import import_files
from reviewdesk.services.codebooks import add_tag, default_codebook, find_tag
from reviewdesk.services.interchange import export_annotations
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.store import Store

W3C = Path(__file__).resolve().parents[3].parent / "shared" / "standards" / "w3c-annotation"
SUITE = W3C / "tests"
needs_suite = pytest.mark.skipif(not SUITE.is_dir(), reason="the W3C test suite is not here")
# An absolute IRI (RFC 3987): a scheme, a colon, no spaces. (jsonschema checks "uri" only
# with an optional package, so the test says what it means.)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@pytest.fixture
def exported(store: Store, brief_file: Path) -> dict[str, Any]:
    brief_id = import_files(store, [brief_file])[0].id
    note = annotate(store, brief_id, "perch", tag="Claim", comment="How many tonnes?",
                    reviewer="Ines Duarte")
    annotate(store, brief_id, "first joint patrol", tag="Indicator › security",
             reviewer="Ines Duarte")
    with store.transaction() as tx:
        author = ensure_reviewer(tx, "Bo Lind")
        tx.annotations.add_reply(Reply(annotation_id=note.id, reviewer_id=author.id,
                                       text="The port log says forty."))
    return export_annotations(store, brief_id)


def _registry() -> Registry:  # type: ignore[type-arg]
    resources = []
    for path in SUITE.rglob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        # Each schema names itself by its bare file name, and $refs others the same way.
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def _must_schemas(test_file: str) -> list[tuple[str, dict[str, Any]]]:
    """The assertions a suite's MUST test lists, each expected to be valid."""
    listed = json.loads((SUITE / test_file).read_text(encoding="utf-8"))["assertions"]
    schemas = [(name, json.loads((SUITE / name).read_text(encoding="utf-8")))
               for name in listed]
    assert all(schema.get("expectedResult", "valid") == "valid" for _, schema in schemas)
    return schemas


def _failures(test_file: str, document: dict[str, Any]) -> list[str]:
    checker = FormatChecker()
    checker.checks("uri")(lambda value: not isinstance(value, str) or bool(_IRI.match(value)))
    registry = _registry()
    failed = []
    for name, schema in _must_schemas(test_file):
        validator = Draft4Validator(schema, registry=registry, format_checker=checker)
        if not validator.is_valid(document):
            failed.append(f"{name}: {schema.get('errorMessage', '')}")
    return failed


@needs_suite
def test_the_collection_passes_the_collection_musts(exported: dict[str, Any]) -> None:
    assert _failures("collections/collectionMusts.test", exported) == []


@needs_suite
def test_the_embedded_page_passes_the_page_musts(exported: dict[str, Any]) -> None:
    assert _failures("collections/pages/pageMusts.test", exported) == []
    page = {"@context": exported["@context"], **exported["first"]}
    assert _failures("collections/pages/pageMusts.test", page) == []


@needs_suite
def test_every_annotation_and_reply_passes_the_annotation_musts(
        exported: dict[str, Any]) -> None:
    items = exported["first"]["items"]
    assert len(items) == 3
    for item in items:
        annotation = {"@context": exported["@context"], **item}
        assert _failures("annotations/annotationMusts.test", annotation) == [], item["id"]


def test_ids_and_the_shoulds(exported: dict[str, Any]) -> None:
    page = exported["first"]
    assert _IRI.match(page["id"]) and page["id"] != exported["id"]
    assert page["partOf"]["id"] == exported["id"] and page["partOf"]["total"] == 3
    assert exported["last"] == page["id"]
    assert exported["total"] == len(page["items"]) == 3
    note, reply, _ = page["items"]
    assert note["target"]["format"] == "text/plain"
    assert note["target"]["language"] == "en"  # the brief's, as detected on import
    assert note["creator"]["id"].startswith("urn:reviewdesk:reviewer:")
    assert reply["creator"]["id"] != note["creator"]["id"]
    assert all(_IRI.match(item["creator"]["id"]) for item in page["items"])


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serves the shared anno.jsonld for its address; nothing else, and no network."""
    if url.rstrip("/") not in ("http://www.w3.org/ns/anno.jsonld",
                               "https://www.w3.org/ns/anno.jsonld"):
        raise ValueError(f"no network in tests: {url}")
    document = json.loads((W3C / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contentType": "application/ld+json", "contextUrl": None,
            "documentUrl": url, "document": document}


@pytest.mark.skipif(not (W3C / "anno.jsonld").is_file(), reason="anno.jsonld is not here")
def test_the_tag_path_keeps_its_order_through_expansion_and_compaction(store: Store,
                                                                        brief_file: Path) -> None:
    from pyld import jsonld  # type: ignore[import-untyped]

    brief_id = import_files(store, [brief_file])[0].id
    risk = find_tag(default_codebook(store), "Risk")
    add_tag(store, "Access", "#336699", parent_id=risk.id)  # sorts before its parent
    annotate(store, brief_id, "perch", tag="Risk › Access", reviewer="Ines Duarte")
    exported = export_annotations(store, brief_id)
    annotation = {"@context": exported["@context"], **exported["first"]["items"][0]}
    assert annotation["reviewdesk:tagPath"] == ["Risk", "Access"]
    options = {"documentLoader": _loader}
    expanded = jsonld.expand(annotation, options)
    path = expanded[0]["urn:reviewdesk:vocab#tagPath"]
    assert [value["@value"] for value in path[0]["@list"]] == ["Risk", "Access"]
    compacted = jsonld.compact(expanded, exported["@context"], options)
    assert compacted["reviewdesk:tagPath"] == ["Risk", "Access"]
    # Through RDF too, where an unordered value would come back in any order.
    quads = jsonld.to_rdf(annotation, {**options, "format": "application/n-quads"})
    from_rdf = jsonld.from_rdf(quads, {"format": "application/n-quads"})
    again = jsonld.compact(from_rdf, exported["@context"], options)
    (node,) = [n for n in again["@graph"] if n.get("id") == annotation["id"]]
    assert node["reviewdesk:tagPath"] == ["Risk", "Access"]
