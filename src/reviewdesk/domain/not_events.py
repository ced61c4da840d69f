"""Text that holds a date but reports no event: a reference entry or its access date, a
copyright line, a date line or byline. Such text offers no indicator candidate."""

from __future__ import annotations

import re

from reviewdesk.domain.dates import DateMention

# A link, a DOI, or a note of where and when a source was read, in the six languages.
_SOURCE_NOTE = re.compile(
    r"https?://|www\.|\bdoi\b|\bretrieved\b|\baccessed\b|\bconsult[ée]e?\b|\bconsultado\b|"
    r"\bdisponible\s+(?:en|sur)\b|\bavailable\s+(?:at|from|online)\b|дата\s+обращения|"
    r"режим\s+доступа|تاریخ\s+(?:دسترسی|بازدید)|بازیابی\s+شده|تم\s+الاطلاع|تاريخ\s+الاطلاع|"
    r"^\s*(?:sources?|fuentes?|источник|источники|منبع|منابع|المصدر|المصادر)\s*:",
    re.IGNORECASE)
_SOURCE_LINE = re.compile(
    r"^\s*(?:sources?|fuentes?|источник|источники|منبع|منابع|المصدر|المصادر)\s*:", re.I)
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.|doi:\s*)\S+\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"©|\bcopyright\b|\(c\)\s*\d{4}|all rights reserved|tous droits réservés|"
    r"todos los derechos reservados|все права защищены|حقوق\s+.{0,20}محفوظ", re.IGNORECASE)
# How a reference entry begins: "Surname, A. B.", "Surname, A., & Other, B. (2002)",
# "[3] Surname", "3. Surname, Name (2019)", an agency with its year in brackets.
_ENTRY_START = re.compile(
    r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])?\s*(?:[A-ZÀ-ÞА-Я][\w'’-]+,\s+(?:[A-ZÀ-ÞА-Я]\.\s*){1,3}"
    r"|[A-ZÀ-ÞА-Я][\w'’-]+,\s+[A-ZÀ-ÞА-Я][\w'’-]+(?:\s+[A-ZÀ-ÞА-Я]\.)?\.\s+\S"
    r"|[^()\n]{2,120}\(\s*(?:\d{4}[a-z]?|n\.\s?d\.|s\.\s?f\.)\s*[,)])")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# A reference entry is short; prose that only cites a link is longer.
_ENTRY_CHARS = 600
_MIN_WORDS = 3


def is_source_note(text: str) -> bool:
    """A link, a DOI, an access date or a "Source:" line."""
    return _SOURCE_NOTE.search(text) is not None


def is_copyright(text: str) -> bool:
    """A copyright line ('© 2024 …', 'All rights reserved')."""
    return _COPYRIGHT.search(text) is not None


def is_source_line(block_text: str) -> bool:
    """A "Source: …" line under a figure, a table or a photo."""
    return _SOURCE_LINE.match(block_text) is not None


def is_reference_entry(block_text: str) -> bool:
    """Whether a block reads as an entry of a reference list or a source line: it begins
    as one, or it is short and ends with a link."""
    if len(block_text) > _ENTRY_CHARS:
        return False
    return bool(_ENTRY_START.match(block_text) or _ENDS_WITH_LINK.search(block_text)
                or is_source_line(block_text))


def is_fragment(sentence: str, mentions: list[DateMention], offset: int) -> bool:
    """Fewer than three words besides its dates: a date line, a byline, a wrapped line."""
    rest = sentence
    for mention in reversed(mentions):
        start, end = mention.start - offset, mention.end - offset
        rest = rest[:max(0, start)] + " " + rest[max(0, end):]
    return len(_LETTER_WORD.findall(rest)) < _MIN_WORDS


def reports_no_event(sentence: str, mentions: list[DateMention], offset: int) -> bool:
    """A sentence that is a copyright line, a source note or a fragment."""
    return is_copyright(sentence) or is_source_note(sentence) \
        or is_fragment(sentence, mentions, offset)
