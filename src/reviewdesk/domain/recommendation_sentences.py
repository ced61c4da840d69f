"""A paragraph cut into sentences, in any of the brief's scripts, keeping abbreviations,
initials and decimals whole."""

from __future__ import annotations

import re

# An end mark, closing quotes or brackets, white space, and what may open a sentence: a
# capital, a digit, an opening quote or bracket, or a letter of a script without case.
_BOUNDARY = re.compile(
    r"(?<=[.!?؟。…])['\"”»’)\]]*\s+(?=[\"“«'(\[]?(?:[^\W\d_a-zа-яё]|\d|[\u0600-\u06ff]))")
# Words that end with a full stop without ending the sentence.
_ABBREVIATION_WORDS = """
e.g i.e etc al cf vs v no nos nr art fig figs p pp vol ed eds dr mr mrs ms prof st jr sr
inc ltd co corp dept gov govt approx incl e.v u.s u.k u.n e.u est min max op ca jan feb
mar apr jun jul aug sep sept oct nov dec núm pág págs sra sres ud uds av sig pe mme mlle
mm m ст г гг т.е т.д т.п им др см рис табл стр
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` in order, each stripped; the text itself when it is one."""
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _abbreviation_before(text, boundary.start()):
            continue
        piece = text[start:boundary.start()].strip()
        if piece:
            sentences.append(piece)
        start = boundary.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _abbreviation_before(text: str, end: int) -> bool:
    """True when the mark before `end` closes an abbreviation or an initial ("U.S.", "e.g.",
    "J. Smith"), not a sentence."""
    if text[end - 1] != ".":
        return False
    words = text[:end - 1].split()
    word = words[-1].lstrip("(\"“«'[").casefold() if words else ""
    if len(word) == 1:
        return word.isalpha()
    return word in _ABBREVIATIONS or ("." in word and len(word) <= 5)
