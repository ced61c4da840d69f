"""The reference list and recommendations read from a brief when it is imported."""

from __future__ import annotations

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.findings import Recommendation, Reference
from reviewdesk.domain.recommendations import extract_recommendations
from reviewdesk.domain.references import analyse_references


def initial_findings(brief: Brief) -> tuple[list[Reference], list[Recommendation]]:
    """The reference list and the recommendations as first read from the brief; stored
    with it at import, they then carry the reviewer's checks and decisions."""
    report = analyse_references(brief)
    references = [Reference(brief_id=brief.id, position=entry.index - 1, raw=entry.text,
                            author=entry.author, date_text=entry.date_text, title=entry.title,
                            container=entry.container, url=entry.url, flags=list(entry.flags),
                            duplicate_of=entry.duplicate_of, block_id=entry.block_id)
                  for entry in report.entries]
    recommendations = [Recommendation(brief_id=brief.id, position=item.index - 1,
                                      text=item.text, addressee=item.addressee,
                                      block_id=item.block_id)
                       for item in extract_recommendations(brief)]
    return references, recommendations
