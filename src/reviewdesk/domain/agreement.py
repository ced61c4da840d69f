"""Agreement between reviewers who annotated the same brief: span precision/recall/F1,
Cohen's kappa on sentence units, Krippendorff's unitized alpha, and where they differ.

Pure functions, no Qt, no database. The brief is one text of `length` characters; every
annotation is a half-open span [start, end) with a tag path ("Indicator › diplomatic").

Tags: a measure asked for tag T counts every span whose tag is T or lies under T, so
"Indicator" also counts "Indicator › diplomatic"; a full path counts that tag and its own
sub-tags. The report works per top-level tag (`top_tag`). Spans with end <= start are
ignored everywhere.

References:

* Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
  Psychological Measurement 20(1):37-46. kappa = (p_o - p_e) / (1 - p_e).
* Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
  Methodology 25:47-76; Krippendorff, K. (2004). Measuring the reliability of
  qualitative text analysis data. Quality & Quantity 38:787-800, and Content Analysis:
  An Introduction to Its Methodology, 2nd ed., Sage 2004 (alpha_u, the form implemented
  here; see `unitized_disagreement` for the formulas). Krippendorff, Mathet, Bouvry and
  Widlöcher (2016, Quality & Quantity 50:2347-2364) later revised the coefficient for
  more than two coders; that revision is not what this module computes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any, Literal

from reviewdesk.domain.codebook import PATH_SEPARATOR

MatchMode = Literal["overlap", "exact"]

# Two spans of one tag match (match="overlap") when intersection / union of their
# character ranges is at least this.
JACCARD_THRESHOLD = Fraction(1, 2)
# Several tags one reviewer gave the same sentence, in Disagreement.other_tags.
TAG_JOINER = "; "
_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Span:
    """One reviewer's annotation: characters [start, end) of the brief tagged `tag`
    (the full tag path)."""

    reviewer: str
    tag: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PairScore:
    """Span-level agreement of two reviewers on one tag, reviewer_a as the reference:
    precision = matched / b_count (share of b's spans that match one of a's), recall =
    matched / a_count, f1 = 2 * matched / (a_count + b_count). When neither reviewer has
    a span of the tag all three are 1.0 (they agree on its absence); otherwise a ratio
    with a zero denominator is 0.0."""

    tag: str
    reviewer_a: str
    reviewer_b: str
    precision: float
    recall: float
    f1: float
    matched: int
    a_count: int
    b_count: int


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One sentence unit [start, end) on which reviewers differ over top-level `tag`.
    tagged_by: reviewers with a span of the tag (or a sub-tag) overlapping the sentence;
    not_tagged_by: the other reviewers; other_tags: for each reviewer in tagged_by, the
    full tag path(s) they gave it, several sorted and joined by "; "."""

    start: int
    end: int
    tag: str
    tagged_by: tuple[str, ...]
    not_tagged_by: tuple[str, ...]
    other_tags: dict[str, str] = field(hash=False)


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """One reviewer pair on one top-level tag: span scores and sentence-level kappa
    (None when undefined)."""

    scores: PairScore
    kappa: float | None


@dataclass(frozen=True, slots=True)
class TagAgreement:
    """One top-level tag: every reviewer pair (sorted, a < b) and alpha_u over all the
    report's reviewers (None when undefined)."""

    tag: str
    pairs: tuple[PairAgreement, ...]
    alpha_u: float | None


@dataclass(frozen=True, slots=True)
class AgreementReport:
    reviewers: tuple[str, ...]  # sorted
    tags: tuple[TagAgreement, ...]  # sorted by tag
    disagreements: tuple[Disagreement, ...]  # in document order

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict, numbers rounded to 4 places, undefined ones None (null);
        the same report always gives the same dict, keys in the same order."""
        return {
            "reviewers": list(self.reviewers),
            "tags": {
                entry.tag: {
                    "pairs": [
                        {
                            "a": pair.scores.reviewer_a,
                            "b": pair.scores.reviewer_b,
                            "precision": rounded(pair.scores.precision),
                            "recall": rounded(pair.scores.recall),
                            "f1": rounded(pair.scores.f1),
                            "kappa": rounded(pair.kappa),
                        }
                        for pair in entry.pairs
                    ],
                    "alpha_u": rounded(entry.alpha_u),
                }
                for entry in self.tags
            },
            "disagreements": [
                {
                    "start": item.start,
                    "end": item.end,
                    "tag": item.tag,
                    "tagged_by": list(item.tagged_by),
                    "not_tagged_by": list(item.not_tagged_by),
                    "other_tags": {name: item.other_tags[name]
                                   for name in sorted(item.other_tags)},
                }
                for item in self.disagreements
            ],
        }


def top_tag(tag: str) -> str:
    """The top-level tag of a tag path: "Indicator › diplomatic" -> "Indicator"."""
    return tag.split(PATH_SEPARATOR, 1)[0].strip()


def within_tag(span_tag: str, tag: str) -> bool:
    """Whether a span tagged `span_tag` counts for `tag`: the same tag or one under it."""
    return span_tag == tag or span_tag.startswith(tag + PATH_SEPARATOR)


def pairwise_span_scores(spans: Sequence[Span], tags: Sequence[str] | None = None,
                         match: MatchMode = "overlap") -> list[PairScore]:
    """Span precision, recall and F1 for every tag and every pair of reviewers.

    tags: the tags to score, in that order (each counting its sub-tags); None for every
    top-level tag used, sorted. Reviewers are all those with a span, sorted; pairs are
    (a, b) with a < b, a the reference.

    A match pairs one span of a with one span of b, each counting for the tag:
    match="overlap" when |intersection| / |union| of their ranges (Jaccard) >= 0.5,
    match="exact" when start and end are both equal. Matching is greedy and one-to-one:
    candidate pairs are taken best Jaccard first (ties by position), each span used at
    most once. A reviewer's spans with the same range count once for a tag, so the same
    passage tagged with two sub-tags is one span of the top-level tag.
    """
    if match not in ("overlap", "exact"):
        raise ValueError(f"match must be 'overlap' or 'exact', not {match!r}")
    valid = _valid(spans)
    reviewers = sorted({span.reviewer for span in valid})
    wanted = list(tags) if tags is not None else _top_tags(valid)
    scores: list[PairScore] = []
    for tag in wanted:
        ranges = {name: sorted({(s.start, s.end) for s in valid
                                if s.reviewer == name and within_tag(s.tag, tag)})
                  for name in reviewers}
        for name_a, name_b in combinations(reviewers, 2):
            scores.append(_pair_score(tag, name_a, name_b, ranges[name_a], ranges[name_b],
                                      match))
    return scores


def cohen_kappa_sentences(spans: Sequence[Span], sentences: Sequence[tuple[int, int]],
                          reviewer_a: str, reviewer_b: str, tag: str) -> float | None:
    """Cohen's kappa of two reviewers over sentence units: a reviewer labels a sentence 1
    when any of their spans of `tag` (or its sub-tags) overlaps it by at least one
    character, else 0. kappa = (p_o - p_e) / (1 - p_e), p_o the share of sentences with
    the same label, p_e = pa * pb + (1 - pa) * (1 - pb) from each reviewer's share of 1s.
    None when undefined: no sentences, or p_e == 1 (both gave every sentence one label).
    """
    if not sentences:
        return None
    valid = _valid(spans)
    union_a = _union((s.start, s.end) for s in valid
                     if s.reviewer == reviewer_a and within_tag(s.tag, tag))
    union_b = _union((s.start, s.end) for s in valid
                     if s.reviewer == reviewer_b and within_tag(s.tag, tag))
    labels = [(_hits(union_a, start, end), _hits(union_b, start, end))
              for start, end in sentences]
    total = len(labels)
    agree = Fraction(sum(1 for a, b in labels if a == b), total)
    share_a = Fraction(sum(1 for a, _ in labels if a), total)
    share_b = Fraction(sum(1 for _, b in labels if b), total)
    chance = share_a * share_b + (1 - share_a) * (1 - share_b)
    if chance == 1:
        return None
    return float((agree - chance) / (1 - chance))


def unitized_disagreement(spans: Sequence[Span], length: int, tag: str,
                          reviewers: Sequence[str]) -> tuple[Fraction, Fraction] | None:
    """Observed and expected disagreement (D_o, D_e) of Krippendorff's alpha_u, binary
    case, exactly as fractions; None when fewer than two distinct reviewers or length < 1.

    Each coder's spans of the tag, clipped to [0, length) and merged (their union),
    are the coded segments; the rest of [0, length) falls into gaps. A segment g of coder
    c has begin b_cg, length l_cg and v_cg = 1 if coded, 0 if a gap. With m coders and
    continuum length L (Krippendorff 2004):

        D_o = sum over coders c != i, segments g of c, h of i of delta2(cg, ih)
              / (m (m - 1) L^2)

        delta2(cg, ih) = (b_cg - b_ih)^2 + (b_cg + l_cg - b_ih - l_ih)^2
                             if v_cg = v_ih = 1 and the two overlap,
                       = l_cg^2  if v_cg = 1, v_ih = 0 and ih contains cg,
                       = l_ih^2  if v_cg = 0, v_ih = 1 and cg contains ih,
                       = 0       otherwise;

        D_e = (2 / L) * sum over coded segments cg of
                  [ (N - 1) / 3 * (2 l^3 - 3 l^2 + l)
                    + l^2 * sum over all coders' gaps ih with l_ih >= l of (l_ih - l + 1) ]
              / ( m L (m L - 1) - sum over coded segments of l (l - 1) )

    where l = l_cg and N is the number of coded segments of all coders together.
    """
    coders = sorted(set(reviewers))
    if len(coders) < 2 or length < 1:
        return None
    valid = _valid(spans)
    segmentations = [
        _segments(_union((max(s.start, 0), min(s.end, length)) for s in valid
                         if s.reviewer == name and within_tag(s.tag, tag)), length)
        for name in coders
    ]
    m = len(coders)
    observed = sum(2 * _pair_disagreement(first, second)
                   for first, second in combinations(segmentations, 2))
    d_o = Fraction(observed, m * (m - 1) * length * length)

    units = [size for segments in segmentations for _, size, coded in segments if coded]
    gaps = [size for segments in segmentations for _, size, coded in segments if not coded]
    count = len(units)
    numerator = Fraction(0)
    for size in units:
        numerator += Fraction((count - 1) * (2 * size**3 - 3 * size**2 + size), 3)
        numerator += size * size * sum(gap - size + 1 for gap in gaps if gap >= size)
    numerator *= Fraction(2, length)
    denominator = m * length * (m * length - 1) - sum(size * (size - 1) for size in units)
    return d_o, numerator / denominator


def krippendorff_alpha_unitized(spans: Sequence[Span], length: int, tag: str,
                                reviewers: Sequence[str]) -> float | None:
    """Krippendorff's alpha for unitized data (alpha_u, Krippendorff 1995/2004), binary
    case: the tag (with its sub-tags) coded or not, over the continuum [0, length), for
    any number (>= 2) of reviewers. alpha_u = 1 - D_o / D_e, formulas in
    `unitized_disagreement`. Each reviewer in `reviewers` is a coder, even one with no
    span of the tag; spans of other reviewers are ignored. None when undefined: fewer than
    two reviewers, length < 1, or D_e == 0 (no reviewer coded anything).
    """
    terms = unitized_disagreement(spans, length, tag, reviewers)
    if terms is None or terms[1] == 0:
        return None
    observed, expected = terms
    return float(1 - observed / expected)


def disagreements(spans: Sequence[Span],
                  sentences: Sequence[tuple[int, int]]) -> list[Disagreement]:
    """Every sentence unit and top-level tag on which the reviewers (all those with a
    span) differ: some gave the sentence the tag and some did not, or they gave it
    different tags under it. Sorted by (start, end, tag); each sentence once."""
    valid = _valid(spans)
    reviewers = sorted({span.reviewer for span in valid})
    unions = {
        (top_tag(tag), name, tag): _union((s.start, s.end) for s in valid
                                          if s.reviewer == name and s.tag == tag)
        for name, tag in sorted({(s.reviewer, s.tag) for s in valid})
    }
    tops = _top_tags(valid)
    found: list[Disagreement] = []
    for start, end in sorted(set(sentences)):
        for top in tops:
            disagreement = _disagreement(start, end, top, reviewers, unions)
            if disagreement is not None:
                found.append(disagreement)
    return found


def _disagreement(start: int, end: int, top: str, reviewers: list[str],
                  unions: dict[tuple[str, str, str], list[tuple[int, int]]]
                  ) -> Disagreement | None:
    """The reviewers' difference on one sentence and top-level tag, or None when they
    agree (nobody gave it, or everybody gave the same tags under it)."""
    given: dict[str, list[str]] = {}
    for (key_top, name, full), ranges in unions.items():
        if key_top == top and _hits(ranges, start, end):
            given.setdefault(name, []).append(full)
    tagged = tuple(name for name in reviewers if name in given)
    untagged = tuple(name for name in reviewers if name not in given)
    if not tagged or (not untagged and len({frozenset(v) for v in given.values()}) == 1):
        return None
    return Disagreement(start, end, top, tagged, untagged,
                        {name: TAG_JOINER.join(sorted(set(given[name]))) for name in tagged})


def agreement_report(spans: Sequence[Span], sentences: Sequence[tuple[int, int]],
                     length: int) -> AgreementReport:
    """All the measures for every top-level tag used and every pair of reviewers (those
    with a span): span scores with match="overlap", kappa over `sentences`, alpha_u over
    [0, length) and all reviewers, and the disagreements."""
    valid = _valid(spans)
    reviewers = tuple(sorted({span.reviewer for span in valid}))
    tag_names = _top_tags(valid)
    scores = pairwise_span_scores(valid, tag_names)
    entries: list[TagAgreement] = []
    for tag in tag_names:
        pairs = tuple(
            PairAgreement(score, cohen_kappa_sentences(valid, sentences, score.reviewer_a,
                                                       score.reviewer_b, tag))
            for score in scores if score.tag == tag)
        entries.append(TagAgreement(tag, pairs,
                                    krippendorff_alpha_unitized(valid, length, tag, reviewers)))
    return AgreementReport(reviewers, tuple(entries), tuple(disagreements(valid, sentences)))


def _valid(spans: Iterable[Span]) -> list[Span]:
    return [span for span in spans if span.end > span.start]


def _top_tags(spans: Iterable[Span]) -> list[str]:
    return sorted({top_tag(span.tag) for span in spans})


def rounded(value: float | None) -> float | None:
    """A measure as reports give it: rounded to 4 places, None when undefined."""
    # + 0.0 turns -0.0 into 0.0, so a tiny negative figure does not print as "-0.0".
    return None if value is None else round(value, _DIGITS) + 0.0


def _union(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering the same characters; touching ranges merge."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _hits(union: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether sorted disjoint `union` shares at least one character with [start, end)."""
    index = bisect.bisect_right(union, start, key=lambda r: r[1])
    return index < len(union) and union[index][0] < end and start < end


def _pair_score(tag: str, name_a: str, name_b: str, spans_a: list[tuple[int, int]],
                spans_b: list[tuple[int, int]], match: MatchMode) -> PairScore:
    candidates: list[tuple[Fraction, tuple[int, int], tuple[int, int], int, int]] = []
    for i, first in enumerate(spans_a):
        for j, second in enumerate(spans_b):
            if match == "exact":
                if first == second:
                    candidates.append((Fraction(1), first, second, i, j))
                continue
            inter = min(first[1], second[1]) - max(first[0], second[0])
            if inter <= 0:
                continue
            union = (first[1] - first[0]) + (second[1] - second[0]) - inter
            jaccard = Fraction(inter, union)
            if jaccard >= JACCARD_THRESHOLD:
                candidates.append((jaccard, first, second, i, j))
    # Best first; ties by the two ranges regardless of which reviewer holds which, so
    # swapping a and b gives the same matches.
    candidates.sort(key=lambda c: (-c[0], min(c[1], c[2]), max(c[1], c[2]), c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, _, _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    matched, a_count, b_count = len(used_a), len(spans_a), len(spans_b)
    if a_count == 0 and b_count == 0:
        return PairScore(tag, name_a, name_b, 1.0, 1.0, 1.0, 0, 0, 0)
    precision = matched / b_count if b_count else 0.0
    recall = matched / a_count if a_count else 0.0
    f1 = 2 * matched / (a_count + b_count)
    return PairScore(tag, name_a, name_b, precision, recall, f1, matched, a_count, b_count)


def _segments(units: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """(begin, length, coded) of each segment of [0, length): the coded `units` (sorted,
    disjoint, not touching) and the gaps between them."""
    segments: list[tuple[int, int, bool]] = []
    position = 0
    for start, end in units:
        if start > position:
            segments.append((position, start - position, False))
        segments.append((start, end - start, True))
        position = end
    if position < length:
        segments.append((position, length - position, False))
    return segments


def _pair_disagreement(first: list[tuple[int, int, bool]],
                       second: list[tuple[int, int, bool]]) -> int:
    """Sum of delta2 over the overlapping segment pairs of two coders. Both segmentations
    tile the same continuum, so walking them together meets each overlapping pair once;
    pairs that do not overlap contribute 0."""
    total = 0
    i = j = 0
    while i < len(first) and j < len(second):
        total += _delta2(first[i], second[j])
        end_first = first[i][0] + first[i][1]
        end_second = second[j][0] + second[j][1]
        if end_first <= end_second:
            i += 1
        if end_second <= end_first:
            j += 1
    return total


def _delta2(first: tuple[int, int, bool], second: tuple[int, int, bool]) -> int:
    begin_1, size_1, coded_1 = first
    begin_2, size_2, coded_2 = second
    if coded_1 and coded_2:
        if begin_1 < begin_2 + size_2 and begin_2 < begin_1 + size_1:
            return (begin_1 - begin_2) ** 2 + (begin_1 + size_1 - begin_2 - size_2) ** 2
        return 0
    if coded_1 and begin_2 <= begin_1 and begin_1 + size_1 <= begin_2 + size_2:
        return size_1 * size_1
    if coded_2 and begin_1 <= begin_2 and begin_2 + size_2 <= begin_1 + size_1:
        return size_2 * size_2
    return 0
