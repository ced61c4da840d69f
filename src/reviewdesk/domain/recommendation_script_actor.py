"""The actor asked in Arabic or Persian words that show no end to its name ("يتعين على
وزارة الطاقة نشر …", "پیشنهاد می‌شود وزارت نیرو گزارش … منتشر کند"): a script without
capitals, so the name is read from how such names are built."""

from __future__ import annotations

import re

from reviewdesk.domain import recommendation_cues as cues
from reviewdesk.domain import recommendation_words as words

# "ينبغي على X …", "يتعين لـ X …", "ينبغي للمرافق …" (the article joined to the "ل").
_ARABIC = re.compile(cues.spell(
    r"(?:ینبغی|یجب|یتعین|یتوجب|لا ?بد)\s+(?:علی\s+(?P<on>\S)|(?P<for>ل)(?=\S))"))
# "پیشنهاد می‌شود (که) X …", "توصیه می‌گردد X …".
_PERSIAN = re.compile(cues.spell(
    r"(?:پیشنهاد|توصیه) ?می ?(?:شود|گردد)\s*[،,]?\s+(?:که\s+)?(?=\S)"))
# A Persian head noun that takes the next word as its complement ("وزارت نیرو").
_PERSIAN_HEADS = words.word_set(cues.spell(
    "وزارت سازمان اداره شورای شورا دفتر بانک کمیسیون کمیته ریاست مرکز مجلس صندوق وزیر "
    "ستاد معاونت"))
# An Arabic head noun named by the definite words after it ("وزارة الطاقة والمياه"), and
# how many of those words the name takes at most.
_ARABIC_HEADS = words.word_set(cues.spell(
    "وزارة هيئة مجلس سلطة لجنة مديرية دائرة مكتب بنك صندوق إدارة ادارة جهاز مؤسسة مصلحة "
    "وكالة حكومة رئاسة أمانة"))
_ARABIC_COMPLEMENTS = 3
_ARTICLE = ("ال", "وال")


_RELATION = ("ية", "ي", "يّة", "يين", "يون")


def script_actor(spelled: str, sentence: str) -> str | None:
    """The actor of an Arabic or Persian ask whose name nothing ends, "" when the words
    after the ask name no actor, None when the sentence is no such ask."""
    arabic = _ARABIC.search(spelled)
    if arabic:
        start = arabic.start("on") if arabic["on"] else arabic.end("for")
        return _arabic_name(sentence[start:].split(), joined=arabic["for"] is not None)
    persian = _PERSIAN.search(spelled)
    if persian:
        return _persian_name(sentence[persian.end():].split())
    return None


def _arabic_name(tokens: list[str], *, joined: bool) -> str:
    """A definite name alone ("البلديات"); an indefinite head with the definite words that
    complete it ("وزارة الطاقة")."""
    if not tokens:
        return ""
    first = tokens[0]
    if joined:  # "للمرافق" is "ل" + "المرافق"; "لوزارة" is "ل" + "وزارة"
        first = "ا" + first if first.startswith("ل") else first
    if first.startswith(_ARTICLE):
        # A definite name with the adjectives that qualify it ("السلطات المحلية"): an
        # adjective of relation ends in -ي or -ية; a verbal noun after the name does not.
        taken = [first]
        for token in tokens[1:1 + _ARABIC_COMPLEMENTS]:
            if not (token.startswith(_ARTICLE) and token.endswith(_RELATION)):
                break
            taken.append(token)
        return " ".join(taken)
    taken = [first]
    for token in tokens[1:1 + _ARABIC_COMPLEMENTS]:
        if not token.startswith(_ARTICLE):
            break
        taken.append(token)
    return " ".join(taken) if cues.spell(first) in _ARABIC_HEADS else ""


def _persian_name(tokens: list[str]) -> str:
    """"وزارت نیرو" (a head and its complement), "دولت" or "ولسوالی‌ها" (an actor alone)."""
    if not tokens:
        return ""
    first = cues.spell(tokens[0])
    if first in _PERSIAN_HEADS and len(tokens) > 1:
        return " ".join(tokens[:2])
    if cues.ACTOR.search(first) or first.endswith(" ها"):
        return tokens[0]
    return ""
