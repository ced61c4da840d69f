"""A brief's annotations as a W3C Web Annotation collection (JSON-LD), for other tools."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _time(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_collection(brief_id: str, title: str, annotations: Sequence[AnnotationView],
                  initials: Mapping[str, str] | None = None,
                  tag_paths: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The collection. `initials` gives reply authors' initials by name (an annotation's
    view carries its author's own); `tag_paths` the names from the root of the codebook
    down to each tag, by the tag's path as the views show it."""
    items: list[dict[str, Any]] = []
    for annotation in annotations:
        items.append(_annotation(annotation, tag_paths or {}))
        items.extend(_reply(annotation, index, initials or {})
                     for index in range(len(annotation.replies)))
    return {
        "@context": [ANNO_CONTEXT, {VOCAB_PREFIX: VOCAB}],
        "id": f"{urn(brief_id)}#annotations",
        "type": "AnnotationCollection",
        "label": f"Annotations on {title}",
        "total": len(items),
        "generator": {"id": "urn:reviewdesk", "type": "Software",
                      "name": f"ReviewDesk {__version__}"},
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotation(view: AnnotationView, tag_paths: Mapping[str, Sequence[str]]) -> dict[str, Any]:
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
        "creator": {"type": "Person", "name": view.reviewer, "nickname": view.initials},
        "body": body,
        "target": {
            "source": urn(view.brief_id),
            "selector": [
                {"type": "TextQuoteSelector", "exact": view.quote, "prefix": view.prefix,
                 "suffix": view.suffix},
                {"type": "TextPositionSelector", "start": view.start, "end": view.end},
            ],
        },
        STATUS_KEY: view.status.value,
    }
    if view.tag and view.tag in tag_paths:
        annotation[TAG_PATH_KEY] = list(tag_paths[view.tag])
    if view.anchor_state != "anchored":
        annotation[ANCHOR_STATE_KEY] = view.anchor_state
        if view.anchor_score is not None:
            annotation[ANCHOR_SCORE_KEY] = view.anchor_score
    return annotation


def _reply(view: AnnotationView, index: int, initials: Mapping[str, str]) -> dict[str, Any]:
    reply = view.replies[index]
    creator = {"type": "Person", "name": reply.reviewer}
    if initials.get(reply.reviewer):
        creator["nickname"] = initials[reply.reviewer]
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
