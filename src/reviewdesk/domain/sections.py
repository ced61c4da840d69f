"""What part of a brief a heading opens, whatever its exact wording or numbering."""

from __future__ import annotations

import re
from enum import StrEnum


class SectionKind(StrEnum):
    SUMMARY = "summary"
    INTRODUCTION = "introduction"
    INDICATORS = "indicators"
    REASONS = "reasons"
    PROSPECTS = "prospects"
    CONCLUSION = "conclusion"
    RECOMMENDATIONS = "recommendations"
    REFERENCES = "references"
    OTHER = "other"


# Order matters: the first pattern that matches the heading wins, so the more
# specific words ("recommendations") come before the general ones.
_PATTERNS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (SectionKind.REFERENCES,
         r"\b(references|bibliography|sources|works cited|endnotes|notes and references)\b"),
        (SectionKind.RECOMMENDATIONS,
         r"\b(recommendations?|policy options|what should be done|the way forward|way ahead"
         r"|calls? to action|next steps|policy implications)\b"),
        (SectionKind.CONCLUSION, r"\b(conclusions?|concluding|final (thoughts|remarks)|in sum)\b"),
        (SectionKind.PROSPECTS,
         r"\b(prospects?|outlook|scenarios?|future|what next|looking ahead|forecast)\b"),
        (SectionKind.REASONS,
         r"\b(reasons?|drivers?|causes?|factors|why|motives?|explaining|behind)\b"),
        (SectionKind.INDICATORS,
         r"\b(indicators?|evidence|signs|signals|developments|key events|timeline|trends?)\b"),
        (SectionKind.SUMMARY, r"\b(summary|key (points|findings|messages)|abstract|at a glance)\b"),
        (SectionKind.INTRODUCTION, r"\b(introduction|background|overview|context)\b"),
    )
)

_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[IVXLC]+|[A-Z])[.)]?\s+(?=\S)")


def strip_numbering(heading: str) -> str:
    """'2.1 Reasons' -> 'Reasons'; 'IV. Outlook' -> 'Outlook'."""
    return _NUMBERING.sub("", heading, count=1).strip()


# Headings that name a part outside the analysis: they never inherit their parent's part,
# so "Document metadata" under "References" is not read as reference entries.
_OUTSIDE = re.compile(
    r"\b(metadata|document information|about (the|this|us)|acknowledge?ments?|disclaimer|"
    r"colophon|licen[cs]e|copyright|imprint|appendi(x|ces)|annex(es)?)\b",
    re.IGNORECASE)


def names_outside_part(heading: str) -> bool:
    """True for "About the authors", "Document metadata", "Annex 2" and the like."""
    return _OUTSIDE.search(strip_numbering(heading)) is not None


def classify_section(heading: str) -> SectionKind:
    text = strip_numbering(heading)
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            return kind
    return SectionKind.OTHER
