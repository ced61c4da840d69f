"""The review at a glance, across briefs: what was tagged and by whom, where in the briefs,
how far the reference checks and recommendation decisions have come, which recommendations
recur across briefs in other words, what is still open, how far reviewers agree, and the
dated indicators on one timeline.

Which briefs
------------
Every brief in the store, each at its latest version (an earlier version's annotations were
carried to the next, so counting both would count them twice); or the one brief named with
`summary_of(store, brief=...)`, at the version it names (a title names the latest).

Speed
-----
A summary reads each table once, whatever the number of briefs (200 briefs of 50
annotations each take well under half a second), and groups the rows in Python. The
queries are read-only and live here, beside the one use they have, as
`services.annotations.resolve_annotation` does for its prefix search.

Recurring recommendations
-------------------------
Two recommendations of different briefs are the same one in other words when they share at
least two content words (words of three letters or more that are not function words,
plurals and -ing/-ed/-ly endings folded) and either they share more than half the content
words of the shorter, or rapidfuzz's `token_set_ratio` of their content words is at least
75 (of the content words, not the whole texts: "The X should fund the Y of the Z" shares
enough little words with any recommendation built alike to pass on those alone). Pairs
join into groups transitively; a group is reported when it spans at least two briefs.
Recommendations with the same content words are one from the start (a text repeated in
many briefs is compared once). To stay fast with thousands of recommendations, only pairs
sharing two words that are each in at most 40 distinct recommendations (or 1 in 20 of them,
if more) are compared: words as common as "support" or "government" find no pairs.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col

from reviewdesk.domain.brief import Block, BlockKind, Brief, Section, SourceFormat
from reviewdesk.domain.codebook import PATH_SEPARATOR
from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.indicator_dates import DateOrigin
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.domain.sections import SectionKind
from reviewdesk.domain.sentences import split_sentences

# The appendix's own helpers, so that a date here is always the date the appendix shows.
from reviewdesk.services.appendix import _Blocks, indicator_date, is_indicator
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store
from reviewdesk.storage.tables import (
    AnnotationRow,
    BlockRow,
    BriefRow,
    RecommendationRow,
    ReferenceRow,
    ReplyRow,
    ReviewerRow,
    SectionRow,
    TagRow,
)

NO_TAG = "(no tag)"
NO_ADDRESSEE = "(none)"
RECURRING_RATIO = 75.0
_MIN_SHARED_WORDS = 2
# A word in more than this many distinct recommendations (and more than 1 in
# _COMMON_WORD_SHARE of them) is not counted when finding the pairs to compare.
_COMMON_WORD_FLOOR = 40
_COMMON_WORD_SHARE = 20

REFERENCE_CHECKS = tuple(check.value for check in ReferenceCheck)
RECOMMENDATION_STATUSES = tuple(status.value for status in RecommendationStatus)
# A recommendation is decided once it has left "proposed", whatever the decision.
UNDECIDED = RecommendationStatus.PROPOSED.value
# Enum members by value, looked up once a row: calling the enum is slower.
_SECTION_KINDS = {kind.value: kind for kind in SectionKind}
_BLOCK_KINDS = {kind.value: kind for kind in BlockKind}
_DIGIT = re.compile(r"[0-9]")
_Day = date  # a field named `date` hides the type in TimelineEntry


@dataclass(frozen=True, slots=True)
class BriefTotals:
    id: str
    title: str
    version: int
    annotations: int
    references: Mapping[str, int]  # every ReferenceCheck value -> count
    recommendations_decided: int
    recommendations_total: int


@dataclass(frozen=True, slots=True)
class SectionCount:
    title: str
    kind: str
    annotations: int


@dataclass(frozen=True, slots=True)
class ReviewerProgress:
    annotations: int
    resolved: int
    replies: int  # replies the reviewer wrote


@dataclass(frozen=True, slots=True)
class OpenComment:
    brief: str
    id: str
    quote: str
    comment: str
    reviewer: str
    tag: str


@dataclass(frozen=True, slots=True)
class RecurringItem:
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


@dataclass(frozen=True, slots=True)
class Summary:
    briefs: tuple[BriefTotals, ...]
    tags: Mapping[str, Mapping[str, int]]  # brief id -> tag path -> annotations
    reviewers: Mapping[str, Mapping[str, int]]  # brief id -> reviewer -> annotations
    sections: Mapping[str, tuple[SectionCount, ...]]  # brief id -> its sections in order
    recommendation_statuses: Mapping[str, int]
    addressees: Mapping[str, int]
    recurring: tuple[tuple[RecurringItem, ...], ...]
    unresolved: tuple[OpenComment, ...]
    progress: Mapping[str, ReviewerProgress]
    agreement: Mapping[str, Mapping[str, Any]]  # brief id -> agreement report
    timeline: tuple[TimelineEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data, every mapping with sorted keys and every list in a fixed
        order: the same store gives the same dict (see docs/cli.md, "summary")."""
        tag_total: Counter[str] = Counter()
        top_level: Counter[str] = Counter()
        for counts in self.tags.values():
            for path, n in counts.items():
                tag_total[path] += n
                top_level[path.split(PATH_SEPARATOR, 1)[0]] += n
        reviewer_total: Counter[str] = Counter()
        for counts in self.reviewers.values():
            reviewer_total.update(counts)
        by_kind: Counter[str] = Counter()
        for sections in self.sections.values():
            for section in sections:
                by_kind[section.kind] += section.annotations
        references = {check: sum(b.references.get(check, 0) for b in self.briefs)
                      for check in REFERENCE_CHECKS}
        return {
            "briefs": [{"id": b.id, "title": b.title, "version": b.version,
                        "annotations": b.annotations,
                        "references": {c: b.references.get(c, 0) for c in REFERENCE_CHECKS},
                        "recommendations": {"decided": b.recommendations_decided,
                                            "total": b.recommendations_total}}
                       for b in self.briefs],
            "by_tag": {"total": _sorted(tag_total), "top_level": _sorted(top_level),
                       "per_brief": {k: _sorted(v) for k, v in sorted(self.tags.items())}},
            "by_reviewer": {"total": _sorted(reviewer_total),
                            "per_brief": {k: _sorted(v)
                                          for k, v in sorted(self.reviewers.items())}},
            "by_section": {"by_kind": {kind.value: by_kind.get(kind.value, 0)
                                       for kind in sorted(SectionKind, key=str)},
                           "per_brief": {k: [{"title": s.title, "kind": s.kind,
                                              "annotations": s.annotations} for s in v]
                                         for k, v in sorted(self.sections.items())}},
            "references": references,
            "recommendations": {
                "by_status": {s: self.recommendation_statuses.get(s, 0)
                              for s in sorted(RECOMMENDATION_STATUSES)},
                "by_addressee": _sorted(self.addressees),
                "decided": sum(b.recommendations_decided for b in self.briefs),
                "total": sum(b.recommendations_total for b in self.briefs)},
            "recurring_recommendations": [[{"brief": i.brief, "title": i.title, "text": i.text}
                                           for i in group] for group in self.recurring],
            "unresolved": [{"brief": c.brief, "id": c.id, "quote": c.quote,
                            "comment": c.comment, "reviewer": c.reviewer, "tag": c.tag}
                           for c in self.unresolved],
            "progress": {name: {"annotations": p.annotations, "resolved": p.resolved,
                                "replies": p.replies}
                         for name, p in sorted(self.progress.items())},
            "agreement": {k: dict(v) for k, v in sorted(self.agreement.items())},
            "timeline": [{"brief": t.brief, "date": t.date, "other_calendar": t.other_calendar,
                          "both_written": t.both_written, "text": t.text, "tag": t.tag,
                          "from": t.first.isoformat() if t.first else None,
                          "to": t.last.isoformat() if t.last else None,
                          "date_stated": t.origin == DateOrigin.STATED.value,
                          "date_origin": t.origin, "date_source": t.source}
                         for t in self.timeline],
        }


def _sorted(counts: Mapping[str, int]) -> dict[str, int]:
    return {key: counts[key] for key in sorted(counts)}


# --- Building the summary ----------------------------------------------------------------


@dataclass(slots=True)
class _Note:
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
class _Recommendation:
    brief_id: str
    position: int
    text: str
    addressee: str
    status: str


def summary_of(store: Store, brief: str | None = None) -> Summary:
    """The summary of every brief (each at its latest version), or of the one named by
    `brief` (its id, a unique start of it, or its title)."""
    with store.transaction() as tx:  # read everything, then let the database go
        only = resolve_brief(tx, brief) if brief is not None else None
        briefs = _briefs(tx, only)
        order = {b.id: index for index, b in enumerate(briefs)}
        notes = _notes(tx, order)
        replies = _replies(tx, order)
        references = _reference_counts(tx, order)
        recommendations = _recommendations(tx, order)
    return _summary(briefs, order, notes, replies, references, recommendations)


def _summary(briefs: Sequence[Brief], order: Mapping[str, int], notes: Sequence[_Note],
             replies: Sequence[str], references: Mapping[str, Counter[str]],
             recommendations: Sequence[_Recommendation]) -> Summary:
    by_id = {b.id: b for b in briefs}
    notes_of: dict[str, list[_Note]] = defaultdict(list)
    for note in notes:
        notes_of[note.brief_id].append(note)
    recommendations_of: dict[str, list[_Recommendation]] = defaultdict(list)
    for recommendation in recommendations:
        recommendations_of[recommendation.brief_id].append(recommendation)

    totals = tuple(BriefTotals(
        id=b.id, title=b.title, version=b.version, annotations=len(notes_of[b.id]),
        references={c: references.get(b.id, Counter()).get(c, 0) for c in REFERENCE_CHECKS},
        recommendations_decided=sum(r.status != UNDECIDED for r in recommendations_of[b.id]),
        recommendations_total=len(recommendations_of[b.id])) for b in briefs)

    tags = {b.id: dict(Counter(n.tag or NO_TAG for n in notes_of[b.id]))
            for b in briefs if notes_of[b.id]}
    reviewers = {b.id: dict(Counter(n.reviewer for n in notes_of[b.id]))
                 for b in briefs if notes_of[b.id]}
    sections = {b.id: _section_counts(b, notes_of[b.id]) for b in briefs}

    progress: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for note in notes:
        progress[note.reviewer][0] += 1
        progress[note.reviewer][1] += note.resolved
    for name in replies:
        progress[name][2] += 1

    unresolved = tuple(OpenComment(brief=n.brief_id, id=n.id, quote=n.quote,
                                   comment=n.comment, reviewer=n.reviewer, tag=n.tag or "")
                       for n in notes if not n.resolved and n.comment)
    return Summary(
        briefs=totals, tags=tags, reviewers=reviewers, sections=sections,
        recommendation_statuses=dict(Counter(r.status for r in recommendations)),
        addressees=dict(Counter(r.addressee or NO_ADDRESSEE for r in recommendations)),
        recurring=recurring_recommendations(
            [(r.brief_id, by_id[r.brief_id].title, r.text) for r in recommendations]),
        unresolved=unresolved,
        progress={name: ReviewerProgress(*counts) for name, counts in progress.items()},
        agreement=_agreement(briefs, notes_of),
        timeline=_timeline(briefs, notes_of, order))


def _briefs(tx: Transaction, only: str | None) -> list[Brief]:
    """The briefs summed up, each with its sections and blocks, in the order their first
    versions were imported: three queries, whatever their number."""
    statement = (sa_select(col(BriefRow.id), col(BriefRow.title), col(BriefRow.source_format),
                           col(BriefRow.text), col(BriefRow.version),
                           col(BriefRow.version_of))
                 .order_by(col(BriefRow.imported_at), col(BriefRow.title), col(BriefRow.id)))
    if only is not None:
        statement = statement.where(col(BriefRow.id) == only)
    rows = list(tx.session.execute(statement))
    # Each brief at its latest version, where its first version stood (dicts keep the order
    # in which their keys first came).
    latest: dict[str, Any] = {}
    for row in rows:
        root = row.version_of or row.id
        if root not in latest or row.version > latest[root].version:
            latest[root] = row
    briefs = {row.id: Brief(id=row.id, title=row.title,
                            source_format=SourceFormat(row.source_format), text=row.text,
                            sections=[], version=row.version, version_of=row.version_of)
              for row in latest.values()}

    sections: dict[str, Section] = {}
    section_rows = sa_select(col(SectionRow.id), col(SectionRow.brief_id),
                             col(SectionRow.title), col(SectionRow.kind), col(SectionRow.level))
    if only is not None:
        section_rows = section_rows.where(col(SectionRow.brief_id) == only)
    for row in tx.session.execute(section_rows.order_by(col(SectionRow.brief_id),
                                                     col(SectionRow.position))):
        if row.brief_id in briefs:
            section = Section(id=row.id, title=row.title, kind=_SECTION_KINDS[row.kind],
                              level=row.level)
            sections[row.id] = section
            briefs[row.brief_id].sections.append(section)

    table = BlockRow.__table__  # type: ignore[attr-defined]
    block_rows = sa_select(table.c.id, table.c.brief_id, table.c.section_id, table.c.kind,
                       table.c.text, table.c.start, table.c.end, table.c.level)
    if only is not None:
        block_rows = block_rows.where(table.c.brief_id == only)
    for row in tx.session.execute(block_rows.order_by(table.c.brief_id, table.c.position)):
        if row.section_id in sections:
            sections[row.section_id].blocks.append(Block(
                id=row.id, kind=_BLOCK_KINDS[row.kind], text=row.text, start=row.start,
                end=row.end, locator="", level=row.level))
    return list(briefs.values())


def _notes(tx: Transaction, order: Mapping[str, int]) -> list[_Note]:
    """Every annotation of the briefs, in brief order and then text order."""
    paths = _tag_paths(tx)
    names = dict(tx.session.execute(sa_select(col(ReviewerRow.id), col(ReviewerRow.name))).all())
    table = AnnotationRow.__table__  # type: ignore[attr-defined]
    statement = sa_select(table.c.id, table.c.brief_id, table.c.tag_id, table.c.reviewer_id,
                          table.c.comment, table.c.status, table.c.exact, table.c.start,
                          table.c.end, table.c.date)
    if len(order) == 1:
        statement = statement.where(table.c.brief_id == next(iter(order)))
    resolved = AnnotationStatus.RESOLVED.value
    notes = [_Note(id=id_, brief_id=brief_id, tag=paths.get(tag_id) if tag_id else None,
                   reviewer=names.get(reviewer_id, "?"), comment=comment,
                   resolved=status == resolved, quote=exact, start=start, end=end, date=date)
             for id_, brief_id, tag_id, reviewer_id, comment, status, exact, start, end, date
             in tx.session.execute(statement) if brief_id in order]
    notes.sort(key=lambda n: (order[n.brief_id], n.start, n.end, n.id))
    return notes


def _tag_paths(tx: Transaction) -> dict[str, str]:
    """Every tag's path from its root ("Indicator › economic"), whatever its codebook."""
    rows = {row.id: (row.name, row.parent_id) for row in tx.session.execute(
        sa_select(col(TagRow.id), col(TagRow.name), col(TagRow.parent_id)))}
    paths: dict[str, str] = {}
    for tag_id in rows:
        names: list[str] = []
        current: str | None = tag_id
        while current is not None and current in rows and len(names) <= len(rows):
            name, current = rows[current]
            names.append(name)
        paths[tag_id] = PATH_SEPARATOR.join(reversed(names))
    return paths


def _replies(tx: Transaction, order: Mapping[str, int]) -> list[str]:
    """The author's name of every reply to an annotation of the briefs."""
    names = dict(tx.session.execute(sa_select(col(ReviewerRow.id), col(ReviewerRow.name))).all())
    statement = (sa_select(col(ReplyRow.reviewer_id), col(AnnotationRow.brief_id))
                 .join(AnnotationRow, col(AnnotationRow.id) == col(ReplyRow.annotation_id)))
    return [names.get(reviewer_id, "?")
            for reviewer_id, brief_id in tx.session.execute(statement) if brief_id in order]


def _reference_counts(tx: Transaction, order: Mapping[str, int]) -> dict[str, Counter[str]]:
    statement = (sa_select(col(ReferenceRow.brief_id), col(ReferenceRow.check_status),
                           func.count())
                 .group_by(col(ReferenceRow.brief_id), col(ReferenceRow.check_status)))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for brief_id, check, n in tx.session.execute(statement):
        if brief_id in order:
            counts[brief_id][check] += n
    return counts


def _recommendations(tx: Transaction, order: Mapping[str, int]) -> list[_Recommendation]:
    statement = sa_select(col(RecommendationRow.brief_id), col(RecommendationRow.position),
                          col(RecommendationRow.text), col(RecommendationRow.addressee),
                          col(RecommendationRow.status), col(RecommendationRow.id))
    rows = sorted((row for row in tx.session.execute(statement) if row.brief_id in order),
                  key=lambda row: (order[row.brief_id], row.position, row.id))
    return [_Recommendation(brief_id=row.brief_id, position=row.position, text=row.text,
                            addressee=row.addressee.strip(), status=row.status)
            for row in rows]


def _section_counts(brief: Brief, notes: Sequence[_Note]) -> tuple[SectionCount, ...]:
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
               notes_of: Mapping[str, Sequence[_Note]]) -> dict[str, dict[str, Any]]:
    """The agreement report of each brief that two or more reviewers tagged; {} while
    `reviewdesk.domain.agreement` is not there."""
    try:
        module = importlib.import_module("reviewdesk.domain.agreement")
        span_type, report = module.Span, module.agreement_report
    except (ImportError, AttributeError):
        return {}
    reports: dict[str, dict[str, Any]] = {}
    for brief in briefs:
        spans = [span_type(n.reviewer, n.tag, n.start, n.end) for n in notes_of.get(brief.id, ())
                 if n.tag is not None and n.start < n.end]
        if len({span.reviewer for span in spans}) < 2:
            continue
        reports[brief.id] = report(spans, sentence_spans(brief), len(brief.text)).to_dict()
    return reports


def sentence_spans(brief: Brief) -> list[tuple[int, int]]:
    """(start, end) in the brief's text of every sentence of every block."""
    return [(sentence.start, sentence.end) for block in brief.blocks
            for sentence in split_sentences(block.text, block.start)]


# --- Timeline ------------------------------------------------------------------------------


def _timeline(briefs: Sequence[Brief], notes_of: Mapping[str, Sequence[_Note]],
              order: Mapping[str, int]) -> tuple[TimelineEntry, ...]:
    """Every indicator annotation that has a date (stated, inferred or set by a reviewer),
    earliest first (those whose date cannot be read as a period last), then in brief and
    text order. Reviewers who tagged the same event give one entry: a note whose words
    overlap an earlier one's, with the same dates, is left out."""
    keyed: list[tuple[tuple[Any, ...], TimelineEntry]] = []
    for brief in briefs:
        blocks = _Blocks(brief)
        kept: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for note in notes_of.get(brief.id, ()):
            if not is_indicator(note.tag):
                continue
            found = indicator_date(brief, note.start, note.end, note.quote, blocks, note.date)
            if not found.date.text:
                continue
            spans = kept[found.date.text, found.other]
            if any(s < note.end and note.start < e for s, e in spans):
                continue
            spans.append((note.start, note.end))
            first, last = found.date.period or (None, None)
            keyed.append(((first or _Day.max, last or _Day.max, order[brief.id], note.start,
                           note.end),
                          TimelineEntry(brief=brief.id, date=found.date.text,
                                        other_calendar=found.other,
                                        both_written=found.both_written, text=note.quote,
                                        tag=note.tag or "", first=first, last=last,
                                        origin=found.date.origin.value,
                                        source=found.date.source)))
    keyed.sort(key=lambda item: item[0])
    return tuple(entry for _, entry in keyed)


# --- Recurring recommendations ------------------------------------------------------------

_FUNCTION_WORD_TEXT = """
a about above across after again against all along also although am among an and any are
around as at be because been before behind being below beside between beyond both but by can
could did do does doing down during each either few for from further had has have having he
her here hers him his how however if in inside into is it its itself just may might more
most must near need needs no nor not now of off on once only onto or other ought our ours
out outside over own per same shall she should since so some such than that the their
theirs them then there these they this those though through thus to too toward towards
under until up upon very via was we were what when where which while who whom whose why
will with within without would yet you your
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+")


def content_words(text: str) -> frozenset[str]:
    """The words of `text` that carry its meaning, folded: "Donors should fund the patrols"
    -> {"donor", "fund", "patrol"}."""
    words = set()
    for word in _WORD.findall(text.casefold()):
        if len(word) < 3 or word in _FUNCTION_WORDS:
            continue
        words.add(_stem(word))
    return frozenset(words)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for ending in ("ing", "ed", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def same_recommendation(a: str, b: str) -> bool:
    """True when `a` and `b` read as one recommendation in different words (see the
    module docstring)."""
    return _same(content_words(a), content_words(b))


def _same(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    shared = len(words_a & words_b)
    if shared < _MIN_SHARED_WORDS:
        return False
    if 2 * shared > min(len(words_a), len(words_b)):
        return True
    # On the content words: "the", "should" and "of the" shared by two recommendations
    # built alike would lift the ratio of their whole texts.
    return fuzz.token_set_ratio(" ".join(sorted(words_a)), " ".join(sorted(words_b)),
                                processor=None) >= RECURRING_RATIO


def recurring_recommendations(
        items: Sequence[tuple[str, str, str]]) -> tuple[tuple[RecurringItem, ...], ...]:
    """Groups of the same recommendation made by different briefs. `items` are (brief id,
    brief title, text) in summary order; each group keeps that order, and the groups are
    in the order of their first item."""
    # Recommendations with the same content words are one from the start: a text repeated
    # in 200 briefs is compared once.
    kinds: dict[frozenset[str], int] = {}
    kind_of = [kinds.setdefault(content_words(text), len(kinds)) for _, _, text in items]
    words = list(kinds)
    briefs_of: list[set[str]] = [set() for _ in words]
    for (brief, _, _), kind in zip(items, kind_of, strict=True):
        briefs_of[kind].add(brief)
    postings: dict[str, list[int]] = defaultdict(list)
    for kind, found in enumerate(words):
        for word in found:
            postings[word].append(kind)
    # Pairs to compare: those sharing two words, counted over the words that are not in a
    # great many recommendations ("fund", "government"), which would make every pair a
    # candidate (and sharing only those makes no recurrence).
    common = max(_COMMON_WORD_FLOOR, len(words) // _COMMON_WORD_SHARE)
    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, found in enumerate(words):
        # The later kinds sharing words with this one, counted in a dict of numbers: pairs
        # as tuples would be tens of thousands of objects for the garbage collector.
        shared: dict[int, int] = {}
        for word in found:
            later = postings[word]
            if len(later) <= common:
                for j in later[bisect_right(later, i):]:
                    shared[j] = shared.get(j, 0) + 1
        for j in sorted(shared):
            if (shared[j] < _MIN_SHARED_WORDS or len(briefs_of[i] | briefs_of[j]) < 2
                    or root(i) == root(j)):
                continue
            if _same(found, words[j]):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for index, kind in enumerate(kind_of):
        if len(words[kind]) >= _MIN_SHARED_WORDS:
            groups[root(kind)].append(index)
    return tuple(tuple(RecurringItem(*items[i]) for i in members)
                 for _, members in sorted(groups.items())
                 if len({items[i][0] for i in members}) >= 2)
