"""Carrying annotations to a revised text: each case's expected state, and properties that
hold for any edit (hypothesis): nothing vanishes, and a sure place is on the same words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.carry import AnchorState, carry

PARAGRAPHS = [
    "The river commission met in Varnia on 3 May and agreed to share the spring data.",
    "Grain prices rose by a fifth after the border crossing at Tulsk closed for repairs.",
    "Both ministers said the new bridge would open before the autumn harvest began.",
    "Observers doubt that the customs union will survive another dry summer.",
    "The report recommends a joint fund for the valley's irrigation canals.",
]
OLD = "\n".join(PARAGRAPHS)


def _one(old: str, new: str, quote: str, occurrence: int = 0) -> tuple[str, AnchorState]:
    start = -1
    for _ in range(occurrence + 1):
        start = old.index(quote, start + 1)
    [placed] = carry(old, new, [anchor_at(old, start, start + len(quote))])
    return new[placed.start:placed.end], placed.state


def test_unchanged_text_is_anchored() -> None:
    assert _one(OLD, OLD, "border crossing at Tulsk") == ("border crossing at Tulsk",
                                                          AnchorState.ANCHORED)


def test_an_edit_elsewhere_keeps_it_anchored() -> None:
    new = OLD.replace("met in Varnia", "met again in the town of Varnia")
    assert _one(OLD, new, "new bridge would open") == ("new bridge would open",
                                                       AnchorState.ANCHORED)


def test_a_moved_paragraph_is_shifted() -> None:
    moved = "\n".join([PARAGRAPHS[3], *PARAGRAPHS[:3], PARAGRAPHS[4]])
    assert _one(OLD, moved, "customs union will survive") == ("customs union will survive",
                                                              AnchorState.SHIFTED)


def test_a_reworded_quote_needs_review_on_the_new_words() -> None:
    new = OLD.replace("rose by a fifth", "rose by nearly a fifth")
    text, state = _one(OLD, new, "Grain prices rose by a fifth")
    assert state == AnchorState.NEEDS_REVIEW
    assert text == "Grain prices rose by nearly a fifth"


def test_a_deleted_section_orphans_its_annotations() -> None:
    cut = "\n".join(PARAGRAPHS[:3] + PARAGRAPHS[4:])
    text, state = _one(OLD, cut, "customs union will survive another dry summer")
    assert state == AnchorState.ORPHANED and text == ""


def test_a_duplicated_sentence_keeps_its_own_place_or_asks() -> None:
    sentence = "Both ministers said the new bridge would open before the autumn harvest began."
    doubled = OLD + "\n" + sentence  # the same sentence now stands twice
    text, state = _one(OLD, doubled, sentence)
    assert text == sentence and state == AnchorState.ANCHORED
    # When its own paragraph changed, two equal places remain: never a silent guess.
    changed = OLD.replace(sentence, "Ministers disagreed. " + sentence) + "\n" + sentence
    _text, state = _one(OLD, changed, "new bridge would open")
    assert state in (AnchorState.NEEDS_REVIEW, AnchorState.SHIFTED)


def test_a_right_to_left_paragraph() -> None:
    rtl = "کمیسیون رود در ورنیا تشکیل جلسه داد و درباره تقسیم آب توافق کرد."
    old = OLD + "\n" + rtl
    new = "یک بند تازه.\n" + old
    # A paragraph added above moves every offset; the words are the same: anchored.
    assert _one(old, new, "درباره تقسیم آب") == ("درباره تقسیم آب", AnchorState.ANCHORED)
    moved = rtl + "\n" + OLD
    assert _one(old, moved, "درباره تقسیم آب") == ("درباره تقسیم آب", AnchorState.SHIFTED)


_WORDS = st.sampled_from(["river", "grain", "bridge", "Varnia", "summer", "fund", "the",
                          "and", "data", "canal", "3 May", "prices"])
_PARAGRAPH = st.lists(_WORDS, min_size=3, max_size=12).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(paragraphs=st.lists(_PARAGRAPH, min_size=2, max_size=8), data=st.data())
def test_random_edits_never_lose_an_annotation(paragraphs: list[str],
                                               data: st.DataObject) -> None:
    old = "\n".join(paragraphs)
    anchors = []
    for _ in range(data.draw(st.integers(1, 6))):
        start = data.draw(st.integers(0, len(old) - 2))
        end = data.draw(st.integers(start + 1, min(len(old), start + 30)))
        if old[start:end].strip():
            anchors.append(anchor_at(old, start, end))
    edited = list(paragraphs)
    for _ in range(data.draw(st.integers(0, 4))):
        kind = data.draw(st.sampled_from(["insert", "delete", "move", "reword"]))
        index = data.draw(st.integers(0, len(edited) - 1))
        if kind == "insert":
            edited.insert(index, data.draw(_PARAGRAPH))
        elif kind == "delete" and len(edited) > 1:
            edited.pop(index)
        elif kind == "move":
            edited.append(edited.pop(index))
        else:
            words = edited[index].split(" ")
            words[data.draw(st.integers(0, len(words) - 1))] = data.draw(_WORDS)
            edited[index] = " ".join(words)
    new = "\n".join(edited)
    placed = carry(old, new, anchors)
    assert len(placed) == len(anchors)
    for anchor, where in zip(anchors, placed, strict=True):
        assert 0 <= where.start <= where.end <= len(new)
        if where.state in (AnchorState.ANCHORED, AnchorState.SHIFTED):
            assert new[where.start:where.end] == anchor.quote.exact
        if where.state == AnchorState.ORPHANED:
            assert where.score == 0.0
        else:
            assert where.end > where.start


@pytest.mark.parametrize("size", [1, 200])
def test_many_annotations_on_a_long_text(size: int) -> None:
    old = "\n".join(PARAGRAPHS * size)
    new = old.replace("Tulsk", "Tulsk-on-Sar", 3)
    anchors = [anchor_at(old, i, i + 20) for i in range(0, len(old) - 20, 97)]
    placed = carry(old, new, anchors)
    assert sum(p.state == AnchorState.ORPHANED for p in placed) == 0
