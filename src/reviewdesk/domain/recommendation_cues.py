"""What a line of a brief says about recommendations: whether it opens them, asks for
something, labels a group, or is a caption. Pure functions over one text each."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reviewdesk.domain import recommendation_words as words

# One spelling, letter for letter (offsets stay those of the brief): Arabic yeh and kaf as
# Persian writes them, ZWNJ and ZWJ as a space, ё as е, curly apostrophes straight.
_SPELLING = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u200d": " ",
                           "ё": "е", "Ё": "Е", "’": "'", "‘": "'"})


def spell(text: str) -> str:
    """The text in the one spelling the patterns are written in; as long as the text."""
    return text.translate(_SPELLING)


def _at_word_start(patterns: Iterable[str]) -> list[str]:
    """Latin and Cyrillic words matched from a word's start ("city" not in "capacity");
    Arabic-script ones anywhere, since the article and "and" are written joined to them."""
    return [p if p.startswith("\\b") or "\u0600" <= p[:1] <= "\u06ff" else rf"\b{p}"
            for p in patterns]


def _any(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all; the leading ones that open at a word boundary share it, which
    makes the search about twice as fast (a position that is none is passed at once)."""
    listed = [spell(p) for p in patterns]
    bounded = 0
    while bounded < len(listed) and listed[bounded].startswith("\\b"):
        bounded += 1
    parts = [f"(?:{p})" for p in listed[bounded:]]
    if bounded:
        parts.insert(0, "\\b(?:" + "|".join(f"(?:{p[2:]})" for p in listed[:bounded]) + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


HEADING = _any(words.HEADING)
CONCLUSION = _any(words.CONCLUSION)
SUMMARY = _any(words.SUMMARY)
OPTIONS = _any(words.OPTIONS)
PEOPLE = _any(words.PEOPLE)
MODAL = _any(words.MODALS)
RECOMMENDING = _any(words.RECOMMENDING)
PROPOSING = _any(words.PROPOSING)
ACTOR = _any(_at_word_start(words.ACTORS))
NOT_ACTOR = _any(_at_word_start(words.NOT_ACTORS))
_CAPTION = _any(words.CAPTION)
_ASIDE = re.compile(rf"(?:{'|'.join(spell(p) for p in words.ASIDE)})\s*[:.]?",
                    re.IGNORECASE)
_RELATIVE = re.compile(rf"(?:^|\s)(?:{'|'.join(spell(p) for p in words.RELATIVE)})\s*$",
                       re.IGNORECASE)
# Words with which a sentence speaks about the list rather than asks ("the recommendations
# below", "this section sets out", "las siguientes recomendaciones").
ABOUT_THE_LIST = re.compile(spell(
    r"\b(following|below|this section|sets? out|as follows|siguientes|a continuación|"
    r"suivantes|ci-dessous|ci-après|следующие|ниже|поён)\b|(?<!\S)(زیر|ذیل|التالیة)(?!\S)"),
    re.IGNORECASE)
PRONOUNS = frozenset(spell(p).casefold() for p in words.PRONOUNS)

# A numbered item label: "R1", "Ask 01", "Recommendation 2:", "Рекомендация 3.",
# "توصیه ۲:", "التوصیة 1", "Policy option 2" is not one (OPTIONS sees to it first).
NUMBERED_LABEL = re.compile(
    spell(r"^\s*(?:(?:policy\s+)?(?:recommendation|ask|action|proposal|recommandation|"
          r"demande|proposition|recomendaci[oó]n|propuesta|рекомендация|предложение|"
          r"тавсияи|тавсия|пешниҳоди|توصیه|پیشنهاد|التوصیة|توصیة|المقترح)\s*"
          r"(?:n[°ºo]\.?\s*|№\s*|#\s*|شماره\s*|رقم\s*)?|r)"
          r"[\d۰-۹٠-٩]{1,2}\s*[:.)\-–—]?\s*"),
    re.IGNORECASE)
# Typed list markers at the start of a paragraph: "1.", "2)", "(3)", "•", "-", "а)", "۱-",
# "الف)".
LIST_MARKER = re.compile(
    r"^\s*(?:[•▪◦●■□➢➤✓✔*\-–—]\s*|\(?[\d۰-۹٠-٩]{1,2}[.)\-–]\s*|\(?[a-zа-я][.)]\s+|"
    r"\((?:[ivx]+|[a-z])\)\s*|(?:الف|ب|پ|ج|د)\)\s*|"
    # Arabic ordinals: "أولاً:", "ثانياً -"
    r"(?:[أا]ول|ثان[يی]|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)[اً]{0,2}\s*[:：.\-–—،]\s*)")
# A verbal noun, with the Tajik or Persian izafe after it ("Таҳияи …", "ارتقای …").
_VERBAL_NOUN = re.compile(
    rf"^(?:{'|'.join(spell(p) for p in words.VERBAL_NOUNS)})(?:и|ی| ی)?(?!\w)", re.IGNORECASE)
# French, Spanish and Russian infinitives ("Exiger", "Establecer", "Создать") and Russian
# imperatives ("Создайте").
_INFINITIVE = re.compile(r"^(?:[^\W\d_]{2,}(?:er|ir|re|ar)(?:se)?|"
                         r"[а-яё]{2,}(?:[аяиеуы]ть|ти|чь|йте|ите)(?:ся)?)$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]")
# Words that show an infinitive's sentence is French or Spanish, not English ("water").
_ROMANCE = re.compile(r"\b(?:de|des|du|la|le|les|un|une|el|los|las|del|que|en|para|por|"
                      r"con|et|y|à|au|aux|d'|l')(?:\s|$)|\b[dl]'", re.IGNORECASE)
# How far before a modal a relative word is looked for.
_WINDOW = 40
_LAST_MARK = re.compile(r"[.!?؟;…]['\"”»)]*$")
_ALL_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")


def names_recommendations(title: str) -> bool:
    """True when a heading or label names the recommendations ("Policy recommendations",
    "Рекомендации", "توصیه‌ها", "Call to action") and not a list of options."""
    spelled = spell(title)
    return HEADING.search(spelled) is not None and OPTIONS.search(spelled) is None


def names_options(title: str) -> bool:
    """True for "Policy options", "Possible courses of action", "Alternativas"..."""
    return OPTIONS.search(spell(title)) is not None


def mixes_conclusion(title: str) -> bool:
    """True for "Conclusions and recommendations", "Выводы и рекомендации"..."""
    return CONCLUSION.search(spell(title)) is not None


def is_aside_label(text: str) -> bool:
    """True for a label such as "Rationale", "Justificación:", "Почему это важно"."""
    return _ASIDE.fullmatch(spell(strip_marker(text)).strip()) is not None


def is_caption(text: str) -> bool:
    """A figure or table caption, a source line, a page number or a copyright line."""
    return _CAPTION.match(spell(text.strip())) is not None


def is_people_lead_in(text: str) -> bool:
    """A lead-in to a list of people or bodies to involve ("Actors I hope to include
    are:")."""
    return text.rstrip().endswith(":") and PEOPLE.search(spell(text)) is not None


def strip_marker(text: str) -> str:
    """The text without a typed list marker in front ("1. ", "• ", "а) ")."""
    return LIST_MARKER.sub("", text, count=1)


def has_list_marker(text: str) -> bool:
    return LIST_MARKER.match(text) is not None and len(strip_marker(text).split()) >= 2


# A number opening the text or a sentence of it: "1. … 2. …", "۱. … ۲. …" run together.
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[.!?؟;:]\s))\(?(\d{1,2})[.)]\s")
# A bibliographic entry: "Surname, A., …", "Surname, A. B. (2018)", "(1) Surname, A.".
_REFERENCE_ENTRY = re.compile(
    r"^\(?\d*[.)]?\s*[^\W\d_][\w'’-]+,\s+(?:[^\W\d_]{1,2}\.\s*){1,3}(?:,|&|and\b|\(|et al)")


def inline_items(text: str) -> list[str]:
    """The items of a numbered list run into one paragraph ("1. … 2. … 3. …" in any
    digits), or [] when the text is no such list."""
    starts: list[int] = []
    for match in _INLINE_NUMBER.finditer(text):
        if int(match.group(1)) == len(starts) + 1:
            starts.append(match.start())
    if len(starts) < 2 or starts[0] != 0:
        return []
    ends = [*starts[1:], len(text)]
    return [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]


def is_reference_entry(text: str) -> bool:
    """A bibliographic entry left under the recommendations: never an item."""
    return _REFERENCE_ENTRY.match(text.strip()) is not None


def ends_sentence(text: str) -> bool:
    return _LAST_MARK.search(text.rstrip()) is not None


def looks_like_label(text: str, max_words: int = 10) -> bool:
    """A short line that ends no sentence: a heading set as a paragraph, a group or
    addressee label ("Energy Sector", "For donors:", "Ask 01")."""
    stripped = text.strip()
    return (0 < len(stripped.split()) <= max_words and not ends_sentence(stripped)
            and not stripped.endswith(","))


def is_all_caps(text: str) -> bool:
    """Every cased letter a capital, and at least two of them ("RECOMENDACIÓN", "EU")."""
    return text.isupper() and sum(1 for c in text if c.isupper()) >= 2


def caps_run_in(text: str) -> str:
    """The words in capitals that open a paragraph as a heading run into it
    ("RECOMENDACIÓN En base a…" -> "RECOMENDACIÓN"), or ""."""
    if not text[:1].isupper() or not text.split(maxsplit=1)[0].isupper():
        return ""
    taken: list[str] = []
    for word in text.split():
        if not (_ALL_CAPS_WORD.search(word) and is_all_caps(word)):
            break
        taken.append(word)
    return " ".join(taken) if len(taken) < len(text.split()) else ""


def _holds(text: str, stems: tuple[str, ...]) -> bool:
    lowered = text.casefold()
    return any(stem in lowered for stem in stems)


def own_modal(sentence: str) -> re.Match[str] | None:
    """The first modal of a sentence that is its own ask: not in a relative clause ("the
    conditions that content must meet") nor an inverted condition ("should a currency
    emerge")."""
    spelled = spell(sentence)
    if not _holds(spelled, words.MODAL_STEMS):
        return None
    for match in MODAL.finditer(spelled):
        before = spelled[max(0, match.start() - _WINDOW):match.start()].rstrip()
        if not (_RELATIVE.search(before) or before.endswith(",")):
            return match
    return None


def may_ask(text: str) -> bool:
    """True when the text has a word that asks, in some sentence of it."""
    spelled = spell(text)
    return ((_holds(spelled, words.MODAL_STEMS) and MODAL.search(spelled) is not None)
            or recommends_explicitly(text) or proposes(text))


def proposes(text: str) -> bool:
    """"We propose", "se sugiere", "предлагаем": an ask inside a recommendations part."""
    spelled = spell(text)
    return _holds(spelled, words.PROPOSING_STEMS) and PROPOSING.search(spelled) is not None


def asks(sentence: str) -> bool:
    """True when the sentence asks for something: the author recommends, or a modal
    that is the sentence's own; a question asks nothing."""
    if sentence.rstrip().endswith(("?", "؟")):
        return False
    return (recommends_explicitly(sentence) or proposes(sentence)
            or own_modal(sentence) is not None)


def recommends_explicitly(sentence: str) -> bool:
    """The author's own recommending words ("we recommend", "this brief recommends that",
    "se recomienda"), wherever they stand in the brief."""
    spelled = spell(sentence)
    return _holds(spelled, words.RECOMMENDING_STEMS) and \
        RECOMMENDING.search(spelled) is not None


def opens_with_verb(text: str) -> bool:
    """True when the text opens as an item that asks: an English imperative ("Establish a
    fund"), a French, Spanish or Russian infinitive, a Persian or Arabic verbal noun."""
    body = strip_marker(text).strip()
    first, _, rest = body.partition(" ")
    word = first.strip(".,:;\"'“”«»()").casefold()
    if title_case(body):
        return False  # "Open Ticket Data" names an item, it does not ask
    if word in words.IMPERATIVES:
        return True
    if _INFINITIVE.match(word) and word not in words.NOT_INFINITIVES:
        if _CYRILLIC.match(word):
            return not word.endswith(("ость", "есть", "асть"))
        return _ROMANCE.search(rest) is not None
    return _VERBAL_NOUN.match(spell(body)) is not None


def title_case(text: str) -> bool:
    """Two words or more, each of four letters or more starting with a capital."""
    long_words = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(text.split()) >= 2 and bool(long_words) and all(
        w[:1].isupper() for w in long_words)
