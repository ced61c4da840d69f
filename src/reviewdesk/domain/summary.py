"""The review summary across briefs as typed data: what `services.summary` fills in and
the summary window, its charts, the report and the CLI read. Totals are properties, so
they are always the sums of the figures they total; `Summary.to_dict()` is the JSON of
`reviewdesk summary --json` (see docs/cli.md, "summary")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewdesk.domain.agreement import AgreementReport
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.indicator_dates import DateOrigin
from reviewdesk.domain.sections import SectionKind

NO_TAG = "(no tag)"
NO_ADDRESSEE = "(none)"
REFERENCE_CHECKS = tuple(check.value for check in ReferenceCheck)
RECOMMENDATION_STATUSES = tuple(status.value for status in RecommendationStatus)
# A recommendation is decided once it has left "proposed", whatever the decision.
UNDECIDED = RecommendationStatus.PROPOSED.value
_Day = date  # a field named `date` hides the type in TimelineEntry


# --- What the summary is made from -----------------------------------------------------------


@dataclass(slots=True)
class SummaryNote:
    """One annotation as the summary counts it: its tag as a path, its reviewer's name."""

    id: str
    brief_id: str
    tag: str | None
    reviewer: str
    comment: str
    resolved: bool
    quote: str
    start: int
    end: int
    date: str | None = None  # set by a reviewer


@dataclass(slots=True)
class SummaryRecommendation:
    """One recommendation as the summary counts it (addressee stripped)."""

    brief_id: str
    position: int
    text: str
    addressee: str
    status: str


# --- The summary -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BriefTotals:
    """One brief's own figures; `references` holds every ReferenceCheck value."""

    id: str
    title: str
    version: int
    annotations: int
    references: Mapping[str, int]  # every ReferenceCheck value -> count
    recommendations_decided: int
    recommendations_total: int

    @property
    def label(self) -> str:
        """The brief as a list shows it: its title, or the start of its id."""
        return self.title or self.id[:8]

    def checked(self, check: str) -> int:
        """How many of the brief's references have the check `check`."""
        return self.references.get(check, 0)


@dataclass(frozen=True, slots=True)
class SectionCount:
    """A section of a brief and the annotations that start in it."""

    title: str
    kind: str
    annotations: int


@dataclass(frozen=True, slots=True)
class ReviewerProgress:
    """What one reviewer did: annotations made, of them resolved, and replies written."""

    annotations: int
    resolved: int
    replies: int  # replies the reviewer wrote


@dataclass(frozen=True, slots=True)
class OpenComment:
    """An unresolved annotation with a comment; `tag` is "" when it has none."""

    brief: str
    id: str
    quote: str
    comment: str
    reviewer: str
    tag: str


@dataclass(frozen=True, slots=True)
class RecurringItem:
    """One recommendation of a recurring group: its brief (id and title) and text."""

    brief: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated indicator: `date` as written, `other_calendar` the same date in the other
    calendar (written beside it when `both_written`, else converted); `first` and `last`
    the Gregorian days the written date covers (None when it cannot be read again);
    `origin` whether the brief states the date, it was inferred (from `source`) or a
    reviewer set it."""

    brief: str
    date: str
    other_calendar: str
    both_written: bool
    text: str
    tag: str
    first: _Day | None
    last: _Day | None
    origin: str = DateOrigin.STATED.value
    source: str = ""

    @property
    def first_iso(self) -> str | None:
        return self.first.isoformat() if self.first else None

    @property
    def last_iso(self) -> str | None:
        return self.last.isoformat() if self.last else None


def _empty() -> Any:
    return field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Summary:
    """The review at a glance (`Summary()` is that of an empty store). Mappings keyed by
    brief id hold the briefs in `briefs`; every total below is computed from the figures,
    and each mapping a property gives is in the order of `to_dict()` (sorted keys)."""

    briefs: tuple[BriefTotals, ...] = ()
    tags: Mapping[str, Mapping[str, int]] = _empty()  # brief id -> tag path -> annotations
    reviewers: Mapping[str, Mapping[str, int]] = _empty()  # brief id -> reviewer -> count
    sections: Mapping[str, tuple[SectionCount, ...]] = _empty()  # brief id -> its sections
    recommendation_statuses: Mapping[str, int] = _empty()
    addressees: Mapping[str, int] = _empty()
    recurring: tuple[tuple[RecurringItem, ...], ...] = ()
    unresolved: tuple[OpenComment, ...] = ()
    progress: Mapping[str, ReviewerProgress] = _empty()
    agreement: Mapping[str, AgreementReport] = _empty()  # brief id -> its reviewers' agreement
    timeline: tuple[TimelineEntry, ...] = ()

    @property
    def labels(self) -> dict[str, str]:
        """Brief id -> the brief's label (its title, or the start of its id)."""
        return {b.id: b.label for b in self.briefs}

    # Totals over the briefs

    @property
    def annotation_total(self) -> int:
        return sum(b.annotations for b in self.briefs)

    @property
    def tag_totals(self) -> dict[str, int]:
        """Tag path -> annotations, over every brief."""
        total: Counter[str] = Counter()
        for counts in self.tags.values():
            total.update(counts)
        return _sorted(total)

    @property
    def top_level_tags(self) -> dict[str, int]:
        """Top-level tag -> annotations with it or one of its sub-tags."""
        total: Counter[str] = Counter()
        for path, n in self.tag_totals.items():
            total[path.split(PATH_SEPARATOR, 1)[0]] += n
        return _sorted(total)

    @property
    def reviewer_totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for counts in self.reviewers.values():
            total.update(counts)
        return _sorted(total)

    @property
    def section_kinds(self) -> dict[str, int]:
        """Every kind of section -> the annotations in sections of that kind."""
        by_kind: Counter[str] = Counter()
        for sections in self.sections.values():
            for section in sections:
                by_kind[section.kind] += section.annotations
        return {kind.value: by_kind.get(kind.value, 0) for kind in sorted(SectionKind, key=str)}

    @property
    def reference_totals(self) -> dict[str, int]:
        """Every reference check -> entries, in the order of ReferenceCheck."""
        return {check: sum(b.checked(check) for b in self.briefs) for check in REFERENCE_CHECKS}

    @property
    def status_counts(self) -> dict[str, int]:
        """Every recommendation status -> recommendations."""
        return {s: self.recommendation_statuses.get(s, 0) for s in sorted(RECOMMENDATION_STATUSES)}

    @property
    def addressee_counts(self) -> dict[str, int]:
        return _sorted(self.addressees)

    @property
    def recommendations_decided(self) -> int:
        return sum(b.recommendations_decided for b in self.briefs)

    @property
    def recommendations_total(self) -> int:
        return sum(b.recommendations_total for b in self.briefs)

    @property
    def reviewer_progress(self) -> dict[str, ReviewerProgress]:
        """Reviewer name -> progress, by name."""
        return {name: self.progress[name] for name in sorted(self.progress)}

    @property
    def agreement_reports(self) -> dict[str, AgreementReport]:
        """Brief id -> agreement report, by brief id."""
        return {brief_id: self.agreement[brief_id] for brief_id in sorted(self.agreement)}

    # Figures of one brief

    def tags_in(self, brief_id: str) -> dict[str, int]:
        """Tag path -> annotations in one brief ({} for a brief without any)."""
        return _sorted(self.tags.get(brief_id, {}))

    def reviewers_in(self, brief_id: str) -> dict[str, int]:
        return _sorted(self.reviewers.get(brief_id, {}))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data, every mapping with sorted keys and every list in a fixed
        order: the same store gives the same dict (see docs/cli.md, "summary")."""
        return {
            "briefs": [_brief_dict(b) for b in self.briefs],
            "by_tag": {"total": self.tag_totals, "top_level": self.top_level_tags,
                       "per_brief": {k: _sorted(v) for k, v in sorted(self.tags.items())}},
            "by_reviewer": {"total": self.reviewer_totals,
                            "per_brief": {k: _sorted(v)
                                          for k, v in sorted(self.reviewers.items())}},
            "by_section": {"by_kind": self.section_kinds,
                           "per_brief": {k: [{"title": s.title, "kind": s.kind,
                                              "annotations": s.annotations} for s in v]
                                         for k, v in sorted(self.sections.items())}},
            "references": self.reference_totals,
            "recommendations": {"by_status": self.status_counts,
                                "by_addressee": self.addressee_counts,
                                "decided": self.recommendations_decided,
                                "total": self.recommendations_total},
            "recurring_recommendations": [[{"brief": i.brief, "title": i.title, "text": i.text}
                                           for i in group] for group in self.recurring],
            "unresolved": [{"brief": c.brief, "id": c.id, "quote": c.quote,
                            "comment": c.comment, "reviewer": c.reviewer, "tag": c.tag}
                           for c in self.unresolved],
            "progress": {name: {"annotations": p.annotations, "resolved": p.resolved,
                                "replies": p.replies}
                         for name, p in self.reviewer_progress.items()},
            "agreement": {k: v.to_dict() for k, v in self.agreement_reports.items()},
            "timeline": [_timeline_dict(t) for t in self.timeline],
        }


def _sorted(counts: Mapping[str, int]) -> dict[str, int]:
    return {key: counts[key] for key in sorted(counts)}


def _brief_dict(brief: BriefTotals) -> dict[str, Any]:
    return {"id": brief.id, "title": brief.title, "version": brief.version,
            "annotations": brief.annotations,
            "references": {c: brief.checked(c) for c in REFERENCE_CHECKS},
            "recommendations": {"decided": brief.recommendations_decided,
                                "total": brief.recommendations_total}}


def _timeline_dict(entry: TimelineEntry) -> dict[str, Any]:
    return {"brief": entry.brief, "date": entry.date, "other_calendar": entry.other_calendar,
            "both_written": entry.both_written, "text": entry.text, "tag": entry.tag,
            "from": entry.first_iso, "to": entry.last_iso,
            "date_stated": entry.origin == DateOrigin.STATED.value,
            "date_origin": entry.origin, "date_source": entry.source}
