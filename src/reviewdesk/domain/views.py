"""Read models: annotations with names resolved, as the CLI prints them and the UI shows them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reviewdesk.domain.review import AnnotationStatus


@dataclass(frozen=True, slots=True)
class ReplyView:
    """A reply with its reviewer's name resolved."""

    id: str
    reviewer: str
    text: str
    created: datetime


@dataclass(frozen=True, slots=True)
class AnnotationView:
    """An annotation with names resolved, as the CLI prints it and the UI shows it."""

    id: str
    brief_id: str
    tag: str | None
    colour: str | None
    comment: str
    reviewer: str
    initials: str
    status: AnnotationStatus
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    created: datetime
    modified: datetime
    replies: tuple[ReplyView, ...] = field(default=())
    anchor_state: str = "anchored"  # anchored, shifted, needs_review or orphaned
    anchor_score: float | None = None
    date: str | None = None  # set by a reviewer (see domain.indicator_dates)



def _setter(name: str) -> Callable[[AnnotationView, Any], None]:
    """The setter of the view's slot `name` (its member descriptor's __set__)."""
    setter: Callable[[AnnotationView, Any], None] = AnnotationView.__dict__[name].__set__
    return setter


_new = object.__new__
_set_id, _set_brief_id, _set_tag, _set_colour = map(_setter, ("id", "brief_id", "tag", "colour"))
_set_comment, _set_reviewer, _set_initials = map(_setter, ("comment", "reviewer", "initials"))
_set_status, _set_quote, _set_prefix = map(_setter, ("status", "quote", "prefix"))
_set_suffix, _set_start, _set_end = map(_setter, ("suffix", "start", "end"))
_set_created, _set_modified, _set_replies = map(_setter, ("created", "modified", "replies"))
_set_anchor_state, _set_anchor_score, _set_date = map(
    _setter, ("anchor_state", "anchor_score", "date"))


def make_annotation_view(
        id: str, brief_id: str, tag: str | None, colour: str | None,
        comment: str, reviewer: str, initials: str, status: AnnotationStatus, quote: str,
        prefix: str, suffix: str, start: int, end: int, created: datetime, modified: datetime,
        replies: tuple[ReplyView, ...], anchor_state: str, anchor_score: float | None,
        date: str | None) -> AnnotationView:
    """AnnotationView(...) with every field given, made in half the time. A brief's views
    are made by the ten thousand when it opens or is exported; the frozen dataclass's
    __init__ sets each field through object.__setattr__ by name, this sets each slot
    through its own descriptor."""
    view: AnnotationView = _new(AnnotationView)
    _set_id(view, id)
    _set_brief_id(view, brief_id)
    _set_tag(view, tag)
    _set_colour(view, colour)
    _set_comment(view, comment)
    _set_reviewer(view, reviewer)
    _set_initials(view, initials)
    _set_status(view, status)
    _set_quote(view, quote)
    _set_prefix(view, prefix)
    _set_suffix(view, suffix)
    _set_start(view, start)
    _set_end(view, end)
    _set_created(view, created)
    _set_modified(view, modified)
    _set_replies(view, replies)
    _set_anchor_state(view, anchor_state)
    _set_anchor_score(view, anchor_score)
    _set_date(view, date)
    return view
