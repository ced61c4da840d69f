"""The actor of a recommendation that names none, taken from where the brief states the same
ask with its actor: the summary's "the government should …" repeated in the conclusion as
"I recommend …", or a key recommendation repeated as an imperative in the full list."""

from __future__ import annotations

import re

from reviewdesk.domain import recommendation_addressee as address
from reviewdesk.domain.brief import Brief
from reviewdesk.domain.recommendation_elsewhere import lead_blocks
from reviewdesk.domain.recommendation_items import Found, explicit_ask
from reviewdesk.domain.recommendation_sentences import split_sentences

# Words shorter than this carry little of what is asked.
_MIN_LETTERS = 4
# The same ask: this share of the words of the shorter, and at least this many, shared.
_SHARE = 0.6
_SHARED_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+")


def with_echoed_actors(brief: Brief, found: list[Found], summarised: list[Found]) -> list[Found]:
    """`found`, each item without an actor given the actor of a lead or summary sentence,
    or of a summarised recommendation, that asks the same in mostly the same words."""
    if all(item.addressee for item in found):
        return found
    stated = _stated_with_actor(brief) + [_asked(item.text, item.addressee)
                                          for item in summarised if item.addressee]
    for item in found:
        if not item.addressee:
            item.addressee = _echoed(_words(item.text), stated)
    return found


def _stated_with_actor(brief: Brief) -> list[tuple[frozenset[str], str]]:
    stated = []
    for block in lead_blocks(brief):
        for sentence in split_sentences(block.text):
            if explicit_ask(sentence) and (actor := address.addressee(sentence)):
                stated.append(_asked(sentence, actor))
    return stated


def _asked(sentence: str, actor: str) -> tuple[frozenset[str], str]:
    """What a sentence asks, as its words without the actor's, and the actor."""
    return _words(sentence) - _words(actor), actor


def _echoed(item_words: frozenset[str], stated: list[tuple[frozenset[str], str]]) -> str:
    for words, actor in stated:
        shared = len(item_words & words)
        if shared >= _SHARED_WORDS and shared >= _SHARE * min(len(item_words), len(words)):
            return actor
    return ""


def _words(text: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in _WORD.findall(text)
                     if len(word) >= _MIN_LETTERS)
