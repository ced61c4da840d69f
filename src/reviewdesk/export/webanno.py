"""A brief's annotations as a W3C Web Annotation collection (JSON-LD), for other tools."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reviewdesk import __version__
from reviewdesk.domain.views import AnnotationView

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Our one extension to the model: whether a comment thread is open or resolved.
VOCAB_PREFIX = "reviewdesk"
VOCAB = "urn:reviewdesk:vocab#"
STATUS_KEY = f"{VOCAB_PREFIX}:status"


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _time(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def to_collection(brief_id: str, title: str,
                  annotations: Sequence[AnnotationView]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for annotation in annotations:
        items.append(_annotation(annotation))
        items.extend(_reply(annotation, index) for index in range(len(annotation.replies)))
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


def _annotation(view: AnnotationView) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if view.tag:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": view.tag})
    if view.comment:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": view.comment,
                     "format": "text/plain"})
    return {
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


def _reply(view: AnnotationView, index: int) -> dict[str, Any]:
    reply = view.replies[index]
    return {
        "id": urn(reply.id),
        "type": "Annotation",
        "motivation": "replying",
        "created": _time(reply.created),
        "creator": {"type": "Person", "name": reply.reviewer},
        "body": {"type": "TextualBody", "purpose": "replying", "value": reply.text,
                 "format": "text/plain"},
        "target": urn(view.id),
    }
