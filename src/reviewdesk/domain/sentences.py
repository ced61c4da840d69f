"""Sentences of a block of text, for the indicator candidates and the agreement report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the brief; `start` and `end` are offsets in the canonical text."""

    text: str
    start: int  # in the canonical text
    end: int


_ABBREVIATION_TEXT = (
    "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp no nos vol vols pp p ed eds "
    "e.g i.e etc vs cf al fig approx dept est govt jan feb mar apr jun jul aug sep sept oct "
    "nov dec mt ft u.s u.k u.n e.u a.m p.m min max art para sec ch op"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
# A sentence ends at . ! ? ؟ (with any closing quotes or brackets) before white space and
# something that can open a sentence: a capital of a Latin or Cyrillic alphabet, a digit, or
# a letter of the Hebrew or Arabic script, which have no capitals.
_END = re.compile(r"[.!?…؟]+[\"'”’»)\]]*(?=\s+[\"'“‘«¿¡(\[]*"
                  r"[A-Z0-9À-ÖØ-ÞА-ЯЁҲҶҚҒӮӢ\u0590-\u06ff])")
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def split_sentences(text: str, offset: int = 0) -> Iterator[Sentence]:
    """Sentences of one block, offsets shifted by `offset`. A full stop after a known
    abbreviation or a lone initial ("Gen.", "U.S.", "J. Smith") ends none; a decimal point
    is never followed by white space, so "3.5" is safe."""
    start = 0
    for match in _END.finditer(text):
        before = text[max(start, match.start() - 24):match.start() + 1]
        if match.group(0).startswith(".") and _abbreviation(before):
            continue
        yield from _trimmed(text, start, match.end(), offset)
        start = match.end()
    yield from _trimmed(text, start, len(text), offset)


def _abbreviation(before: str) -> bool:
    match = _LAST_WORD.search(before)
    if match is None:
        return False
    word = match.group(1).lower().strip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int, offset: int) -> Iterator[Sentence]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        yield Sentence(piece, offset + start + lead, offset + start + lead + len(piece))
