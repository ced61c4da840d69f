"""The brief's recommendations as a list, each with the actor it asks to act."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewdesk.domain.brief import Block, BlockKind, Brief
from reviewdesk.domain.sections import SectionKind, classify_section, strip_numbering

# A subject longer than this is a clause the rules misread, not an actor's name.
_MAX_ADDRESSEE_WORDS = 10


@dataclass(frozen=True, slots=True)
class RecommendationItem:
    index: int  # 1-based
    text: str
    addressee: str
    block_id: str | None


_MODAL = re.compile(
    r"\b(?:should|must|shall|needs? to|ought to|could|has to|have to|will need to|"
    r"(?:is|are) (?:encouraged|urged|advised|invited|called upon|requested|expected) to)\b",
    re.IGNORECASE,
)
# An opening clause before the subject: "Given ..., ", "To ..., ", "In light of ..., ".
_OPENING = re.compile(
    r"^(?:given|to|in order to|in light of|in view of|considering|as|with|because|since|if|"
    r"while|although|despite|after|before|once|beyond|for|at|in|by|through|when|where)\b",
    re.IGNORECASE,
)
_RECOMMEND_THAT = re.compile(
    r"^.*?\b(?:we|i|it is|the (?:authors?|report|brief))\s+(?:\w+\s+)?"
    r"(?:recommends?|recommended|suggests?|suggested|proposes?|proposed|urges?|urged|"
    r"advises?|advised|essential|important|vital|necessary)\s+that\s+",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"^\s*(?:also\s+|further\s+|not\s+)?be\s+\w+(?:ed|en|wn|lt|nt)\b",
                      re.IGNORECASE)
_AGENT = re.compile(r"\bby\s+(?P<agent>(?:the\s+)?[\w’'-]+(?:\s+(?:of|and|the|[A-Z][\w’'-]*|"
                    r"governments?|countries|ministr(?:y|ies)|sides|donors|authorities))*)")
_FOR = re.compile(r"^(?:for|to)\s+(?:the\s+)?", re.IGNORECASE)
_CONNECTORS = {"of", "and", "the", "for", "on", "in", "&"}


def extract_recommendations(brief: Brief) -> list[RecommendationItem]:
    """Each list item of the recommendations section, or each paragraph when it has no list
    (an introductory "...:" line skipped)."""
    blocks = [(b, _heading_actor(s.title)) for s in brief.sections
              if s.kind == SectionKind.RECOMMENDATIONS
              for b in s.blocks if b.kind != BlockKind.HEADING]
    items = [(b, actor) for b, actor in blocks if b.kind == BlockKind.LIST_ITEM]
    if not items:
        items = [(b, actor) for b, actor in blocks if not b.text.rstrip().endswith(":")]
    return [_item(index, block, actor) for index, (block, actor) in enumerate(items, start=1)]


def _item(index: int, block: Block, heading_actor: str) -> RecommendationItem:
    return RecommendationItem(index, block.text, addressee(block.text) or heading_actor,
                              block.id)


def _heading_actor(title: str) -> str:
    """The actor a sub-heading of the recommendations addresses: "For donors" and
    "Foreign ministries:" name one; "Recommendations" and "Short term" do not."""
    title = strip_numbering(title).strip()
    addressing = _FOR.match(title) is not None or title.endswith(":")
    if not addressing or classify_section(title) == SectionKind.RECOMMENDATIONS:
        return ""
    return _capitalised(_FOR.sub("", title).strip(" :;,."))


def addressee(text: str) -> str:
    """The actor a recommendation asks to act, or "" when it names none.

    The subject before the modal ("should", "must", "is urged to"...), after any opening
    "Given ..., " or "To ..., " clause and any "we recommend that". A passive ("channels
    should be reopened") names no actor unless a "by ..." agent follows, so it gets ""
    rather than a guess; so does an imperative ("Establish a committee").
    """
    modal = _MODAL.search(text)
    if modal is None:
        return _subjunctive_subject(text)
    if _PASSIVE.match(text[modal.end():]):
        agent = _AGENT.search(text, modal.end())
        return _capitalised(agent["agent"]) if agent else ""
    subject = _RECOMMEND_THAT.sub("", text[:modal.start()], count=1).strip(" ,;:")
    if _OPENING.match(subject) and "," in subject:
        subject = subject.rsplit(",", 1)[1].strip()
    return _capitalised(subject)


def _subjunctive_subject(text: str) -> str:
    """"We recommend that donors fund ..." -> "Donors": the name's words up to the verb."""
    match = _RECOMMEND_THAT.match(text)
    if match is None:
        return ""
    words = text[match.end():].split()
    taken = words[:1]
    for word in words[1:]:
        if not (word[:1].isupper() or word.lower() in _CONNECTORS):
            break
        taken.append(word)
    while taken and taken[-1].lower() in _CONNECTORS:
        taken.pop()
    return _capitalised(" ".join(taken).strip(" ,;:"))


def _capitalised(subject: str) -> str:
    subject = subject.strip(" ,;:")
    if not subject or len(subject.split()) > _MAX_ADDRESSEE_WORDS:
        return ""
    return subject[:1].upper() + subject[1:]
