"""Reviewer agreement: span F1, Cohen's kappa on sentences, Krippendorff's alpha_u, the
disagreements list and the report, checked against published and hand-worked figures."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.domain.agreement import (
    Disagreement,
    PairScore,
    Span,
    agreement_report,
    cohen_kappa_sentences,
    disagreements,
    krippendorff_alpha_unitized,
    pairwise_span_scores,
    top_tag,
    unitized_disagreement,
    within_tag,
)

DIPLOMATIC = "Indicator › diplomatic"
ECONOMIC = "Indicator › economic"


def test_top_tag_and_within_tag() -> None:
    assert top_tag(DIPLOMATIC) == "Indicator"
    assert top_tag("Indicator") == "Indicator"
    assert top_tag("Indicator › economic › trade") == "Indicator"
    assert within_tag(DIPLOMATIC, "Indicator")
    assert within_tag(DIPLOMATIC, DIPLOMATIC)
    assert not within_tag(DIPLOMATIC, ECONOMIC)
    assert not within_tag("Indicators", "Indicator")
    assert not within_tag("Indicator", DIPLOMATIC)


# --- span precision / recall / F1 -------------------------------------------------------

def test_f1_perfect_agreement() -> None:
    spans = [Span(name, DIPLOMATIC, start, end)
             for name in ("ana", "ben") for start, end in ((0, 12), (30, 41))]
    for mode in ("overlap", "exact"):
        [score] = pairwise_span_scores(spans, match=mode)
        assert score == PairScore("Indicator", "ana", "ben", 1.0, 1.0, 1.0, 2, 2, 2)


def test_f1_disjoint_spans() -> None:
    spans = [Span("ana", "Risk", 0, 10), Span("ben", "Risk", 10, 20),
             Span("ben", "Risk", 40, 45)]
    [score] = pairwise_span_scores(spans)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert (score.matched, score.a_count, score.b_count) == (0, 1, 2)


def test_f1_partial_by_hand() -> None:
    # ana (reference): [0,10) [20,30) [40,50)
    # ben:             [2,10) [25,35) [40,50) [60,70)
    # [0,10)~[2,10):   intersection 8, union 10, Jaccard 0.8  -> match
    # [20,30)~[25,35): intersection 5, union 15, Jaccard 1/3  -> no match
    # [40,50)~[40,50): Jaccard 1                              -> match
    # matched 2, a_count 3, b_count 4: precision 2/4, recall 2/3,
    # F1 = 2PR / (P + R) = (2/3) / (7/6) = 4/7 = 2 * 2 / (3 + 4).
    spans = [Span("ana", ECONOMIC, s, e) for s, e in ((0, 10), (20, 30), (40, 50))]
    spans += [Span("ben", ECONOMIC, s, e) for s, e in ((2, 10), (25, 35), (40, 50), (60, 70))]
    [score] = pairwise_span_scores(spans, [ECONOMIC])
    assert score == PairScore(ECONOMIC, "ana", "ben", 0.5, 2 / 3, 4 / 7, 2, 3, 4)
    # Exact boundaries: only [40,50) matches: P 1/4, R 1/3, F1 2 * 1 / 7.
    [exact] = pairwise_span_scores(spans, [ECONOMIC], match="exact")
    assert (exact.precision, exact.recall, exact.f1, exact.matched) == (0.25, 1 / 3, 2 / 7, 1)


def test_jaccard_threshold_is_inclusive_and_matching_one_to_one() -> None:
    # [0,10) vs [0,5): 5 / 10 = 0.5 exactly, a match; [0,10) vs [0,4): 0.4, none.
    half = [Span("ana", "Risk", 0, 10), Span("ben", "Risk", 0, 5)]
    assert pairwise_span_scores(half)[0].matched == 1
    less = [Span("ana", "Risk", 0, 10), Span("ben", "Risk", 0, 4)]
    assert pairwise_span_scores(less)[0].matched == 0
    # Two of ben's spans fit ana's one well; only the better one (Jaccard 9/10) matches.
    many = [Span("ana", "Risk", 0, 10), Span("ben", "Risk", 0, 9), Span("ben", "Risk", 1, 10),
            Span("ben", "Risk", 0, 10)]
    [score] = pairwise_span_scores(many)
    assert (score.matched, score.a_count, score.b_count) == (1, 1, 3)


def test_sub_tags_count_under_their_top_tag() -> None:
    spans = [Span("ana", DIPLOMATIC, 0, 10), Span("ana", ECONOMIC, 0, 10),
             Span("ben", ECONOMIC, 1, 10), Span("cy", "Risk", 0, 10)]
    scores = {(s.tag, s.reviewer_a, s.reviewer_b): s for s in pairwise_span_scores(spans)}
    assert sorted(scores) == [("Indicator", "ana", "ben"), ("Indicator", "ana", "cy"),
                              ("Indicator", "ben", "cy"), ("Risk", "ana", "ben"),
                              ("Risk", "ana", "cy"), ("Risk", "ben", "cy")]
    # ana's one range tagged with two sub-tags is one Indicator span.
    assert scores["Indicator", "ana", "ben"].f1 == 1.0
    assert scores["Indicator", "ana", "cy"].f1 == 0.0
    # Neither tagged Risk: they agree on its absence.
    assert scores["Risk", "ana", "ben"].f1 == 1.0
    per_sub = pairwise_span_scores(spans, [DIPLOMATIC])
    assert [(s.reviewer_a, s.reviewer_b, s.f1) for s in per_sub] == [
        ("ana", "ben", 0.0), ("ana", "cy", 0.0), ("ben", "cy", 1.0)]


def test_unknown_match_mode_raises() -> None:
    with pytest.raises(ValueError, match="match"):
        pairwise_span_scores([], match="fuzzy")  # type: ignore[arg-type]


# --- Cohen's kappa ---------------------------------------------------------------------

def test_kappa_reproduces_the_published_two_by_two_table() -> None:
    # The 2x2 example of Wikipedia's "Cohen's kappa" article: 50 items, both yes 20,
    # B yes / A no 5, A yes / B no 10, both no 15 -> p_o = (20 + 15) / 50 = 0.7,
    # A yes 30/50 = 0.6, B yes 25/50 = 0.5, p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5,
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    sentences = [(10 * k, 10 * k + 10) for k in range(50)]
    labels = ["both"] * 20 + ["ben"] * 5 + ["ana"] * 10 + ["none"] * 15
    spans: list[Span] = []
    for (start, _), label in zip(sentences, labels, strict=True):
        if label in ("both", "ana"):
            spans.append(Span("ana", ECONOMIC, start + 2, start + 6))
        if label in ("both", "ben"):
            spans.append(Span("ben", DIPLOMATIC, start + 1, start + 9))
    assert cohen_kappa_sentences(spans, sentences, "ana", "ben", "Indicator") == 0.4
    assert cohen_kappa_sentences(spans, sentences, "ben", "ana", "Indicator") == 0.4


def test_kappa_units_and_undefined_cases() -> None:
    sentences = [(0, 10), (10, 20), (20, 30), (30, 40)]
    # ana's one span crosses into the second sentence: ana 1 1 0 0, ben 1 0 0 0.
    # p_o 3/4; p_e = 1/2 * 1/4 + 1/2 * 3/4 = 1/2; kappa = (3/4 - 1/2) / (1/2) = 1/2.
    spans = [Span("ana", "Risk", 5, 11), Span("ben", "Risk", 0, 10)]
    assert cohen_kappa_sentences(spans, sentences, "ana", "ben", "Risk") == 0.5
    # A span ending where a sentence starts does not reach it.
    edge = [Span("ana", "Risk", 0, 10), Span("ben", "Risk", 0, 10)]
    assert cohen_kappa_sentences(edge, sentences, "ana", "ben", "Risk") == 1.0
    # Neither tagged anything: p_e = 1, kappa undefined.
    assert cohen_kappa_sentences(spans, sentences, "ana", "ben", "Indicator") is None
    everything = [Span(name, "Risk", 0, 40) for name in ("ana", "ben")]
    assert cohen_kappa_sentences(everything, sentences, "ana", "ben", "Risk") is None
    assert cohen_kappa_sentences(spans, [], "ana", "ben", "Risk") is None


# --- Krippendorff's alpha_u ------------------------------------------------------------

def test_alpha_u_perfect_agreement() -> None:
    spans = [Span(name, DIPLOMATIC, s, e)
             for name in ("ana", "ben", "cy") for s, e in ((3, 9), (9, 14), (30, 50))]
    alpha = krippendorff_alpha_unitized(spans, 60, "Indicator", ["ana", "ben", "cy"])
    assert alpha == 1.0


def test_alpha_u_hand_worked_two_coders() -> None:
    # Continuum L = 10, m = 2. ana codes [1,3) and [6,9); ben codes [6,8).
    # Segments as (begin, length, coded):
    #   ana: (0,1,gap) (1,2,unit) (3,3,gap) (6,3,unit) (9,1,gap)
    #   ben: (0,6,gap) (6,2,unit) (8,2,gap)
    # Observed, over overlapping segment pairs (ana, ben):
    #   unit (1,2) inside ben's gap (0,6)          -> l^2 = 2^2 = 4
    #   unit (6,3) vs unit (6,2): (6-6)^2 + (9-8)^2 = 1
    #   unit (6,3) vs gap (8,2): only partly inside -> 0;  gap vs gap -> 0
    #   sum 5; both orders of the coder pair: 10
    #   D_o = 10 / (m (m-1) L^2) = 10 / (2 * 1 * 100) = 1/20
    # Expected: coded lengths 2, 3 (ana) and 2 (ben), N = 3;
    #   gap lengths of both coders: 1, 3, 1, 6, 2
    #   (N-1)/3 * (2l^3 - 3l^2 + l):  l=2: 2/3 * 6 = 4;   l=3: 2/3 * 30 = 20
    #   l^2 * sum over gaps >= l of (gap - l + 1):
    #     l=2: gaps 3, 6, 2 -> 2 + 5 + 1 = 8, times 4 = 32
    #     l=3: gaps 3, 6    -> 1 + 4 = 5,     times 9 = 45
    #   units: (4 + 32) + (20 + 45) + (4 + 32) = 137; times 2/L: 137/5
    #   denominator m L (m L - 1) - sum l(l-1) = 20 * 19 - (2 + 6 + 2) = 370
    #   D_e = (137/5) / 370 = 137/1850
    # alpha_u = 1 - (1/20) / (137/1850) = 1 - 185/274 = 89/274 = 0.32481...
    spans = [Span("ana", "Risk", 1, 3), Span("ana", "Risk", 6, 9), Span("ben", "Risk", 6, 8)]
    assert unitized_disagreement(spans, 10, "Risk", ["ana", "ben"]) == (
        Fraction(1, 20), Fraction(137, 1850))
    assert krippendorff_alpha_unitized(spans, 10, "Risk", ["ana", "ben"]) == float(
        Fraction(89, 274))
    assert krippendorff_alpha_unitized(spans, 10, "Risk", ["ben", "ana"]) == float(
        Fraction(89, 274))


def test_alpha_u_second_hand_worked_example_merges_touching_spans() -> None:
    # L = 10. ana codes [2,4) + [4,6) = one unit [2,6); ben codes [3,7).
    # D_o: units overlap: (2-3)^2 + (6-7)^2 = 2, twice -> 4; 4 / (2 * 100) = 1/50.
    # D_e: N = 2 units of length 4: (1/3) * (128 - 48 + 4) = 28 each;
    #   gaps 2, 4 (ana), 3, 3 (ben); only 4 >= 4: 16 * 1 = 16 each; (28 + 16) * 2 = 88;
    #   times 2/10 = 88/5; denominator 20 * 19 - (12 + 12) = 356; D_e = 88/1780 = 22/445.
    # alpha_u = 1 - (1/50) / (22/445) = 1 - 89/220 = 131/220.
    spans = [Span("ana", "Risk", 2, 4), Span("ana", "Risk", 4, 6), Span("ben", "Risk", 3, 7)]
    assert unitized_disagreement(spans, 10, "Risk", ["ana", "ben"]) == (
        Fraction(1, 50), Fraction(22, 445))
    assert krippendorff_alpha_unitized(spans, 10, "Risk", ["ana", "ben"]) == 131 / 220


def test_alpha_u_published_example_krippendorff_2004() -> None:
    # Krippendorff, Content Analysis 2nd ed. (2004), the unitizing example (continuum
    # 150..450, category c): coder i has c-units at 225+70 and 370+30, coder j at
    # 220+80, 355+20 and 400+20 (begin+length). Published (as reproduced in the DKPro
    # Statistics test suite): D_o = .0144, D_e = .0532, alpha_c = .7286. Shifted to 0.
    spans = [Span("i", "c", 75, 145), Span("i", "c", 220, 250), Span("j", "c", 70, 150),
             Span("j", "c", 205, 225), Span("j", "c", 250, 270)]
    terms = unitized_disagreement(spans, 300, "c", ["i", "j"])
    assert terms is not None
    assert round(float(terms[0]), 4) == 0.0144
    assert round(float(terms[1]), 4) == 0.0532
    alpha = krippendorff_alpha_unitized(spans, 300, "c", ["i", "j"])
    assert alpha is not None and round(alpha, 4) == 0.7286
    # Category k of the same example: both coders identical -> D_e .0490, alpha 1.
    same = [Span(name, "k", s, e) for name in ("i", "j") for s, e in ((30, 90), (150, 200))]
    terms = unitized_disagreement(same, 300, "k", ["i", "j"])
    assert terms is not None and terms[0] == 0 and round(float(terms[1]), 4) == 0.0490


def test_alpha_u_observed_disagreement_krippendorff_1995() -> None:
    # Krippendorff (1995), example A on a continuum of 24: Bertha codes 2+8 and 14+6,
    # Bill 4+4 and 15+2. Units overlap: (2-4)^2 + (10-8)^2 = 8 and (14-15)^2 + (20-17)^2
    # = 10; D_o = 2 * 18 / (2 * 576) = 1/32 = .03125 (the published figure).
    spans = [Span("bertha", "A", 2, 10), Span("bertha", "A", 14, 20),
             Span("bill", "A", 4, 8), Span("bill", "A", 15, 17)]
    terms = unitized_disagreement(spans, 24, "A", ["bertha", "bill"])
    assert terms is not None and terms[0] == Fraction(1, 32)


def test_alpha_u_undefined_and_edge_cases() -> None:
    spans = [Span("ana", "Risk", 0, 5)]
    assert krippendorff_alpha_unitized(spans, 10, "Risk", ["ana"]) is None
    assert krippendorff_alpha_unitized(spans, 10, "Risk", ["ana", "ana"]) is None
    assert krippendorff_alpha_unitized(spans, 0, "Risk", ["ana", "ben"]) is None
    assert krippendorff_alpha_unitized(spans, 10, "Indicator", ["ana", "ben"]) is None
    # A reviewer with no span of the tag still counts as a coder (one who coded nothing).
    alpha = krippendorff_alpha_unitized(spans, 10, "Risk", ["ana", "ben"])
    assert alpha is not None and alpha < 0
    # Spans beyond the continuum are clipped to it.
    over = [Span("ana", "Risk", 5, 30), Span("ben", "Risk", 5, 10)]
    assert krippendorff_alpha_unitized(over, 10, "Risk", ["ana", "ben"]) == 1.0


# --- disagreements ---------------------------------------------------------------------

def test_disagreements_by_sentence_and_top_tag() -> None:
    sentences = [(40, 60), (0, 20), (20, 40), (60, 80)]
    spans = [
        # sentence [0,20): ana and ben both Indicator, but different sub-tags; cy nothing.
        Span("ana", DIPLOMATIC, 2, 10), Span("ben", ECONOMIC, 3, 12),
        # sentence [20,40): only ana tags Risk.
        Span("ana", "Risk", 25, 30),
        # sentence [40,60): all three agree on the same tag.
        Span("ana", DIPLOMATIC, 41, 50), Span("ben", DIPLOMATIC, 42, 58),
        Span("cy", DIPLOMATIC, 45, 46),
        # sentence [60,80): all tag Indicator, cy with two sub-tags.
        Span("ana", ECONOMIC, 61, 70), Span("ben", ECONOMIC, 61, 70),
        Span("cy", ECONOMIC, 61, 70), Span("cy", DIPLOMATIC, 70, 75),
    ]
    assert disagreements(spans, sentences) == [
        Disagreement(0, 20, "Indicator", ("ana", "ben"), ("cy",),
                     {"ana": DIPLOMATIC, "ben": ECONOMIC}),
        Disagreement(20, 40, "Risk", ("ana",), ("ben", "cy"), {"ana": "Risk"}),
        Disagreement(60, 80, "Indicator", ("ana", "ben", "cy"), (),
                     {"ana": ECONOMIC, "ben": ECONOMIC, "cy": f"{DIPLOMATIC}; {ECONOMIC}"}),
    ]


# --- report ----------------------------------------------------------------------------

def _sample() -> tuple[list[Span], list[tuple[int, int]]]:
    sentences = [(0, 20), (20, 40), (40, 60)]
    spans = [Span("ben", DIPLOMATIC, 2, 12), Span("ana", DIPLOMATIC, 2, 10),
             Span("ana", "Risk", 25, 30), Span("cy", ECONOMIC, 41, 50),
             Span("ben", "Risk", 26, 31)]
    return spans, sentences


def test_report_shape_and_figures() -> None:
    spans, sentences = _sample()
    data = agreement_report(spans, sentences, 60).to_dict()
    assert data["reviewers"] == ["ana", "ben", "cy"]
    assert list(data["tags"]) == ["Indicator", "Risk"]
    risk = data["tags"]["Risk"]
    assert [(p["a"], p["b"]) for p in risk["pairs"]] == [("ana", "ben"), ("ana", "cy"),
                                                         ("ben", "cy")]
    # ana [25,30) vs ben [26,31): Jaccard 4/6 -> a match; the sentence labels agree:
    # 0 1 0 for both, kappa 1.
    assert risk["pairs"][0] == {"a": "ana", "b": "ben", "precision": 1.0, "recall": 1.0,
                                "f1": 1.0, "kappa": 1.0}
    # ana vs cy on Risk: 0 1 0 vs 0 0 0: p_o 2/3, p_e 2/3 * 1 = 2/3, kappa 0.
    assert risk["pairs"][1]["kappa"] == 0.0
    assert isinstance(risk["alpha_u"], float)
    assert data["disagreements"][0] == {
        "start": 0, "end": 20, "tag": "Indicator", "tagged_by": ["ana", "ben"],
        "not_tagged_by": ["cy"], "other_tags": {"ana": DIPLOMATIC, "ben": DIPLOMATIC}}
    assert [(d["start"], d["tag"]) for d in data["disagreements"]] == [
        (0, "Indicator"), (20, "Risk"), (40, "Indicator")]
    json.dumps(data)


def test_report_is_deterministic_and_rounded() -> None:
    spans, sentences = _sample()
    first = agreement_report(spans, sentences, 60).to_dict()
    second = agreement_report(list(reversed(spans)), list(reversed(sentences)), 60).to_dict()
    assert first == second
    assert json.dumps(first) == json.dumps(second)
    for entry in first["tags"].values():
        numbers = [entry["alpha_u"]] + [p[k] for p in entry["pairs"]
                                        for k in ("precision", "recall", "f1", "kappa")]
        assert all(n is None or round(n, 4) == n for n in numbers)


def test_report_with_one_reviewer_or_nothing() -> None:
    data = agreement_report([Span("ana", "Risk", 0, 5)], [(0, 10)], 10).to_dict()
    assert data == {"reviewers": ["ana"], "tags": {"Risk": {"pairs": [], "alpha_u": None}},
                    "disagreements": []}
    assert agreement_report([], [], 0).to_dict() == {"reviewers": [], "tags": {},
                                                     "disagreements": []}


# --- properties ------------------------------------------------------------------------

LENGTH = 40
NAMES = ["ana", "ben", "cy"]
TAGS = ["Indicator", DIPLOMATIC, ECONOMIC, "Risk"]
SENTENCES = [(start, start + 5) for start in range(0, LENGTH, 5)]


@st.composite
def span_lists(draw: st.DrawFn) -> list[Span]:
    count = draw(st.integers(0, 12))
    spans: list[Span] = []
    for _ in range(count):
        start = draw(st.integers(0, LENGTH - 1))
        end = draw(st.integers(start, min(LENGTH, start + 15)))
        spans.append(Span(draw(st.sampled_from(NAMES)), draw(st.sampled_from(TAGS)), start, end))
    return spans


@settings(max_examples=150, deadline=None)
@given(spans=span_lists(), data=st.data())
def test_order_of_spans_and_coders_changes_no_figure(spans: list[Span],
                                                     data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(spans))
    coders = data.draw(st.permutations(NAMES))
    for tag in ("Indicator", DIPLOMATIC, "Risk"):
        alpha = krippendorff_alpha_unitized(spans, LENGTH, tag, NAMES)
        assert krippendorff_alpha_unitized(shuffled, LENGTH, tag, coders) == alpha
        assert alpha is None or alpha <= 1.0
        for pair in (["ana", "ben"], ["ben", "cy"]):
            two = krippendorff_alpha_unitized(spans, LENGTH, tag, pair)
            assert krippendorff_alpha_unitized(shuffled, LENGTH, tag, pair[::-1]) == two
            assert two is None or two <= 1.0
            kappa = cohen_kappa_sentences(spans, SENTENCES, pair[0], pair[1], tag)
            assert cohen_kappa_sentences(shuffled, SENTENCES, pair[1], pair[0], tag) == kappa
    for mode in ("overlap", "exact"):
        scores = pairwise_span_scores(spans, match=mode)
        assert pairwise_span_scores(shuffled, match=mode) == scores
    assert disagreements(shuffled, SENTENCES[::-1]) == disagreements(spans, SENTENCES)
    report = agreement_report(spans, SENTENCES, LENGTH).to_dict()
    assert agreement_report(shuffled, SENTENCES[::-1], LENGTH).to_dict() == report
    json.dumps(report)


@settings(max_examples=100, deadline=None)
@given(spans=span_lists())
def test_swapping_the_reference_swaps_precision_and_recall(spans: list[Span]) -> None:
    # Renaming reverses the alphabetical order, so every pair's reference flips.
    rename = {"ana": "zoe", "ben": "yan", "cy": "xia"}
    flipped = [Span(rename[s.reviewer], s.tag, s.start, s.end) for s in spans]
    before = {(s.tag, s.reviewer_a, s.reviewer_b): s for s in pairwise_span_scores(spans)}
    after = {(s.tag, s.reviewer_b, s.reviewer_a): s for s in pairwise_span_scores(flipped)}
    back = {name: old for old, name in rename.items()}
    for (tag, new_b, new_a), score in after.items():
        old = before[tag, back[new_b], back[new_a]]
        assert (score.matched, score.f1) == (old.matched, old.f1)
        assert (score.precision, score.recall) == (old.recall, old.precision)


@settings(max_examples=100, deadline=None)
@given(spans=span_lists())
def test_identical_coders_have_alpha_one(spans: list[Span]) -> None:
    copies = [Span(name, s.tag, s.start, s.end) for s in spans for name in NAMES]
    for tag in ("Indicator", "Risk"):
        alpha = krippendorff_alpha_unitized(copies, LENGTH, tag, NAMES)
        coded = any(within_tag(s.tag, tag) and s.end > s.start for s in spans)
        assert alpha == (1.0 if coded else None)
