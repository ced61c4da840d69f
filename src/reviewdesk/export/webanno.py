"""A brief's annotations as a W3C Web Annotation collection (JSON-LD), for other tools."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reviewdesk import __version__
from reviewdesk.domain.views import AnnotationView

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our extensions to the model: whether a comment thread is open or resolved; how sure the
# annotation's place is, when it was carried to a new version and is not sure; and the
# names of a tag's ancestors, so another store can rebuild the tag where it belongs.
VOCAB_PREFIX = "reviewdesk"
VOCAB = "urn:reviewdesk:vocab#"
STATUS_KEY = f"{VOCAB_PREFIX}:status"
ANCHOR_STATE_KEY = f"{VOCAB_PREFIX}:anchorState"
ANCHOR_SCORE_KEY = f"{VOCAB_PREFIX}:anchorScore"
TAG_PATH_KEY = f"{VOCAB_PREFIX}:tagPath"
# ReviewDesk's own context, after the shared one: the tag path is an ordered list (root
# first), so a JSON-LD processor keeps its order through expansion and compaction.
CONTEXT: list[Any] = [ANNO_CONTEXT, {
    VOCAB_PREFIX: VOCAB,
    TAG_PATH_KEY: {"@id": f"{VOCAB}tagPath", "@container": "@list"},
}]
# What the selectors count in: the brief's canonical text, plain text whatever its source.
TARGET_FORMAT = "text/plain"


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _time(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def reviewer_iri(reviewer_id: str) -> str:
    """A reviewer as an IRI, by their id. (Not by their signing key: the key is the
    database's, shared by every reviewer who works in it, so it names no one person.)"""
    return f"urn:reviewdesk:reviewer:{reviewer_id}"


@dataclass(frozen=True, slots=True)
class ExportContext:
    """What the views do not say: reply authors' initials and each reviewer's IRI, by name
    (an annotation's view carries its author's own initials); the names from the root of the
    codebook down to each tag, by the tag's path as the views show it; and the brief's
    language (ISO 639-1, "" unknown)."""

    initials: Mapping[str, str] = field(default_factory=dict)
    tag_paths: Mapping[str, Sequence[str]] = field(default_factory=dict)
    creator_ids: Mapping[str, str] = field(default_factory=dict)
    language: str = ""


def to_collection(brief_id: str, title: str, annotations: Sequence[AnnotationView],
                  context: ExportContext | None = None) -> dict[str, Any]:
    """The collection, with its one page embedded as `first` (and named as `last`)."""
    context = context or ExportContext()
    items: list[dict[str, Any]] = []
    for annotation in annotations:
        items.append(_annotation(annotation, context))
        items.extend(_reply(annotation, index, context)
                     for index in range(len(annotation.replies)))
    collection_id = f"{urn(brief_id)}#annotations"
    page_id = f"{collection_id}-page-1"
    label = f"Annotations on {title}"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "generator": {"id": "urn:reviewdesk", "type": "Software",
                      "name": f"ReviewDesk {__version__}"},
        "first": {"id": page_id, "type": "AnnotationPage",
                  "partOf": {"id": collection_id, "label": label, "total": len(items)},
                  "startIndex": 0, "items": items},
        "last": page_id,
    }


def _creator(name: str, nickname: str, context: ExportContext) -> dict[str, Any]:
    creator: dict[str, Any] = {"type": "Person", "name": name}
    if context.creator_ids.get(name):
        creator = {"id": context.creator_ids[name], **creator}
    if nickname:
        creator["nickname"] = nickname
    return creator


def _annotation(view: AnnotationView, context: ExportContext) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if view.tag:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": view.tag})
    if view.comment:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": view.comment,
                     "format": "text/plain"})
    annotation: dict[str, Any] = {
        "id": urn(view.id),
        "type": "Annotation",
        "motivation": "tagging" if view.tag else "commenting",
        "created": _time(view.created),
        "modified": _time(view.modified),
        "creator": _creator(view.reviewer, view.initials, context),
        "body": body,
        "target": {
            "source": urn(view.brief_id),
            "format": TARGET_FORMAT,
            "selector": [
                {"type": "TextQuoteSelector", "exact": view.quote, "prefix": view.prefix,
                 "suffix": view.suffix},
                {"type": "TextPositionSelector", "start": view.start, "end": view.end},
            ],
        },
        STATUS_KEY: view.status.value,
    }
    if context.language:
        annotation["target"]["language"] = context.language
    if view.tag and view.tag in context.tag_paths:
        annotation[TAG_PATH_KEY] = list(context.tag_paths[view.tag])
    if view.anchor_state != "anchored":
        annotation[ANCHOR_STATE_KEY] = view.anchor_state
        if view.anchor_score is not None:
            annotation[ANCHOR_SCORE_KEY] = view.anchor_score
    return annotation


def _reply(view: AnnotationView, index: int, context: ExportContext) -> dict[str, Any]:
    reply = view.replies[index]
    creator = _creator(reply.reviewer, context.initials.get(reply.reviewer, ""), context)
    return {
        "id": urn(reply.id),
        "type": "Annotation",
        "motivation": "replying",
        "created": _time(reply.created),
        "creator": creator,
        "body": {"type": "TextualBody", "purpose": "replying", "value": reply.text,
                 "format": "text/plain"},
        "target": urn(view.id),
    }
