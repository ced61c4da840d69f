"""The review appendix of an exported brief, filled from the store: the indicators tagged,
the reference check and the recommendations tracker. What each row holds, and how an
indicator's dates are found, is `domain.appendix`."""

from __future__ import annotations

from collections.abc import Sequence

from reviewdesk.domain.appendix import (
    AppendixData,
    Blocks,
    RecommendationRow,
    ReferenceRow,
    indicator_row,
    is_indicator,
)
from reviewdesk.domain.brief import Brief
from reviewdesk.domain.references import flag_words
from reviewdesk.domain.views import AnnotationView
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.storage.store import Store


def appendix_data(store: Store, brief: Brief,
                  annotations: Sequence[AnnotationView]) -> AppendixData:
    """The appendix of `brief`: `annotations` (those the export includes) give the
    indicators; the store gives the reference checks and the recommendations."""
    blocks = Blocks(brief)
    indicators = tuple(indicator_row(brief, view, blocks) for view in
                       sorted((a for a in annotations if is_indicator(a.tag)),
                              key=lambda a: (a.start, a.end)))
    references = tuple(ReferenceRow(position=t.reference.position + 1,
                                    entry=t.reference.raw,
                                    status=str(t.reference.check),
                                    flags=flag_words(t.reference),
                                    note=t.reference.note)
                       for t in references_of(store, brief.id))
    recommendations = tuple(
        RecommendationRow(position=r.position + 1, text=r.text, addressee=r.addressee,
                          priority=r.priority, status=str(r.status).replace("_", " "),
                          owner=r.owner, due=r.due.isoformat() if r.due else "")
        for r in (t.recommendation for t in recommendations_of(store, brief.id)))
    return AppendixData(indicators, references, recommendations)

