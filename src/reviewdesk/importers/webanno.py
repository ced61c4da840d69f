"""Reading W3C Web Annotation JSON-LD written by ReviewDesk or another annotation tool."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reviewdesk.domain import limits
from reviewdesk.domain.ids import stable_id
from reviewdesk.errors import InputError
from reviewdesk.importers.hypothesis import is_hypothesis, is_search_page, to_web_annotation

_STATUS_KEYS = ("reviewdesk:status", "urn:reviewdesk:vocab#status")
_ANCHOR_STATE_KEYS = ("reviewdesk:anchorState", "urn:reviewdesk:vocab#anchorState")
_ANCHOR_SCORE_KEYS = ("reviewdesk:anchorScore", "urn:reviewdesk:vocab#anchorScore")
_TAG_PATH_KEYS = ("reviewdesk:tagPath", "urn:reviewdesk:vocab#tagPath")
_TAG_PURPOSES = ("tagging", "classifying", "identifying")
_COMMENT_PURPOSES = ("commenting", "describing", "editing", "replying", "questioning")
_REVIEWER_IRI = "urn:reviewdesk:reviewer:"


@dataclass(slots=True)
class ForeignReply:
    """A reply in another tool's file to the annotation whose id is `target_id`; a reply to an
    annotation the file does not hold is dropped."""

    id: str
    target_id: str
    creator: str
    text: str
    created: datetime | None
    initials: str = ""  # the creator's nickname, when the file gives one
    creator_id: str = ""  # the creator's ReviewDesk id, when ReviewDesk wrote the file


@dataclass(slots=True)
class ForeignAnnotation:
    """One annotation as another tool described it, before it is placed in a brief."""

    id: str
    creator: str
    tag: str | None
    comment: str
    status: str
    exact: str | None
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    created: datetime | None
    modified: datetime | None
    replies: list[ForeignReply] = field(default_factory=list)
    initials: str = ""  # the creator's nickname, when the file gives one
    # The names from the codebook's root down to the tag, when ReviewDesk wrote the file.
    # (Only with a tag; the file's tag path wins over the tag's name, which it spells out.)
    tag_path: tuple[str, ...] = ()
    # How sure the place was where the file was written: "needs_review" or "orphaned"
    # with a score, or "anchored" (the default) when the file says nothing.
    anchor_state: str = "anchored"
    anchor_score: float | None = None
    creator_id: str = ""  # the creator's ReviewDesk id, when ReviewDesk wrote the file
    # The other tagging bodies' values, in the file's order: ReviewDesk gives an annotation
    # one tag, so each becomes an annotation of its own on the same place.
    extra_tags: tuple[str, ...] = ()
    # Whether the file's item said anything: a tag, a comment or a reply, or (ReviewDesk's
    # own highlights) a status. An item that says nothing is not imported.
    from_reviewdesk: bool = False

    @property
    def is_empty(self) -> bool:
        """Nothing to import: no tag, no comment, no reply, and not a ReviewDesk highlight."""
        return not (self.tag or self.comment or self.replies or self.from_reviewdesk)


def extra_tag_id(annotation_id: str, tag: str) -> str:
    """The id of the annotation made for one more tag of `annotation_id`: the same file
    gives the same ids, so importing it twice adds nothing."""
    return stable_id("webanno-extra-tag", f"{annotation_id}\n{tag}")


def parse_collection(raw: str) -> list[ForeignAnnotation]:
    """The annotations of `parse_file`, without the count of items left out."""
    return parse_file(raw)[0]


def parse_file(raw: str) -> tuple[list[ForeignAnnotation], int]:
    """Annotations from a collection, a page, a list or a single annotation (W3C, or
    Hypothesis's API format: one annotation or a search page), with their replies attached;
    items with nothing to import (no tag, comment or reply) are left out, and a file of
    nothing else is refused. Raises InputError when the text is not Web Annotation JSON, or holds
    more than ReviewDesk reads from one file (domain.limits): the size and the number of
    JSON values before parsing, the number of annotations and replies before any is built,
    then each one's tag path, selectors, texts and names, and the tags named in all.
    Also gives how many items were left out for having nothing to import."""
    _check_size(raw)
    try:
        data = json.loads(raw)
        items = list(_items(data))
    except json.JSONDecodeError as error:
        raise InputError(f"the file is not JSON (line {error.lineno}: {error.msg})") from error
    except ValueError as error:  # a number too long for Python to read, say
        raise InputError(f"the file is not JSON that can be read ({error})") from error
    except RecursionError as error:
        raise InputError("the file's JSON is nested too deeply to be annotations") from error
    if not items and not _is_collection(data):
        raise InputError("the file holds no W3C Web Annotation items")
    is_reply = [item.get("motivation") == "replying" or _is_reply_target(item.get("target"))
                for item in items]
    _check_counts(sum(is_reply), len(items) - sum(is_reply))
    annotations: dict[str, ForeignAnnotation] = {}
    replies: list[ForeignReply] = []
    for item, reply in zip(items, is_reply, strict=True):
        if reply:
            replies.append(_reply(item, _Label("reply", len(replies) + 1, item)))
        else:
            annotation = _annotation(item, _Label("annotation", len(annotations) + 1, item))
            annotations[annotation.id] = annotation
    _check_tags(annotations.values())
    for reply in replies:
        parent = annotations.get(reply.target_id)
        if parent is not None:
            parent.replies.append(reply)
    _check_counts(0, len(annotations) + sum(len(a.extra_tags) for a in annotations.values()))
    kept = [annotation for annotation in annotations.values() if not annotation.is_empty]
    if items and not kept:
        raise InputError("the file's annotations carry no tag, comment or reply to import; "
                         "nothing was imported")
    return kept, len(annotations) - len(kept)


# --- Limits (domain.limits): each refusal is one sentence naming the limit and the item ------


def _check_size(raw: str) -> None:
    """The file's size and its number of JSON values, before it is parsed. (A character is
    at least one byte of the file, so a text longer than the byte limit came from a file
    over it.)"""
    if len(raw) > limits.MAX_ANNOTATION_FILE_BYTES:
        raise InputError(f"the file is larger than the "
                         f"{limits.MAX_ANNOTATION_FILE_BYTES / 1_000_000:g} MB limit")
    values = raw.count("{") + raw.count("[") + raw.count(",")
    if values > limits.MAX_JSON_VALUES:
        raise InputError(f"the file holds more than {limits.MAX_JSON_VALUES:,} JSON values, "
                         "the limit for one file")


def _check_counts(replies: int, annotations: int) -> None:
    for count, limit, what in ((annotations, limits.MAX_ANNOTATIONS_PER_FILE, "annotations"),
                               (replies, limits.MAX_REPLIES_PER_FILE, "replies")):
        if count > limit:
            raise InputError(f"the file holds {count:,} {what}, more than the {limit:,} "
                             "ReviewDesk reads from one file")


@dataclass(frozen=True, slots=True)
class _Label:
    """An item named in a message: "annotation 3 of the file (id urn:uuid:…)"."""

    kind: str
    number: int
    item: Mapping[str, Any]

    def __str__(self) -> str:
        ident = self.item.get("id")
        shown = f" (id {_shortened(ident, 60)})" if isinstance(ident, str) and ident else ""
        return f"{self.kind} {self.number:,} of the file{shown}"


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _check_length(value: str, limit: int, what: str, label: _Label) -> str:
    if len(value) > limit:
        raise InputError(f"{label} has {what} of {len(value):,} characters; "
                         f"the limit is {limit:,}")
    return value


def _check_tags(annotations: Iterable[ForeignAnnotation]) -> None:
    """Tags one file may name: each level of each tag path, and each tag named alone."""
    named: set[tuple[str, ...]] = set()
    for annotation in annotations:
        if annotation.tag_path:
            path = tuple(name.casefold() for name in annotation.tag_path)
            named.update(path[:depth] for depth in range(1, len(path) + 1))
        elif annotation.tag:
            named.add(("", " ".join(annotation.tag.split()).casefold()))
        named.update(("", " ".join(tag.split()).casefold()) for tag in annotation.extra_tags)
        if len(named) > limits.MAX_TAGS_PER_FILE:
            raise InputError(f"the file names more than {limits.MAX_TAGS_PER_FILE:,} "
                             "different tags, the most one file may add to the codebook")


def _is_collection(data: Any) -> bool:
    return isinstance(data, Mapping) and data.get("type") in ("AnnotationCollection",
                                                               "AnnotationPage")


def _items(data: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _items(entry)
    elif isinstance(data, Mapping):
        kind = data.get("type")
        if kind == "AnnotationCollection":
            yield from _items(data.get("first", {}))
        elif kind == "AnnotationPage":
            yield from _items(data.get("items", []))
        elif is_search_page(data):
            yield from _items(data["rows"])
            yield from _items(data.get("replies", []))
        elif is_hypothesis(data):
            yield to_web_annotation(data)
        elif kind == "Annotation" or "target" in data:
            yield data


def _local_id(value: Any, fallback: Mapping[str, Any]) -> str:
    if isinstance(value, str) and value.startswith("urn:uuid:") and value != "urn:uuid:":
        return value.removeprefix("urn:uuid:").lower()
    if isinstance(value, str) and value:
        return stable_id("webanno", value)
    # No id at all: derive one from the content so importing twice adds nothing.
    return stable_id("webanno-content", json.dumps(fallback, sort_keys=True, default=str))


def _is_reply_target(target: Any) -> bool:
    return isinstance(target, str) or (isinstance(target, Mapping) and "selector" not in target
                                       and isinstance(target.get("id"), str)
                                       and "source" not in target)


def _reply(item: Mapping[str, Any], label: _Label) -> ForeignReply:
    target = item.get("target")
    if isinstance(target, Mapping):
        target = target.get("id")
    target_id = target if isinstance(target, str) else ""
    text = _check_length(" ".join(_body_values(item, _COMMENT_PURPOSES)),
                         limits.MAX_COMMENT_CHARS, "a text", label)
    return ForeignReply(id=_local_id(item.get("id"), item),
                        target_id=_local_id(target_id, {"target": target_id}),
                        creator=_creator(item, label), text=text,
                        created=_parse_time(item.get("created")),
                        initials=_nickname(item, label), creator_id=_creator_id(item))


def _annotation(item: Mapping[str, Any], label: _Label) -> ForeignAnnotation:
    quote, position = _selectors(item.get("target"))
    tags = _body_values(item, _TAG_PURPOSES)
    tag_path = _tag_path(item, label) if tags else ()
    for tag in tags[0 if not tag_path else 1:]:
        _check_length(tag, limits.MAX_TAG_NAME_CHARS, "a tag name", label)
    comment = _check_length("\n\n".join(_body_values(item, _COMMENT_PURPOSES)),
                            limits.MAX_COMMENT_CHARS, "a comment", label)
    status = _first(item, _STATUS_KEYS)
    state = _first(item, _ANCHOR_STATE_KEYS)
    score = _first(item, _ANCHOR_SCORE_KEYS)
    exact, prefix, suffix = (_str(quote.get(key)) if quote else ""
                             for key in ("exact", "prefix", "suffix"))
    _check_length(exact, limits.MAX_QUOTE_CHARS, "a quote", label)
    _check_length(prefix, limits.MAX_CONTEXT_CHARS, "a prefix (the text before its quote)",
                  label)
    _check_length(suffix, limits.MAX_CONTEXT_CHARS, "a suffix (the text after its quote)",
                  label)
    return ForeignAnnotation(
        id=_local_id(item.get("id"), item), creator=_creator(item, label),
        tag=tags[0] if tags else None, comment=comment,
        status=status if status in ("open", "resolved") else "open",
        exact=exact or None, prefix=prefix, suffix=suffix,
        start=_int(position.get("start")) if position else None,
        end=_int(position.get("end")) if position else None,
        created=_parse_time(item.get("created")), modified=_parse_time(item.get("modified")),
        initials=_nickname(item, label), tag_path=tag_path, creator_id=_creator_id(item),
        extra_tags=tuple(dict.fromkeys(tag for tag in tags[1:] if tag != tags[0])),
        from_reviewdesk=status is not None,
        anchor_state=state if state in ("needs_review", "orphaned") else "anchored",
        anchor_score=(float(score) if isinstance(score, int | float) and not isinstance(score, bool)
                      and 0 <= score <= 1 else None))


def _first(item: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    return next((item[key] for key in keys if key in item), None)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _tag_path(item: Mapping[str, Any], label: _Label) -> tuple[str, ...]:
    """The names of the tag and its ancestors, as ReviewDesk writes them beside the tag."""
    path = _first(item, _TAG_PATH_KEYS)
    if not isinstance(path, list):
        return ()
    if len(path) > limits.MAX_TAG_DEPTH:
        raise InputError(f"{label} has a tag path {len(path):,} levels deep; "
                         f"the limit is {limits.MAX_TAG_DEPTH}")
    if path and all(isinstance(name, str) for name in path):
        names = tuple(" ".join(_check_length(name, limits.MAX_TAG_NAME_CHARS, "a tag name",
                                             label).split()) for name in path)
        if all(names):
            return names
    return ()


def _selectors(target: Any) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    targets = target if isinstance(target, list) else [target]
    quote = position = None
    for entry in targets:
        if not isinstance(entry, Mapping):
            continue
        selectors = entry.get("selector", [])
        for selector in selectors if isinstance(selectors, list) else [selectors]:
            if not isinstance(selector, Mapping):
                continue
            if selector.get("type") == "TextQuoteSelector" and quote is None:
                quote = selector
            elif selector.get("type") == "TextPositionSelector" and position is None:
                position = selector
    return quote, position


def _body_values(item: Mapping[str, Any], purposes: tuple[str, ...]) -> list[str]:
    """Text bodies with one of `purposes`; a body without a purpose takes the
    annotation's motivation, and a bare comment is the default."""
    default = item.get("motivation") or "commenting"
    bodies = item.get("body", [])
    values: list[str] = []
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, str):
            body = {"value": body}
        if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
            continue
        if (body.get("purpose") or default) in purposes and body["value"].strip():
            values.append(body["value"].strip())
    return values


def _creator(item: Mapping[str, Any], label: _Label) -> str:
    creator = item.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    name = ""
    if isinstance(creator, str):
        name = creator.removeprefix("acct:").strip()
    elif isinstance(creator, Mapping):
        name = next((str(creator[key]).strip() for key in ("name", "nickname", "id")
                     if isinstance(creator.get(key), str) and creator[key].strip()), "")
    return _check_length(name, limits.MAX_NAME_CHARS, "a creator's name",
                         label) or "Unknown reviewer"


def _creator_id(item: Mapping[str, Any]) -> str:
    """The creator's ReviewDesk id, from an id "urn:reviewdesk:reviewer:<uuid>"."""
    creator = item.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    ident = creator.get("id") if isinstance(creator, Mapping) else None
    if not isinstance(ident, str) or not ident.startswith(_REVIEWER_IRI):
        return ""
    try:
        return str(uuid.UUID(ident.removeprefix(_REVIEWER_IRI)))
    except ValueError:
        return ""


def _nickname(item: Mapping[str, Any], label: _Label) -> str:
    creator = item.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, Mapping) and isinstance(creator.get("nickname"), str):
        return " ".join(_check_length(creator["nickname"], limits.MAX_NAME_CHARS,
                                      "a creator's nickname", label).split())
    return ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None
