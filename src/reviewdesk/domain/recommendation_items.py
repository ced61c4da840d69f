"""The items of one recommendations part, read in order as a reader would: list items,
paragraphs under numbered labels ("Ask 01", "R2") and addressee labels ("For donors:",
"Foreign ministries:"), prose paragraphs that ask (cut into sentences when several do),
and not the lead-ins, captions, "Rationale" blocks or lists of people to involve."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from reviewdesk.domain import recommendation_addressee as address
from reviewdesk.domain import recommendation_cues as cues
from reviewdesk.domain.brief import Block, BlockKind
from reviewdesk.domain.recommendation_regions import Region
from reviewdesk.domain.recommendation_sentences import split_sentences


@dataclass(slots=True)
class Found:
    """A recommendation as read: its words, who it addresses ("" for no one), its block."""

    text: str
    addressee: str
    block_id: str | None


# A numbered label's own words are the item from this many words on.
_PHRASE_WORDS = 4
# A line ending in one of these words goes on in the next block.
_RUNS_ON = frozenset(("and", "or", "of", "the", "a", "an", "at", "to", "for", "in", "on",
                      "with", "by", "from", "de", "del", "et", "y", "и", "в", "на"))


class _Group(Enum):
    """What the blocks since the last heading or label are."""

    PLAIN = auto()  # items when they are listed or ask
    ADDRESSED = auto()  # under "For donors:": the first paragraph is the item
    NUMBERED = auto()  # under "Ask 01": the first paragraph is the item
    DETAILS = auto()  # the heading or label was the item; what follows explains it
    ASIDE = auto()  # under "Rationale": no items
    PEOPLE = auto()  # a list of people or bodies to involve: no items


@dataclass(slots=True)
class _Walk:
    region: Region
    footers: frozenset[str]
    found: list[Found] = field(default_factory=list)
    heading_actors: dict[int, str] = field(default_factory=dict)
    group: _Group = _Group.PLAIN
    group_actor: str = ""
    taken: bool = False  # the group's first paragraph is already an item
    listed: bool = False  # the group has list items
    pending: list[tuple[Block, str]] = field(default_factory=list)
    item_level: int | None = None  # a list item taken; deeper ones are its details
    last: Block | None = None  # the block read last, for a paragraph cut in two


def region_items(region: Region, footers: frozenset[str]) -> list[Found]:
    """The recommendations of one part, in order."""
    walk = _Walk(region, footers, heading_actors={region.level: address.label_actor(
        region.title)})
    for index, (block, text) in enumerate(region.entries):
        following = region.entries[index + 1][0] if index + 1 < len(region.entries) else None
        _read(walk, block, text.strip(), following)
        walk.last = block
    if not walk.found and region.named and not region.mixed:
        walk.found = _every_paragraph(walk)
    return walk.found


def _read(walk: _Walk, block: Block, text: str, following: Block | None) -> None:
    if not text or cues.is_caption(text) or text in walk.footers or \
            cues.is_reference_entry(text):
        return
    if _continues(walk, text):
        if _joins_last_item(walk):
            walk.found[-1].text += " " + text
        return
    if block.kind == BlockKind.HEADING:
        _heading(walk, block, text)
    elif block.kind != BlockKind.FOOTNOTE and not _label(walk, block, text, following):
        _content(walk, block, text)


def _continues(walk: _Walk, text: str) -> bool:
    """A line cut from the block before at a page, column or line break: it starts in
    lower case after a block that ends no sentence, or follows one that ends in "and",
    "of", "the"…"""
    if walk.last is None:
        return False
    before = walk.last.text.rstrip()
    if cues.ends_sentence(before) or before.endswith(":"):
        return False
    last_word = before.rsplit(maxsplit=1)[-1].casefold() if before else ""
    return text[:1].islower() or last_word in _RUNS_ON


def _joins_last_item(walk: _Walk) -> bool:
    return bool(walk.found) and walk.last is not None and \
        walk.found[-1].block_id == walk.last.id


def _reset(walk: _Walk, group: _Group, actor: str = "") -> None:
    walk.group, walk.group_actor = group, actor
    walk.taken = walk.listed = False
    walk.pending.clear()
    walk.item_level = None


def _heading(walk: _Walk, block: Block, text: str) -> None:
    for level in [level for level in walk.heading_actors if level >= block.level]:
        del walk.heading_actors[level]
    if cues.is_aside_label(text) or cues.names_options(text):
        _reset(walk, _Group.ASIDE)
    elif _numbered(walk, block, text):
        return
    elif actor := address.label_actor(text):
        walk.heading_actors[block.level] = actor
        _reset(walk, _Group.ADDRESSED, actor)
    elif _asks_in_itself(text):
        _reset(walk, _Group.DETAILS)
        _add(walk, block, text)
    else:
        _reset(walk, _Group.PLAIN)


def _numbered(walk: _Walk, block: Block, text: str) -> bool:
    """"Ask 01", "R2: Fund the clinics", "Recommendation 3:": the label's own words are the
    item when they ask, else the first paragraph under it is."""
    label = cues.NUMBERED_LABEL.match(text)
    if label is None or cues.names_options(text):
        return False
    rest = text[label.end():].strip()
    if rest and (_asks_in_itself(rest) or _phrased(rest)):
        _reset(walk, _Group.DETAILS)
        _add(walk, block, text)
    else:
        _reset(walk, _Group.NUMBERED)
    return True


def _phrased(text: str) -> bool:
    """Words enough, in sentence case, to be the recommendation itself ("Meter the
    irrigation canals"), not a title over it ("Water councils", "Open Ticket Data")."""
    return len(text.split()) >= _PHRASE_WORDS and not cues.title_case(text)


def _asks_in_itself(text: str) -> bool:
    return cues.opens_with_verb(text) or cues.asks(text)


def _label(walk: _Walk, block: Block, text: str, following: Block | None) -> bool:
    """Read a label line (True), or say it is none (False)."""
    if block.kind == BlockKind.LIST_ITEM:
        parent = following is not None and following.kind == BlockKind.LIST_ITEM \
            and following.level > block.level
        if not (text.endswith(":") or (parent and cues.looks_like_label(text))):
            return False
    elif not cues.looks_like_label(text) or cues.has_list_marker(text) or \
            (_asks_in_itself(text) and not address.label_actor(_as_label(block, text))):
        return False
    if _numbered(walk, block, text):
        return True
    if cues.is_aside_label(text) or cues.names_options(text):
        _reset(walk, _Group.ASIDE)
    elif cues.is_people_lead_in(text):
        _reset(walk, _Group.PEOPLE)
    elif actor := address.label_actor(_as_label(block, text)):
        _reset(walk, _Group.ADDRESSED, actor)
    elif text.endswith(":") or (walk.group == _Group.NUMBERED and not walk.taken) or \
            walk.group == _Group.PEOPLE:
        pass  # a lead-in, the title under a numbered label, a line of a person's name
    else:
        _reset(walk, _Group.PLAIN)
    return True


def _as_label(block: Block, text: str) -> str:
    """A table's cell names its row's actor without a colon ("Water councils" | "Publish
    the quotas")."""
    colon = block.kind == BlockKind.TABLE_CELL and not text.endswith(":")
    return text + ":" if colon else text


def _content(walk: _Walk, block: Block, text: str) -> None:
    if walk.group in (_Group.ASIDE, _Group.PEOPLE, _Group.DETAILS):
        return
    if text.endswith(":"):
        if cues.is_people_lead_in(text):
            _reset(walk, _Group.PEOPLE)
        return
    if inline := cues.inline_items(text):
        for item in inline:
            _listed(walk, block, item)
    elif block.kind == BlockKind.LIST_ITEM or cues.has_list_marker(text):
        _listed(walk, block, text)
    elif walk.group in (_Group.ADDRESSED, _Group.NUMBERED) and not walk.taken:
        walk.taken = True
        _add(walk, block, text)
    elif walk.region.mixed:
        _add_sentences(walk, block, [s for s in split_sentences(text) if explicit_ask(s)])
    elif walk.listed and not cues.asks(text):
        walk.pending.append((block, text))
    else:
        _prose(walk, block, text)


def _listed(walk: _Walk, block: Block, text: str) -> None:
    deeper = (walk.item_level is not None and block.kind == BlockKind.LIST_ITEM
              and block.level > walk.item_level)
    if deeper or (walk.region.mixed and not _asks_in_itself(text)):
        return
    for pending, pending_text in walk.pending:
        _add(walk, pending, pending_text)
    walk.pending.clear()
    walk.listed = walk.taken = True
    walk.item_level = block.level if block.kind == BlockKind.LIST_ITEM else None
    _add(walk, block, text)


def _prose(walk: _Walk, block: Block, text: str) -> None:
    """A paragraph with no label above it: an item when it asks; one item per sentence
    when two or more of its sentences ask."""
    sentences = split_sentences(text)
    asking = [s for s in sentences if cues.asks(s) and not _about_the_list(s)]
    if len(asking) >= 2:
        _add_sentences(walk, block, asking)
    elif asking or cues.opens_with_verb(text):
        _add(walk, block, text)


def _about_the_list(sentence: str) -> bool:
    """"The recommendations below should be read together": a sentence about the list."""
    spelled = cues.spell(sentence)
    return cues.ABOUT_THE_LIST.search(spelled) is not None and (
        cues.HEADING.search(spelled) is not None or cues.recommends_explicitly(spelled)
        or cues.proposes(sentence))


def explicit_ask(sentence: str) -> bool:
    """A sentence that asks in so many words: the author recommends, or a modal whose
    subject is an actor ("Ministries should …", not "Future research should …")."""
    if cues.recommends_explicitly(sentence):
        return True
    return cues.own_modal(sentence) is not None and address.names_actor(
        address.addressee(sentence))


def _add_sentences(walk: _Walk, block: Block, sentences: list[str]) -> None:
    for sentence in sentences:
        _add(walk, block, sentence)


def _add(walk: _Walk, block: Block, text: str) -> None:
    actor = address.addressee(text) or walk.group_actor or _heading_actor(walk)
    walk.found.append(Found(text, actor, block.id))


def _heading_actor(walk: _Walk) -> str:
    for level in sorted(walk.heading_actors, reverse=True):
        if walk.heading_actors[level]:
            return walk.heading_actors[level]
    return ""


def _every_paragraph(walk: _Walk) -> list[Found]:
    """A part headed "Recommendations" where nothing reads as an item: each paragraph is
    one, as the heading says (lead-ins, captions and labels left out)."""
    found = []
    for block, text in walk.region.entries:
        text = text.strip()
        if (block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
                and len(text.split()) >= _PHRASE_WORDS and not text[:1].islower()
                and not text.endswith(":") and not cues.is_caption(text)
                and text not in walk.footers and not cues.looks_like_label(text)):
            found.append(Found(text, address.addressee(text) or _heading_actor(walk),
                               block.id))
    return found
