"""What the brief itself says about its review: references, recommendations, dated events,
calendar checks and which claims have a source."""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.domain.brief import Brief
from reviewdesk.domain.claims import ClaimSupport, claim_support
from reviewdesk.domain.dates import DateCheck, date_checks
from reviewdesk.domain.findings import Recommendation, Reference
from reviewdesk.domain.indicators import IndicatorCandidate, indicator_candidates
from reviewdesk.domain.references import analyse_references
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.storage.store import Store


@dataclass(frozen=True, slots=True)
class BriefAnalysis:
    """What the brief's own text says about its review: its references (as stored, with their
    checks), the citations that match no entry, its recommendations, the dated events that may be
    indicators, the calendar checks of its dates and which claims have a source."""

    references: list[Reference]
    citations_without_reference: list[str]
    recommendations: list[Recommendation]
    indicator_candidates: list[IndicatorCandidate]
    date_checks: list[DateCheck]
    claim_support: list[ClaimSupport]


def analyse(store: Store, reference: str, brief: Brief | None = None) -> BriefAnalysis:
    """Read the brief's findings; pass `brief` when it is already loaded."""
    with store.transaction() as tx:
        brief = brief or tx.briefs.get(resolve_brief(tx, reference))
        assert brief is not None
        references = tx.findings.references(brief.id)
        recommendations = tx.findings.recommendations(brief.id)
    report = analyse_references(brief)
    return BriefAnalysis(
        references=references,
        citations_without_reference=report.citations_without_reference,
        recommendations=recommendations,
        indicator_candidates=indicator_candidates(brief),
        date_checks=date_checks(brief.text),
        claim_support=claim_support(brief, report.entries, report.citations),
    )
