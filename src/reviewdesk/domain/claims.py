"""Uncited factual sentences matched to the reference entries most likely to back them."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.dates import DateMention, Period, fold, overlaps
from reviewdesk.domain.indicators import dated_sentences
from reviewdesk.domain.references import Citation, ReferenceEntry, brief_citations
from reviewdesk.domain.sections import SectionKind
from reviewdesk.domain.sentences import Sentence

# An entry supports a sentence when its score reaches this: about one rare word shared,
# or a common word and a matching date. Tuned on invented briefs, checked on a real one.
THRESHOLD = 3.0
# A word written with a capital inside the sentence is a name, place or organisation.
NAME_WEIGHT = 1.5
# The entry appeared while the sentence's event was happening, or soon after it.
DATE_INSIDE = 4.0
DATE_AFTER = 1.0
_REPORTING_DAYS = 92
# A proper name used in at most this share of the brief's sentences (or in 3) is specific
# enough to make a sentence a factual claim.
_RARE_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class ClaimSupport:
    """A factual sentence of the brief (offsets in the canonical text) and the reference entries
    that may back it; `unsupported` when no entry reaches THRESHOLD."""

    text: str
    start: int
    end: int
    references: list[int]  # 1-based entry indexes, best first
    unsupported: bool
    scores: list[float]  # parallel to `references`


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|\d+")
_STOP_WORD_TEXT = (
    "a an the and or but if of in on at to for from by with without about into onto over "
    "under after before during between among through toward towards against within upon "
    "is are was were be been being has have had do does did will would shall should can "
    "could may might must not no nor so than then that this these those there their them "
    "they its it he she his her him we our us you your i me my as also such which who whom "
    "whose what when where while how why all any both each few more most other some only own "
    "same very just even further once again ever new one two three first second last "
    "s t said says according mr ms dr"
)
_STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def stem(word: str) -> str:
    """Stemming-lite: "reopening"/"reopened" -> "reopen", "approves"/"approve" -> "approv"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def terms(text: str) -> list[tuple[str, bool]]:
    """(stem, written with a capital) for each content word, accent-folded."""
    found: list[tuple[str, bool]] = []
    for match in _TOKEN.finditer(fold(text)):
        word = match.group(0)
        lower = word.lower()
        if lower in _STOP_WORDS or (len(lower) < 3 and not lower.isdigit()):
            continue
        found.append((stem(lower), word[0].isupper()))
    return found


def claim_support(brief: Brief, references: Sequence[ReferenceEntry],
                  citations: Sequence[Citation] | None = None) -> list[ClaimSupport]:
    """Every claim-like sentence that cites nothing, with the entries likely to support it;
    pass the brief's `citations` when the reference check has already found them.

    Claim-like: in the indicators section, or dated anywhere outside the reference list; and
    anchored by a date, a number or a proper name rare in the brief (so commentary such as
    "This shows the country's resolve" is left out).
    """
    sentences = [(sentence, mentions, section.kind) for section in brief.sections
                 if section.kind != SectionKind.REFERENCES
                 for sentence, mentions in dated_sentences(section)]
    documents = [terms(sentence.text) for sentence, _, _ in sentences]
    entry_terms = [terms(" ".join((e.author, e.title, e.container))) for e in references]
    idf = _idf([*documents, *entry_terms])
    rare = _rare_names(documents)
    index = _inverted(entry_terms)
    cited = sorted(c.start for c in (brief_citations(brief) if citations is None
                                     else citations))
    results: list[ClaimSupport] = []
    for (sentence, mentions, kind), words in zip(sentences, documents, strict=True):
        if _cites(sentence, cited):
            continue
        if not _claim_like(kind, mentions, words, rare, sentence.text):
            continue
        results.append(_support(sentence, words, _periods(sentence.text, mentions),
                                references, index, idf))
    return results


def _idf(documents: Sequence[Sequence[tuple[str, bool]]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update({word for word, _ in document})
    total = len(documents) + 1
    return {word: math.log(total / (count + 0.5)) for word, count in frequency.items()}


def _rare_names(documents: Sequence[Sequence[tuple[str, bool]]]) -> set[str]:
    frequency: Counter[str] = Counter()
    for document in documents:
        # The first word of a sentence is capitalised anyway, so it names nothing.
        frequency.update({word for word, capital in document[1:] if capital})
    limit = max(3, int(len(documents) * _RARE_SHARE))
    return {word for word, count in frequency.items() if count <= limit}


def _inverted(entry_terms: Sequence[Sequence[tuple[str, bool]]],
              ) -> dict[str, dict[int, bool]]:
    """word -> {entry position: whether the entry writes it with a capital}."""
    index: dict[str, dict[int, bool]] = {}
    for position, document in enumerate(entry_terms):
        for word, capital in document:
            entries = index.setdefault(word, {})
            entries[position] = entries.get(position, False) or capital
    return index


def _cites(sentence: Sentence, cited: list[int]) -> bool:
    position = bisect.bisect_left(cited, sentence.start)
    return position < len(cited) and cited[position] < sentence.end


def _claim_like(kind: SectionKind, mentions: list[DateMention], words: list[tuple[str, bool]],
                rare: set[str], text: str) -> bool:
    if kind != SectionKind.INDICATORS and not mentions:
        return False
    if mentions or any(ch.isdigit() for ch in text):
        return True
    return any(capital and word in rare for word, capital in words[1:])


_PAIRED = re.compile(r"\s*\(\s*")


def _periods(text: str, mentions: list[DateMention]) -> list[Period]:
    """Each date's period; a date given in both calendars counts as the days both allow."""
    periods: list[Period] = []
    if not mentions:
        return periods
    skip = False
    for first, second in zip(mentions, [*mentions[1:], None], strict=True):
        if skip:
            skip = False
            continue
        if (second is not None and _PAIRED.fullmatch(text[first.end:second.start])
                and overlaps(first.period, second.period)):
            periods.append((max(first.period[0], second.period[0]),
                            min(first.period[1], second.period[1])))
            skip = True
        else:
            periods.append(first.period)
    return periods


def _support(sentence: Sentence, words: list[tuple[str, bool]], periods: list[Period],
             references: Sequence[ReferenceEntry], index: dict[str, dict[int, bool]],
             idf: dict[str, float]) -> ClaimSupport:
    scores: dict[int, float] = {}
    for word, capital in _names_marked(words).items():
        for position, entry_capital in index.get(word, {}).items():
            # A name on both sides: "Security" in "National Security" is no match for
            # an entry's lower-case "security belt".
            name = capital and entry_capital
            weight = idf.get(word, 0.0) * (NAME_WEIGHT if name else 1.0)
            scores[position] = scores.get(position, 0.0) + weight
    for position in scores:
        scores[position] += _date_score(periods, references[position])
    ranked = sorted(((score, pos) for pos, score in scores.items() if score >= THRESHOLD),
                    key=lambda item: (-item[0], item[1]))
    return ClaimSupport(sentence.text, sentence.start, sentence.end,
                        [references[pos].index for _, pos in ranked],
                        not ranked, [round(score, 2) for score, _ in ranked])


def _names_marked(words: list[tuple[str, bool]]) -> dict[str, bool]:
    """Each word once, marked as a name if capitalised anywhere but at the sentence start."""
    marked: dict[str, bool] = {}
    for position, (word, capital) in enumerate(words):
        marked[word] = marked.get(word, False) or (capital and position > 0)
    return marked


def _date_score(periods: list[Period], entry: ReferenceEntry) -> float:
    """Whether the entry is dated within an event's period, or in the months after it."""
    if entry.date is None or not periods:
        return 0.0
    published = entry.date.period
    best = 0.0
    for first, last in periods:
        if overlaps(published, (first, last)):
            return DATE_INSIDE
        if first <= published[0] <= _after(last):
            best = DATE_AFTER
    return best


def _after(last: date) -> date:
    return last + timedelta(days=_REPORTING_DAYS)
