"""The review summary across briefs: each figure from a small store built here, the same
dict every time, and fast on a large store.

`build_review` is also used by the report and CLI tests (imported as
`tests.unit.services.test_summary`)."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.findings import Recommendation
from reviewdesk.domain.review import Annotation, AnnotationStatus, Reply
from reviewdesk.errors import NotFoundError
from reviewdesk.services.annotations import (
    annotate,
    list_annotations,
    reply_to_annotation,
    update_annotation,
)
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.services.summary import compute_summary, sentence_spans, summary_of
from reviewdesk.services.tracking import (
    recommendations_of,
    references_of,
    set_reference_check,
    update_recommendation,
)
from reviewdesk.storage.store import Store

# Run on SQLite and on a PostgreSQL server (the store fixture, tests/conftest.py).
pytestmark = pytest.mark.both_engines

GRAIN_MD = """\
# Northfield Grain Corridor

## Summary

Grain trade across the Northfield pass has doubled since the new customs post opened.

## Indicators

- On 21 March 2023 (1 Hamal 1402) the two customs services opened a joint post at the pass.
- In June 2024 traders reported waiting times below one day.
- Drivers now carry a single permit for both sides.

## Recommendations

1. The customs services should publish monthly figures on grain crossings.
2. Donors should fund cold storage near the pass.

## References

1. Northfield Customs. (2023, March 22). Joint post opens. https://example.org/post
2. Pass Traders Union. (2024). Waiting times survey.
"""

RAIL_MD = """\
# Southern Rail Link

## Introduction

The rail link between Tarsa and Beln has carried freight since 2019.

## Indicators

- In August 2023 a second freight train began running each week.
- On 1 Saur 1403 the two ministries signed a maintenance accord.

## Recommendations

1. Every month, the customs services must make the crossing figures public.
2. The ministries should train local engineers.

## References

1. Tarsa Rail Authority. (2023). Annual freight report. https://example.org/freight
2. Beln Gazette. (2024, April 20). Maintenance accord signed. https://example.org/accord
3. Tarsa Rail Authority. (2023). Annual freight report. https://example.org/freight
"""

MARKET_MD = """\
# Eastern Border Markets

## Background

Weekly markets on the eastern border reopened in 2022.

## Key developments

- In mid-2024 (mid-1403) the market committees agreed common prices.
- The reopening drew traders from both sides.

## Recommendations

- Cold storage close to the border crossing needs funding from donors.
- Local councils should keep the markets open in winter.

## References

- Border Market Committee. (2024). Price agreement. https://example.org/prices
"""

AMINA = "Amina Rahimi"
INES = "Ines Duarte"


@dataclass(frozen=True)
class Review:
    grain: str
    rail: str
    market: str


def build_review(store: Store, folder: Path) -> Review:
    """Three briefs, two reviewers whose annotations overlap on the grain brief, replies,
    a resolved note, reference checks and recommendation decisions."""
    paths = []
    for name, text in (("grain", GRAIN_MD), ("rail", RAIL_MD), ("market", MARKET_MD)):
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    grain, rail, market = (result.id for result in import_files(store, paths))

    first = annotate(store, grain, "opened a joint post at the pass",
                     tag="Indicator › economic", comment="Which date is official?",
                     reviewer=AMINA)
    annotate(store, grain, "the two customs services opened a joint post",
             tag="Indicator › economic", reviewer=INES)
    source = annotate(store, grain, "waiting times below one day", tag="Indicator",
                      comment="Source?", reviewer=AMINA)
    update_annotation(store, source.id, status=AnnotationStatus.RESOLVED)
    claim = annotate(store, grain, "Grain trade across the Northfield pass has doubled",
                     tag="Claim", comment="Doubled from what?", reviewer=INES)
    reply_to_annotation(store, first.id, "The Hamal date is in the decree.", reviewer=INES)
    reply_to_annotation(store, claim.id, "From the 2021 figures.", reviewer=AMINA)

    annotate(store, rail, "a second freight train began running", tag="Indicator",
             reviewer=AMINA)
    annotate(store, rail, "signed a maintenance accord", tag="Indicator › diplomatic",
             comment="Check the accord text.", reviewer=AMINA)
    annotate(store, market, "agreed common prices", tag="Indicator", reviewer=INES)

    grain_references = [t.reference for t in references_of(store, grain)]
    set_reference_check(store, grain_references[0].id, "verified")
    set_reference_check(store, grain_references[1].id, "problem", note="No such survey.")
    update_recommendation(store, recommendations_of(store, grain)[0].recommendation.id,
                          status="accepted", reviewer=AMINA)
    update_recommendation(store, recommendations_of(store, rail)[0].recommendation.id,
                          status="done", reviewer=INES)
    return Review(grain, rail, market)


@pytest.fixture
def review(store: Store, tmp_path: Path) -> Review:
    return build_review(store, tmp_path)


def test_every_key_is_there(store: Store, review: Review) -> None:
    data = summary_of(store).to_dict()
    assert set(data) == {"briefs", "by_tag", "by_reviewer", "by_section", "references",
                         "recommendations", "recurring_recommendations", "unresolved",
                         "progress", "agreement", "timeline"}
    json.dumps(data)  # plain JSON data


def test_briefs(store: Store, review: Review) -> None:
    briefs = summary_of(store).to_dict()["briefs"]
    assert [b["id"] for b in briefs] == [review.grain, review.rail, review.market]
    assert [b["title"] for b in briefs] == ["Northfield Grain Corridor", "Southern Rail Link",
                                            "Eastern Border Markets"]
    assert [b["version"] for b in briefs] == [1, 1, 1]
    assert [b["annotations"] for b in briefs] == [4, 2, 1]
    assert [b["references"] for b in briefs] == [
        {"unchecked": 0, "verified": 1, "problem": 1},
        {"unchecked": 3, "verified": 0, "problem": 0},
        {"unchecked": 1, "verified": 0, "problem": 0}]
    assert [b["recommendations"] for b in briefs] == [
        {"decided": 1, "total": 2}, {"decided": 1, "total": 2}, {"decided": 0, "total": 2}]


def test_tags_reviewers_and_sections(store: Store, review: Review) -> None:
    data = summary_of(store).to_dict()
    assert data["by_tag"]["total"] == {"Claim": 1, "Indicator": 3,
                                       "Indicator › diplomatic": 1, "Indicator › economic": 2}
    assert data["by_tag"]["top_level"] == {"Claim": 1, "Indicator": 6}
    assert data["by_tag"]["per_brief"] == {
        review.grain: {"Claim": 1, "Indicator": 1, "Indicator › economic": 2},
        review.rail: {"Indicator": 1, "Indicator › diplomatic": 1},
        review.market: {"Indicator": 1}}
    assert data["by_reviewer"]["total"] == {AMINA: 4, INES: 3}
    assert data["by_reviewer"]["per_brief"] == {review.grain: {AMINA: 2, INES: 2},
                                                review.rail: {AMINA: 2},
                                                review.market: {INES: 1}}
    grain_sections = data["by_section"]["per_brief"][review.grain]
    assert [(s["title"], s["kind"], s["annotations"]) for s in grain_sections] == [
        ("Northfield Grain Corridor", "other", 0), ("Summary", "summary", 1),
        ("Indicators", "indicators", 3), ("Recommendations", "recommendations", 0),
        ("References", "references", 0)]
    market_sections = data["by_section"]["per_brief"][review.market]
    assert ("Key developments", "indicators", 1) in [
        (s["title"], s["kind"], s["annotations"]) for s in market_sections]
    assert data["by_section"]["by_kind"]["indicators"] == 6
    assert data["by_section"]["by_kind"]["summary"] == 1
    assert sum(data["by_section"]["by_kind"].values()) == 7


def test_references_and_recommendations(store: Store, review: Review) -> None:
    data = summary_of(store).to_dict()
    assert data["references"] == {"unchecked": 4, "verified": 1, "problem": 1}
    recommendations = data["recommendations"]
    assert recommendations["by_status"] == {"accepted": 1, "deferred": 0, "done": 1,
                                            "in_progress": 0, "proposed": 4, "rejected": 0}
    assert recommendations["decided"] == 2 and recommendations["total"] == 6
    assert sum(recommendations["by_addressee"].values()) == 6
    assert recommendations["by_addressee"].get("Donors", 0) == 1


def test_recurring_recommendations(store: Store, review: Review) -> None:
    groups = summary_of(store).to_dict()["recurring_recommendations"]
    assert [[(item["brief"], item["text"][:24]) for item in group] for group in groups] == [
        [(review.grain, "The customs services sho"), (review.rail, "Every month, the customs")],
        [(review.grain, "Donors should fund cold "), (review.market, "Cold storage close to th")]]
    assert all(item["title"] for group in groups for item in group)


def test_unresolved_and_progress(store: Store, review: Review) -> None:
    data = summary_of(store).to_dict()
    assert [(u["brief"], u["quote"], u["comment"], u["reviewer"]) for u in data["unresolved"]] \
        == [(review.grain, "Grain trade across the Northfield pass has doubled",
             "Doubled from what?", INES),
            (review.grain, "opened a joint post at the pass", "Which date is official?", AMINA),
            (review.rail, "signed a maintenance accord", "Check the accord text.", AMINA)]
    assert data["progress"] == {AMINA: {"annotations": 4, "resolved": 1, "replies": 1},
                                INES: {"annotations": 3, "resolved": 0, "replies": 1}}


def test_timeline(store: Store, review: Review) -> None:
    timeline = summary_of(store).to_dict()["timeline"]
    rows = [(t["brief"], t["date"], t["other_calendar"], t["both_written"], t["from"])
            for t in timeline]
    assert rows == [
        (review.grain, "21 March 2023", "1 Hamal 1402", True, "2023-03-21"),
        (review.rail, "August 2023", "Asad–Sunbula 1402", False, "2023-08-01"),
        (review.market, "mid-2024", "mid-1403", True, "2024-04-01"),
        (review.rail, "1 Saur 1403", "20 April 2024", False, "2024-04-20"),
        (review.grain, "June 2024", "Jawza–Saratan 1403", False, "2024-06-01")]
    # The two reviewers' overlapping notes on the joint post make one entry.
    assert sum(t["brief"] == review.grain for t in timeline) == 2
    assert timeline[0]["text"] == "the two customs services opened a joint post"
    assert timeline[0]["to"] == "2023-03-21"


def test_one_brief(store: Store, review: Review) -> None:
    data = summary_of(store, "Southern Rail").to_dict()
    assert [b["id"] for b in data["briefs"]] == [review.rail]
    assert data["by_reviewer"]["total"] == {AMINA: 2}
    assert data["references"] == {"unchecked": 3, "verified": 0, "problem": 0}
    assert data["recurring_recommendations"] == []
    assert data["progress"] == {AMINA: {"annotations": 2, "resolved": 0, "replies": 0}}
    assert [t["date"] for t in data["timeline"]] == ["August 2023", "1 Saur 1403"]


def test_unknown_brief_is_an_error(store: Store, review: Review) -> None:
    with pytest.raises(NotFoundError, match="no brief 'Atlantis'"):
        summary_of(store, "Atlantis")


def test_empty_store(store: Store) -> None:
    data = summary_of(store).to_dict()
    assert data["briefs"] == [] and data["timeline"] == [] and data["agreement"] == {}
    assert data["references"] == {"unchecked": 0, "verified": 0, "problem": 0}
    assert data["recommendations"]["by_status"]["proposed"] == 0


def test_same_dict_every_time(store: Store, review: Review, db_path: Path) -> None:
    first = summary_of(store).to_dict()
    assert summary_of(store).to_dict() == first
    assert json.dumps(summary_of(store).to_dict()) == json.dumps(first)
    store.close()
    with Store(store.url if store.url is not None else db_path) as reopened:
        assert json.dumps(summary_of(reopened).to_dict()) == json.dumps(first)


def test_latest_version_only(store: Store, review: Review, tmp_path: Path) -> None:
    from reviewdesk.services.versions import import_version

    revised = tmp_path / "rail-v2.md"
    revised.write_text(RAIL_MD.replace("each week", "twice a week"), encoding="utf-8")
    second = import_version(store, revised, review.rail)
    data = summary_of(store).to_dict()
    assert [(b["id"], b["version"]) for b in data["briefs"]] == [
        (review.grain, 1), (second.id, 2), (review.market, 1)]
    assert data["by_reviewer"]["total"] == {AMINA: 4, INES: 3}  # carried, not doubled
    assert summary_of(store, review.rail).to_dict()["briefs"][0]["version"] == 1


def test_agreement_of_two_reviewers(store: Store, review: Review) -> None:
    from reviewdesk.domain import agreement

    data = summary_of(store).to_dict()
    assert set(data["agreement"]) == {review.grain}  # the one brief two reviewers tagged
    brief = load_brief(store, review.grain)
    spans = [agreement.Span(note.reviewer, note.tag, note.start, note.end)
             for note in list_annotations(store, review.grain)]
    expected = agreement.agreement_report(spans, sentence_spans(brief), len(brief.text))
    assert data["agreement"][review.grain] == json.loads(
        json.dumps(expected.to_dict(), sort_keys=True))
    assert data["agreement"][review.grain]["reviewers"] == [AMINA, INES]


def test_the_texts_to_quote(store: Store, review: Review) -> None:
    """compute_summary gives the text of each brief with an agreement report beside it."""
    shown = compute_summary(store)
    assert shown.summary == summary_of(store)
    assert dict(shown.texts) == {review.grain: load_brief(store, review.grain).text}


def test_sentences_of_every_block(store: Store, review: Review) -> None:
    brief = load_brief(store, review.market)
    spans = sentence_spans(brief)
    texts = [brief.text[start:end] for start, end in spans]
    assert "Eastern Border Markets" in texts
    assert "Weekly markets on the eastern border reopened in 2022." in texts
    assert spans == sorted(spans)


def test_a_large_store(store: Store, tmp_path: Path) -> None:
    """200 briefs of 50 annotations each, half of them tagged by two reviewers (so with an
    agreement report), summed up (its speed is measured by the benchmark command)."""
    _fill(store, tmp_path, briefs=200, notes=50)
    data = summary_of(store).to_dict()
    assert len(data["briefs"]) == 200
    assert sum(b["annotations"] for b in data["briefs"]) == 200 * 50
    assert data["timeline"] and data["recurring_recommendations"]
    assert len(data["agreement"]) == 100


def _fill(store: Store, folder: Path, briefs: int, notes: int) -> None:
    """`briefs` copies of the grain brief, each with `notes` annotations on every tag of the
    default codebook (by two reviewers on every other brief, by one on the rest), two more
    recommendations and its references."""
    path = folder / "grain.md"
    path.write_text(GRAIN_MD, encoding="utf-8")
    paths = []
    for number in range(briefs):
        copy = folder / f"grain-{number:03}.md"
        copy.write_text(GRAIN_MD.replace("Northfield Grain Corridor", f"Corridor {number:03}")
                        + f"\nCopy {number}.\n", encoding="utf-8")
        paths.append(copy)
    imported = [result.id for result in import_files(store, paths)]
    tags = [tag.id for tag in default_codebook(store).tags]  # half of them indicators
    with store.transaction() as tx:
        reviewers = [ensure_reviewer(tx, AMINA), ensure_reviewer(tx, INES)]
        for number, brief_id in enumerate(imported):
            found = tx.briefs.title_and_text(brief_id)
            assert found is not None
            text = found[1]
            words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
            added = []
            for i in range(notes):
                first = (i * 3) % (len(words) - 3)
                added.append(Annotation(
                    brief_id=brief_id, anchor=anchor_at(text, words[first][0],
                                                        words[first + 2][1]),
                    reviewer_id=reviewers[i % 2 if number % 2 == 0 else 0].id,
                    tag_id=tags[i % len(tags)],
                    comment="Why?" if i % 5 == 0 else ""))
            tx.annotations.add_all(added, [Reply(annotation_id=added[0].id,
                                                 reviewer_id=reviewers[1].id, text="Agreed.")])
            tx.findings.add_recommendations([Recommendation(
                brief_id=brief_id, position=10 + i, text=_sentence(number * 4 + i))
                for i in range(4)])


# 400 made-up words ("tarmel", "kobrin"), so that recommendations rarely share two.
_SYLLABLES = "tar mel kob rin sal vek dun ost pra lim gor hes nab ult ferr qui zan mop eld wys"
_VOCABULARY = [a + b for a in _SYLLABLES.split() for b in _SYLLABLES.split()]
_VERBS = ("fund", "publish", "train", "review", "monitor", "expand", "protect", "repair",
          "survey", "license")


def _sentence(seed: int) -> str:
    """A recommendation of its own: a verb and six words of the vocabulary picked by seed."""
    picked = random.Random(seed).sample(_VOCABULARY, 6)
    return (f"The {picked[0]} should {_VERBS[seed % len(_VERBS)]} the {picked[1]} and "
            f"{picked[2]} of the {picked[3]} in the {picked[4]} {picked[5]}.")
