"""The brief's recommendations as a list, each with the actor it asks to act.

Read from the recommendations part (recommendation_regions, recommendation_items); when
the brief has none, or nothing in it asks, from what the brief asks elsewhere
(recommendation_elsewhere). The words of every language are in recommendation_words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.recommendation_addressee import addressee, label_actor
from reviewdesk.domain.recommendation_echo import with_echoed_actors
from reviewdesk.domain.recommendation_elsewhere import stated_elsewhere
from reviewdesk.domain.recommendation_items import Found, region_items
from reviewdesk.domain.recommendation_regions import recommendation_regions

__all__ = ["RecommendationItem", "addressee", "extract_recommendations", "label_actor"]

# A line on this many pages is a running header or footer; longer lines are never one.
_FOOTER_REPEATS = 2
_FOOTER_WORDS = 12


@dataclass(frozen=True, slots=True)
class RecommendationItem:
    index: int  # 1-based
    text: str
    addressee: str
    block_id: str | None


def extract_recommendations(brief: Brief) -> list[RecommendationItem]:
    """Every recommendation of the brief in reading order, with its addressee ("" when
    the brief names none for it)."""
    footers = _footers(brief)
    read = [(region, region_items(region, footers)) for region in recommendation_regions(brief)]
    summarised: list[Found] = []
    if any(items for region, items in read if not region.summary):
        summarised = [item for region, items in read if region.summary for item in items]
        read = [(region, items) for region, items in read if not region.summary]
    found: list[Found] = [item for _, items in read for item in items]
    if not found:
        found = stated_elsewhere(brief, footers)
    found = with_echoed_actors(brief, found, summarised)
    return [RecommendationItem(index, item.text, item.addressee, item.block_id)
            for index, item in enumerate(found, start=1)]


def _footers(brief: Brief) -> frozenset[str]:
    """Short lines that recur on different pages of a paged source: running headers and
    footers. (A label repeated in a Word or HTML brief, such as "Rationale", is none.)"""
    pages = {(block.text.strip(), block.page) for block in brief.blocks
             if block.page is not None and len(block.text.split()) <= _FOOTER_WORDS}
    counts = Counter(text for text, _ in pages)
    return frozenset(text for text, count in counts.items() if count >= _FOOTER_REPEATS)
