"""The review at a glance, across briefs: what was tagged and by whom, where in the briefs,
how far the reference checks and recommendation decisions have come, which recommendations
recur across briefs in other words (`domain.recurring`), what is still open, how far
reviewers agree (`domain.agreement`), and the dated indicators on one timeline. The result
is a `domain.summary.Summary`.

Which briefs
------------
Every brief in the store, each at its latest version (an earlier version's annotations were
carried to the next, so counting both would count them twice); or the one brief named with
`summary_of(store, brief=...)`, at the version it names (a title names the latest).

Speed
-----
A summary reads each table once, whatever the number of briefs (200 briefs of 50
annotations each take well under half a second), and groups the rows in Python. The
queries are read-only and live in `storage.summary` (`tx.summary`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewdesk.domain.agreement import AgreementReport, Span, agreement_report

# The appendix's own helpers, so that a date here is always the date the appendix shows.
from reviewdesk.domain.appendix import Blocks, indicator_date, is_indicator
from reviewdesk.domain.brief import Brief
from reviewdesk.domain.recurring import recurring_recommendations
from reviewdesk.domain.sentences import split_sentences
from reviewdesk.domain.summary import (
    NO_ADDRESSEE,
    NO_TAG,
    REFERENCE_CHECKS,
    UNDECIDED,
    BriefTotals,
    OpenComment,
    ReviewerProgress,
    SectionCount,
    Summary,
    SummaryNote,
    SummaryRecommendation,
    TimelineEntry,
)
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.storage.store import Store

__all__ = ["NO_TAG", "SummaryWithTexts", "compute_summary", "sentence_spans", "summary_of"]


@dataclass(frozen=True, slots=True)
class SummaryWithTexts:
    """A summary and the text of each brief with an agreement report, to quote the
    sentences its reviewers tagged differently."""

    summary: Summary
    texts: Mapping[str, str] = field(default_factory=dict)


def summary_of(store: Store, brief: str | None = None) -> Summary:
    """The summary of every brief (each at its latest version), or of the one named by
    `brief` (its id, a unique start of it, or its title)."""
    return compute_summary(store, brief).summary


def compute_summary(store: Store, brief: str | None = None) -> SummaryWithTexts:
    """`summary_of`, with the texts the summary window quotes (any thread may call it)."""
    with store.transaction() as tx:  # read everything, then let the database go
        only = resolve_brief(tx, brief) if brief is not None else None
        briefs = tx.summary.briefs(only)
        order = {b.id: index for index, b in enumerate(briefs)}
        facts = _Facts(briefs, order, tx.summary.notes(order), tx.summary.reply_authors(order),
                       tx.summary.reference_counts(order), tx.summary.recommendations(order))
    summary = facts.summary()
    texts = {b.id: b.text for b in briefs if b.id in summary.agreement}
    return SummaryWithTexts(summary, texts)


class _Facts:
    """What was read of the briefs summed up, grouped by brief; `summary()` counts it."""

    def __init__(self, briefs: Sequence[Brief], order: Mapping[str, int],
                 notes: Sequence[SummaryNote], replies: Sequence[str],
                 references: Mapping[str, Counter[str]],
                 recommendations: Sequence[SummaryRecommendation]) -> None:
        self.briefs, self.order, self.notes, self.replies = briefs, order, notes, replies
        self.references, self.recommendations = references, recommendations
        self.notes_of: dict[str, list[SummaryNote]] = defaultdict(list)
        for note in notes:
            self.notes_of[note.brief_id].append(note)
        self.recommendations_of: dict[str, list[SummaryRecommendation]] = defaultdict(list)
        for recommendation in recommendations:
            self.recommendations_of[recommendation.brief_id].append(recommendation)

    def summary(self) -> Summary:
        briefs, notes_of, recommendations = self.briefs, self.notes_of, self.recommendations
        titles = {b.id: b.title for b in briefs}
        return Summary(
            briefs=tuple(self._totals(b) for b in briefs),
            tags={b.id: dict(Counter(n.tag or NO_TAG for n in notes_of[b.id]))
                  for b in briefs if notes_of[b.id]},
            reviewers={b.id: dict(Counter(n.reviewer for n in notes_of[b.id]))
                       for b in briefs if notes_of[b.id]},
            sections={b.id: _section_counts(b, notes_of[b.id]) for b in briefs},
            recommendation_statuses=dict(Counter(r.status for r in recommendations)),
            addressees=dict(Counter(r.addressee or NO_ADDRESSEE for r in recommendations)),
            recurring=recurring_recommendations(
                [(r.brief_id, titles[r.brief_id], r.text) for r in recommendations]),
            unresolved=tuple(OpenComment(brief=n.brief_id, id=n.id, quote=n.quote,
                                         comment=n.comment, reviewer=n.reviewer,
                                         tag=n.tag or "")
                             for n in self.notes if not n.resolved and n.comment),
            progress=self._progress(),
            agreement=_agreement(briefs, notes_of),
            timeline=_timeline(briefs, notes_of, self.order))

    def _totals(self, brief: Brief) -> BriefTotals:
        references = self.references.get(brief.id, Counter())
        recommendations = self.recommendations_of[brief.id]
        return BriefTotals(
            id=brief.id, title=brief.title, version=brief.version,
            annotations=len(self.notes_of[brief.id]),
            references={c: references.get(c, 0) for c in REFERENCE_CHECKS},
            recommendations_decided=sum(r.status != UNDECIDED for r in recommendations),
            recommendations_total=len(recommendations))

    def _progress(self) -> dict[str, ReviewerProgress]:
        progress: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for note in self.notes:
            progress[note.reviewer][0] += 1
            progress[note.reviewer][1] += note.resolved
        for name in self.replies:
            progress[name][2] += 1
        return {name: ReviewerProgress(*counts) for name, counts in progress.items()}


def _section_counts(brief: Brief, notes: Sequence[SummaryNote]) -> tuple[SectionCount, ...]:
    """Each section of the brief with the annotations that start in it (a section runs from
    its first block to the next section's first block)."""
    placed = [(s.blocks[0].start, index) for index, s in enumerate(brief.sections) if s.blocks]
    starts = [start for start, _ in placed]
    counts = [0] * len(brief.sections)
    for note in notes:
        at = bisect_right(starts, note.start) - 1
        if placed:
            counts[placed[max(at, 0)][1]] += 1
    return tuple(SectionCount(title=s.title, kind=s.kind.value, annotations=n)
                 for s, n in zip(brief.sections, counts, strict=True))


# --- Agreement -----------------------------------------------------------------------------


def _agreement(briefs: Sequence[Brief],
               notes_of: Mapping[str, Sequence[SummaryNote]]) -> dict[str, AgreementReport]:
    """The agreement report of each brief that two or more reviewers tagged."""
    reports: dict[str, AgreementReport] = {}
    for brief in briefs:
        spans = [Span(n.reviewer, n.tag, n.start, n.end) for n in notes_of.get(brief.id, ())
                 if n.tag is not None and n.start < n.end]
        if len({span.reviewer for span in spans}) < 2:
            continue
        reports[brief.id] = agreement_report(spans, sentence_spans(brief), len(brief.text))
    return reports


def sentence_spans(brief: Brief) -> list[tuple[int, int]]:
    """(start, end) in the brief's text of every sentence of every block."""
    return [(sentence.start, sentence.end) for block in brief.blocks
            for sentence in split_sentences(block.text, block.start)]


# --- Timeline ------------------------------------------------------------------------------


def _timeline(briefs: Sequence[Brief], notes_of: Mapping[str, Sequence[SummaryNote]],
              order: Mapping[str, int]) -> tuple[TimelineEntry, ...]:
    """Every indicator annotation that has a date (stated, inferred or set by a reviewer),
    earliest first (those whose date cannot be read as a period last), then in brief and
    text order. Reviewers who tagged the same event give one entry: a note whose words
    overlap an earlier one's, with the same dates, is left out."""
    keyed: list[tuple[tuple[Any, ...], TimelineEntry]] = []
    for brief in briefs:
        blocks = Blocks(brief)
        kept: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for note in notes_of.get(brief.id, ()):
            entry = _dated(brief, note, blocks, kept)
            if entry is not None:
                keyed.append(((entry.first or date.max, entry.last or date.max,
                               order[brief.id], note.start, note.end), entry))
    keyed.sort(key=lambda item: item[0])
    return tuple(entry for _, entry in keyed)


def _dated(brief: Brief, note: SummaryNote, blocks: Blocks,
           kept: dict[tuple[str, str], list[tuple[int, int]]]) -> TimelineEntry | None:
    """The note's timeline entry; None when it is no dated indicator, or when an earlier
    note of the brief (its words in `kept`, by dates) overlaps it with the same dates."""
    if not is_indicator(note.tag):
        return None
    found = indicator_date(brief, note.start, note.end, note.quote, blocks, note.date)
    if not found.date.text:
        return None
    spans = kept[found.date.text, found.other]
    if any(s < note.end and note.start < e for s, e in spans):
        return None
    spans.append((note.start, note.end))
    first, last = found.date.period or (None, None)
    return TimelineEntry(brief=brief.id, date=found.date.text, other_calendar=found.other,
                         both_written=found.both_written, text=note.quote,
                         tag=note.tag or "", first=first, last=last,
                         origin=found.date.origin.value, source=found.date.source)
