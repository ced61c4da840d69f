"""Word comments and their replies, anchored to offsets in the canonical text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from reviewdesk.domain.brief import SourceComment, clean_text
from reviewdesk.ooxml.namespaces import W14, W15, W16CEX, W16CID, W

W14_PARA_ID = f"{W14}paraId"
Span = tuple[int, int]


@dataclass(slots=True)
class _Anchor:
    start: int | None = None
    end: int | None = None
    start_block: Span | None = None  # the block the range starts in
    ref: Span | None = None  # the block holding the comment's reference mark


@dataclass(slots=True)
class _Entry:
    comment: SourceComment
    ident: str
    para_ids: list[str] = field(default_factory=list)


class Comments:
    """The comments part read up front; the body walk reports where each one is anchored."""

    def __init__(self, root: etree._Element | None, extended: etree._Element | None,
                 utc: dict[str, datetime] | None = None) -> None:
        """`utc`: each comment's time in UTC by the paraId of its last paragraph (see
        utc_dates), which wins over its w:date (Word's local time, zone unsaid)."""
        self._entries: list[_Entry] = []
        self._anchors: dict[str, _Anchor] = {}
        if root is not None:
            self._entries = [_entry(element) for element in root.iterchildren(f"{W}comment")]
        self._extended = _extended(extended)
        for entry in self._entries if utc else []:
            moment = utc.get(entry.para_ids[-1].upper()) if utc and entry.para_ids else None
            if moment is not None:
                entry.comment.date = moment

    def __bool__(self) -> bool:
        return bool(self._entries)

    def _anchor(self, ident: str) -> _Anchor:
        return self._anchors.setdefault(ident, _Anchor())

    def start(self, ident: str, position: int, block: Span) -> None:
        anchor = self._anchor(ident)
        if anchor.start is None:
            anchor.start, anchor.start_block = position, block

    def end(self, ident: str, position: int) -> None:
        self._anchor(ident).end = position

    def reference(self, ident: str, block: Span) -> None:
        anchor = self._anchor(ident)
        if anchor.ref is None:
            anchor.ref = block

    def build(self, fallback: Span) -> list[SourceComment]:
        """Top-level comments with replies attached; every comment gets some range."""
        by_para: dict[str, SourceComment] = {}
        for entry in self._entries:
            entry.comment.start, entry.comment.end = self._span(entry.ident, fallback)
            for para_id in entry.para_ids:
                by_para[para_id] = entry.comment
        top: list[SourceComment] = []
        for entry in self._entries:
            parent_id, done = self._reply_info(entry)
            entry.comment.resolved = done
            parent = by_para.get(parent_id) if parent_id else None
            if parent is not None and parent is not entry.comment:
                parent.replies.append(entry.comment)
            else:
                top.append(entry.comment)
        return top

    def _reply_info(self, entry: _Entry) -> tuple[str | None, bool]:
        # The last paragraph's paraId names the comment in commentsExtended.
        for para_id in reversed(entry.para_ids):
            if para_id in self._extended:
                return self._extended[para_id]
        return None, False

    def _span(self, ident: str, fallback: Span) -> Span:
        anchor = self._anchors.get(ident, _Anchor())
        if anchor.start is not None and anchor.end is not None and anchor.end > anchor.start:
            return anchor.start, anchor.end
        if anchor.ref is not None:
            return anchor.ref
        if anchor.start_block is not None:
            return anchor.start_block
        return fallback


def _entry(element: etree._Element) -> _Entry:
    paragraphs = list(element.iter(f"{W}p"))
    text = " ".join(_plain(paragraph) for paragraph in paragraphs)
    comment = SourceComment(
        author=element.get(f"{W}author", "") or "", text=clean_text(text), start=0, end=0,
        initials=element.get(f"{W}initials", "") or "", date=word_date(element.get(f"{W}date")),
        source_id=element.get(f"{W}id", "") or "")
    para_ids = [p.get(W14_PARA_ID, "") for p in paragraphs if p.get(W14_PARA_ID)]
    return _Entry(comment=comment, ident=element.get(f"{W}id", ""), para_ids=para_ids)


def _plain(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return "".join(parts)


def word_date(value: str | None) -> datetime | None:
    """A w:date (or dateUtc) as a datetime; None when absent or not a date."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _extended(root: etree._Element | None) -> dict[str, tuple[str | None, bool]]:
    """paraId -> (parent paraId, resolved) from commentsExtended.xml."""
    found: dict[str, tuple[str | None, bool]] = {}
    if root is None:
        return found
    for element in root.iter(f"{W15}commentEx"):
        para_id = element.get(f"{W15}paraId")
        if para_id:
            found[para_id] = (element.get(f"{W15}paraIdParent"),
                              element.get(f"{W15}done") in ("1", "true"))
    return found


def utc_dates(ids: etree._Element | None,
              extensible: etree._Element | None) -> dict[str, datetime]:
    """paraId (upper case) -> the comment's time in UTC, from commentsIds (paraId ->
    durable id) and commentsExtensible (durable id -> dateUtc)."""
    if ids is None or extensible is None:
        return {}
    moments: dict[str, datetime] = {}
    for element in extensible.iter(f"{W16CEX}commentExtensible"):
        value = word_date(element.get(f"{W16CEX}dateUtc"))
        durable = element.get(f"{W16CEX}durableId")
        if value is not None and durable:
            moments[durable.upper()] = value.astimezone(UTC) if value.tzinfo else \
                value.replace(tzinfo=UTC)
    found: dict[str, datetime] = {}
    for element in ids.iter(f"{W16CID}commentId"):
        para, durable = element.get(f"{W16CID}paraId"), element.get(f"{W16CID}durableId")
        if para and durable and durable.upper() in moments:
            found[para.upper()] = moments[durable.upper()]
    return found
