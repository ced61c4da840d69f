"""Annotations in Hypothesis's API format, read as the Web Annotations they describe.

Hypothesis (hypothes.is) serves an annotation as `{"id", "user": "acct:name@hypothes.is",
"text", "tags": [...], "target": [{"source", "selector": [...]}], "references": [...],
"created", "updated"}`, and a search as `{"rows": [...], "total": N}` (with `"replies":
[...]` beside the rows when asked to keep replies apart). A reply names the annotations it
answers in `references`, the thread's first annotation first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Keys only Hypothesis's format has; an object with one of them and no W3C body is read as
# a Hypothesis annotation.
_HYPOTHESIS_KEYS = ("user", "text", "tags", "references", "uri", "document", "group")


def is_search_page(data: Mapping[str, Any]) -> bool:
    """A Hypothesis search result: its annotations under `rows`."""
    return isinstance(data.get("rows"), list) and "type" not in data


def is_hypothesis(data: Mapping[str, Any]) -> bool:
    """Whether an object is one Hypothesis annotation rather than a W3C one."""
    return ("body" not in data and "bodyValue" not in data
            and data.get("type") != "Annotation"
            and any(key in data for key in _HYPOTHESIS_KEYS))


def user_name(user: Any) -> str:
    """"acct:amina@hypothes.is" -> "amina"; anything else as it is."""
    if not isinstance(user, str):
        return ""
    return user.removeprefix("acct:").rsplit("@", 1)[0].strip()


def to_web_annotation(data: Mapping[str, Any]) -> dict[str, Any]:
    """The same annotation in the Web Annotation model: the text a comment body, each tag a
    tagging body, the user the creator; a reply (it has `references`) targets the first
    annotation of its thread, as ReviewDesk's replies hang under their annotation."""
    body: list[dict[str, Any]] = []
    references = data.get("references")
    thread = references[0] if isinstance(references, list) and references else None
    text = data.get("text")
    if isinstance(text, str) and text.strip():
        body.append({"type": "TextualBody", "value": text, "format": "text/markdown",
                     "purpose": "replying" if thread else "commenting"})
    tags = data.get("tags")
    if not thread and isinstance(tags, list):
        body.extend({"type": "TextualBody", "purpose": "tagging", "value": tag}
                    for tag in tags if isinstance(tag, str))
    item: dict[str, Any] = {"type": "Annotation", "body": body,
                            "created": data.get("created"), "modified": data.get("updated")}
    if isinstance(data.get("id"), str):
        item["id"] = data["id"]
    name = user_name(data.get("user"))
    if name:
        item["creator"] = {"type": "Person", "name": name}
    if isinstance(thread, str):
        item["motivation"] = "replying"
        item["target"] = thread
    else:
        item["motivation"] = "commenting"
        item["target"] = data.get("target", [])
    return item
