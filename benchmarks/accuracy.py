"""How well ReviewDesk reads real briefs: every brief in a folder that has a hand-written
`<file>.truth.json` beside it is imported into a fresh database and read back exactly as
`reviewdesk import` then `reviewdesk show --json` would (services.briefs.import_files,
load_brief, services.analysis.analyse, and the CLI's own JSON for sections and findings),
then scored against its truth.

    python benchmarks/accuracy.py [DIR] [--json PATH]

DIR defaults to ../shared/corpus/briefs beside the checkout; the report goes to
benchmarks/accuracy.json. Prints a table brief x feature and each feature's mean.

Text is compared normalised: NFKC, curly quotes and dashes made straight, case folded, white
space collapsed. "Covered" means the share of one text's words found, in order, in the
other (difflib's matching blocks over the word lists), which forgives a line number or a
footnote mark inserted in a sentence. Scores are in 0..1 or n/a.

Features (one column each):

- title: 1 when ReviewDesk's title and the truth's are equal, one contains the other at word
  boundaries and the shorter is at least half the longer, or ReviewDesk's is the truth's
  before its first colon (the title without its subtitle); else 0.
- sections (sect F1): F1 of the detected headings against the truth headings. A heading is
  compared as its words: leading numbering ("I.", "IV)", "1.", "2.3", "a.") is removed,
  then every colon, question mark and other punctuation. A truth section matches a
  detected heading that is equal to its heading or to one of its `alt` headings (exact),
  else one that starts with it (a run-in heading kept with its paragraph, a heading with its
  subtitle), or one containing it or contained in it at word boundaries when the shorter is
  at least half the longer (partial; listed as such in the report). Each heading matches
  once, exact matches first. Not counted against ReviewDesk: the untitled front matter, a
  detected heading that is part of the truth title (two words or more, unmatched), and an
  unmatched heading deeper than the nearest matched heading before it (the truth files
  list a brief's parts, not their sub-headings; such headings are reported as `nested`).
  Every other unmatched detected heading is an extra. No truth sections and no counted
  detected headings: 1.0.
- kinds: share of the matched sections whose kind is the truth's; n/a when none matched.
- refs # (ref_count): 1 - |found - truth| / max(found, truth); 1.0 when both are 0.
- no-url, no-date, dups (ref_missing_url, ref_missing_date, ref_duplicates): F1 of the
  entries ReviewDesk flags `missing_url`, `missing_date`, `duplicate` against the truth's
  1-based entry numbers. Truth entry i is ReviewDesk entry a + i - 1, where a is the entry
  that the truth's first sample begins (the samples are the opening words of the first and
  last entries); without samples, or when the first is not found, a = 1. When the last
  sample is found elsewhere than at a + count - 1, the lists are split differently and the
  report says so (the comparison stays positional). A flagged ReviewDesk entry outside the
  truth's numbers counts as a false flag. n/a when neither the truth nor ReviewDesk flags
  an entry (nothing to find, nothing wrongly found).
- recs # (rec_count): as refs #, for recommendations.
- recs F1 (rec_match): F1 of the truth recommendations matched to ReviewDesk's items: a truth
  item matches the ReviewDesk item that best covers its `starts` (at least 80% of its
  words), or an item of four words or more that `starts` covers as well (an item cut
  short). One to one. Both lists empty: 1.0.
- addr (addressees): share of the matched recommendations whose addressee is right. Both are
  compared as their words, without a leading article ("the", "la", "los"...). An empty or
  null truth addressee expects an empty or null one; otherwise either must contain the
  other at word boundaries. n/a when no recommendation matched.
- ind rec (ind_recall): share of the truth indicators found among the indicator candidates
  with the right date. A candidate is the indicator's when it covers 80% of the quote's
  words (or the quote covers 80% of a candidate of four words or more). The date is right
  when the period the candidate's date names (day, month or year, Gregorian or Solar Hijri
  converted) lies within the period of the truth's date at its precision ("2010",
  "2010-11", "2024-03-04"): "December 2010" is right for "2010", wrong for "2010-11", and
  "2010" is wrong for "2010-11". n/a when the truth lists no indicators.
- ind ok (ind_precision): 1 - the share of candidates that are clearly not dated events.
  The truth lists only a few indicators, so "not in the truth" cannot mean false; instead a
  candidate is false when it matches no truth indicator and (first rule that applies):
  copyright: a ©, "copyright" or "all rights reserved" line; reference: it lies in the
  reference list (a references section found by ReviewDesk, the text of one of its
  reference entries, or the stretch of text from the block holding the truth's first
  reference sample to the block holding its last), or it carries a URL, DOI, an access or
  retrieval note ("Retrieved", "accessed", "consulté", "Disponible en") or is a "Source:"
  line; citation: its date is inside an author-year citation ("(Author 2021)", "(Agency,
  2019)"); catalogue: the date's year is part of a code or number ("Nº 6266/2019",
  "ED/2024/3", "No. 2015"); count: a bare number that is no plausible year (outside
  1800-2100, or 1300-1480 in Persian or Arabic digits), or one followed by "%" or after a
  currency sign; fragment: fewer than three words besides the date (a date line, a byline,
  a wrapped line). The report also gives the strict precision (candidates matching a truth
  indicator / candidates). n/a without candidates.
- pairs (date_pairs): F1 of the truth's Gregorian/Solar Hijri pairs against `date_checks`.
  A truth pair is a string, a two-item list [gregorian, solar_hijri] or an object with
  `gregorian` and `solar_hijri` (and maybe `text`, `consistent`); it matches a check when
  both dates are equal or contain each other (diacritics and digit scripts ignored), a
  string when it and the check's text contain each other. A given `consistent` must agree.
  Both empty: 1.0.

A truth file without one of the keys leaves its features n/a. The mean of a feature is over
the briefs where it is not n/a. A brief that cannot be imported scores 0 on every feature,
its one-line error recorded; a truth file that cannot be read, or one the scorer fails on,
is reported and left out (the second makes the command exit with status 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE.parent.parent / "shared" / "corpus" / "briefs"
TRUTH_SUFFIX = ".truth.json"
TEXT_MATCH = 0.8  # share of words covered for two texts to be the same sentence or item
MIN_WORDS = 4  # a shorter text never matches by being covered by a longer one

# key: column label
FEATURES: dict[str, str] = {
    "title": "title",
    "sections": "sect F1",
    "kinds": "kinds",
    "ref_count": "refs #",
    "ref_missing_url": "no-url",
    "ref_missing_date": "no-date",
    "ref_duplicates": "dups",
    "rec_count": "recs #",
    "rec_match": "recs F1",
    "addressees": "addr",
    "ind_recall": "ind rec",
    "ind_precision": "ind ok",
    "date_pairs": "pairs",
}


@dataclass(slots=True)
class Feature:
    """One feature's score for one brief (None: n/a) and what is needed to see why."""

    score: float | None
    details: dict[str, Any] = field(default_factory=dict)


# --- text -----------------------------------------------------------------------------------

_PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "‚": "'", "ʼ": "'", "“": '"', "”": '"',
                              "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-",
                              "‑": "-", "−": "-", "\u00ad": None})
_WORD = re.compile(r"\w+")
_ROMAN = r"(?=[ivxlc])(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_NUMBERING = re.compile(rf"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|{_ROMAN}[.)]|[a-z][.)])\s+")
_MARKER = re.compile(r"^(?:\[\d+\]|\(\d+\)|\d+[.)]|[-•*·▪–])\s*")


def norm(text: str | None) -> str:
    """NFKC, straight quotes and dashes, case folded, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_PUNCTUATION).casefold()
    return " ".join(text.split())


def norm_heading(text: str | None) -> str:
    """A heading's words without its numbering: "IV. Call to action:" -> "call to action"."""
    heading = _NUMBERING.sub("", norm(text), count=1)
    return " ".join(_WORD.findall(heading))


def norm_item(text: str | None) -> str:
    """An entry or item without its leading number or bullet."""
    return _MARKER.sub("", norm(text), count=1)


def words(text: str | None) -> list[str]:
    return _WORD.findall(norm(text))


def covered(needle: str | Sequence[str], hay: str | Sequence[str]) -> float:
    """The share of needle's words found in order in hay."""
    small = words(needle) if isinstance(needle, str) else list(needle)
    large = words(hay) if isinstance(hay, str) else list(hay)
    if not small or not large:
        return 0.0
    matcher = difflib.SequenceMatcher(None, small, large, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(small)


def same_text(a: str, b: str) -> float:
    """How well a (a truth quote or item start) is found in b (ReviewDesk's text): the share
    of a's words in b, or of b's in a when b is a shorter piece of it; 0 below TEXT_MATCH."""
    score = covered(a, b)
    if score < TEXT_MATCH and len(words(b)) >= MIN_WORDS:
        score = covered(b, a)
    return score if score >= TEXT_MATCH else 0.0


def contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def f1(hits: int, found: int, truth: int) -> float:
    """F1 of `hits` among `found` against `truth`; 1.0 when both are empty."""
    if found == 0 and truth == 0:
        return 1.0
    return 2 * hits / (found + truth)


def count_score(found: int, truth: int) -> float:
    if found == truth == 0:
        return 1.0
    return 1 - abs(found - truth) / max(found, truth)


def short(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- reading a brief as `reviewdesk show --json` does -----------------------------------------

def read_brief(path: Path, folder: Path) -> tuple[dict[str, Any], float]:
    """The brief's `show --json` view (sections, references, recommendations, indicator
    candidates, date checks) after importing it into a new database in `folder`, and the
    seconds the import took."""
    from reviewdesk.cli.json_shapes import analysis_json, section_json
    from reviewdesk.services.analysis import analyse
    from reviewdesk.services.briefs import import_files, load_brief
    from reviewdesk.storage.store import Store

    with Store(folder / "accuracy.sqlite3") as store:
        started = time.perf_counter()
        result = import_files(store, [path])[0]
        seconds = time.perf_counter() - started
        brief = load_brief(store, result.id)
        analysis = analyse(store, brief.id, brief)
    view = {"id": brief.id, "title": brief.title, "format": brief.source_format.value,
            "sections": [section_json(section) for section in brief.sections]}
    return view | analysis_json(analysis), seconds


# --- title ----------------------------------------------------------------------------------

def score_title(truth: dict[str, Any], found: dict[str, Any]) -> Feature:
    if not truth.get("title"):
        return Feature(None)
    want, got = norm_heading(truth["title"]), norm_heading(found.get("title"))
    shorter, longer = sorted((want, got), key=len)
    main = norm_heading(truth["title"].split(":")[0]) if ":" in truth["title"] else ""
    right = bool(got) and (got in (want, main) or (
        contains_words(longer, shorter) and len(shorter) * 2 >= len(longer)))
    return Feature(1.0 if right else 0.0, {"truth": truth["title"], "found": found.get("title")})


# --- sections -------------------------------------------------------------------------------

@dataclass(slots=True)
class _Heading:
    position: int
    title: str
    level: int
    kind: str
    key: str


def _heading_match(truth: Sequence[str], heading: str) -> str | None:
    """'exact', 'partial' or None: how the detected heading matches any of the truth's."""
    if heading in truth:
        return "exact"
    for want in truth:
        if not want or not heading:
            continue
        if heading.startswith(want + " "):
            return "partial"
        shorter, longer = sorted((want, heading), key=len)
        if contains_words(longer, shorter) and len(shorter) * 2 >= len(longer):
            return "partial"
    return None


def _match_sections(truth: list[dict[str, Any]], headings: list[_Heading]
                    ) -> dict[int, tuple[int, str]]:
    """truth index -> (heading position, how), exact matches first, then partial ones."""
    keys = [[norm_heading(t.get("heading"))] + [norm_heading(a) for a in _alts(t)]
            for t in truth]
    matched: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for wanted in ("exact", "partial"):
        for index, key in enumerate(keys):
            if index in matched:
                continue
            for heading in headings:
                if heading.position not in used and _heading_match(key, heading.key) == wanted:
                    matched[index] = (heading.position, wanted)
                    used.add(heading.position)
                    break
    return matched


def _alts(section: dict[str, Any]) -> list[str]:
    alt = section.get("alt") or []
    return [alt] if isinstance(alt, str) else [str(a) for a in alt]


def _title_part(heading: _Heading, title: str) -> bool:
    return bool(title) and (heading.key == title or (
        len(heading.key.split()) >= 2 and contains_words(title, heading.key)))


def score_sections(truth: dict[str, Any], found: dict[str, Any]) -> tuple[Feature, Feature]:
    """Section F1 and kind accuracy."""
    if not isinstance(truth.get("sections"), list):
        return Feature(None), Feature(None)
    sections: list[dict[str, Any]] = truth["sections"]
    headings = [_Heading(i, s["title"], s.get("level", 1), s.get("kind", ""),
                         norm_heading(s["title"]))
                for i, s in enumerate(found.get("sections", [])) if (s.get("title") or "").strip()]
    matched = _match_sections(sections, headings)
    by_position = {h.position: h for h in headings}
    hit_positions = {position for position, _ in matched.values()}
    title = norm_heading(truth.get("title"))
    extra, nested, as_title = [], [], []
    last_level: int | None = None
    for heading in headings:
        if heading.position in hit_positions:
            last_level = heading.level
        elif _title_part(heading, title):
            as_title.append(heading.title)
        elif last_level is not None and heading.level > last_level:
            nested.append(heading.title)
        else:
            extra.append(heading.title)
    hits = len(matched)
    kinds = [(sections[i], by_position[position]) for i, (position, _) in sorted(matched.items())]
    wrong_kinds = [{"heading": t.get("heading"), "truth": t.get("kind"), "found": h.kind}
                   for t, h in kinds if h.kind != t.get("kind")]
    details = {
        "truth": len(sections), "counted": hits + len(extra), "matched": hits,
        "missed": [s.get("heading") for i, s in enumerate(sections) if i not in matched],
        "extra": extra, "nested": len(nested), "title_parts": as_title,
        "partial": [{"truth": sections[i].get("heading"), "found": by_position[p].title}
                    for i, (p, how) in sorted(matched.items()) if how == "partial"],
    }
    kind_score = (len(kinds) - len(wrong_kinds)) / len(kinds) if kinds else None
    return (Feature(f1(hits, hits + len(extra), len(sections)), details),
            Feature(kind_score, {"matched": len(kinds), "wrong": wrong_kinds}))


# --- references -----------------------------------------------------------------------------

_FLAGS = {"ref_missing_url": ("missing_url", "missing_url"),
          "ref_missing_date": ("missing_date", "missing_date"),
          "ref_duplicates": ("duplicates", "duplicate")}


def _sample_words(sample: str) -> list[str]:
    """A truth sample's words without the last one, which the cut may have broken."""
    found = _WORD.findall(norm_item(sample))
    return found[:-1] if len(found) > 2 else found


def _begins(sample: str, text: str) -> bool:
    """Whether `text` (an entry or a block) begins with, or holds, the sample's words."""
    want = _sample_words(sample)
    if not want:
        return False
    got = _WORD.findall(norm_item(text))
    if got[:len(want)] == want or contains_words(" ".join(got), " ".join(want)):
        return True
    return covered(want, got[:len(want) + 5]) >= 0.9


def _align(samples: list[str], entries: list[str], count: int) -> tuple[int, list[str]]:
    """The 0-based ReviewDesk entry that truth entry 1 is, and notes on the alignment."""
    notes: list[str] = []
    first = next((i for i, text in enumerate(entries) if samples and _begins(samples[0], text)),
                 None)
    if first is None:
        if samples and entries:
            notes.append("the first sample is in no entry: compared by position")
        first = 0
    if len(samples) >= 2 and count >= 2:
        last = next((i for i in range(len(entries) - 1, -1, -1)
                     if _begins(samples[-1], entries[i])), None)
        if last is None:
            if entries:
                notes.append("the last sample is in no entry")
        elif last - first + 1 != count:
            notes.append(f"split differently: the truth's {count} entries are ReviewDesk's "
                         f"{first + 1}..{last + 1}")
    return first, notes


def score_references(truth: dict[str, Any], found: dict[str, Any]) -> dict[str, Feature]:
    refs = truth.get("references")
    if not isinstance(refs, dict):
        return {key: Feature(None) for key in ("ref_count", *_FLAGS)}
    count = int(refs.get("count", 0))
    entries = found.get("references", [])
    texts = [entry.get("text", "") for entry in entries]
    first, notes = _align([str(s) for s in refs.get("samples") or []], texts, count)
    scores = {"ref_count": Feature(count_score(len(entries), count),
                                   {"truth": count, "found": len(entries), "alignment": notes})}
    for key, (truth_key, flag) in _FLAGS.items():
        want = {int(n) for n in refs.get(truth_key) or []}
        flagged = [i - first + 1 for i, entry in enumerate(entries)
                   if flag in entry.get("flags", [])]
        if not want and not flagged:
            scores[key] = Feature(None, {"truth": [], "found": []})
            continue
        got = set(flagged)
        hits = len(want & got)
        scores[key] = Feature(f1(hits, len(flagged), len(want)), {
            "truth": sorted(want), "found": flagged, "missed": sorted(want - got),
            "false": sorted(got - want),
        })
    return scores


# --- recommendations ------------------------------------------------------------------------

_ARTICLES = frozenset(("the", "a", "an", "la", "le", "les", "l", "el", "los", "las", "un", "une",
                       "des"))


def norm_addressee(text: str | None) -> str:
    """The addressee's words without a leading article."""
    found = words(text)
    return " ".join(found[1:] if found and found[0] in _ARTICLES else found)


def _pair(truth: list[str], found: list[str]) -> dict[int, int]:
    """truth index -> found index, each truth text to the found text that matches it best."""
    pairs: dict[int, int] = {}
    for index, text in enumerate(truth):
        scored = [(same_text(text, other), j) for j, other in enumerate(found)
                  if j not in pairs.values()]
        best = max(scored, default=(0.0, -1))
        if best[0] > 0:
            pairs[index] = best[1]
    return pairs


def _addressee_right(want: str | None, got: str | None) -> bool:
    want, got = norm_addressee(want), norm_addressee(got)
    if not want:
        return not got
    return bool(got) and (contains_words(got, want) or contains_words(want, got))


def score_recommendations(truth: dict[str, Any], found: dict[str, Any]) -> dict[str, Feature]:
    if not isinstance(truth.get("recommendations"), list):
        return {key: Feature(None) for key in ("rec_count", "rec_match", "addressees")}
    items: list[dict[str, Any]] = truth["recommendations"]
    recs = found.get("recommendations", [])
    pairs = _pair([norm_item(i.get("starts")) for i in items],
                  [norm_item(r.get("text")) for r in recs])
    wrong = [{"starts": items[i].get("starts"), "truth": items[i].get("addressee"),
              "found": recs[j].get("addressee")}
             for i, j in pairs.items()
             if not _addressee_right(items[i].get("addressee"), recs[j].get("addressee"))]
    return {
        "rec_count": Feature(count_score(len(recs), len(items)),
                             {"truth": len(items), "found": len(recs)}),
        "rec_match": Feature(f1(len(pairs), len(recs), len(items)), {
            "matched": len(pairs),
            "missed": [i.get("starts") for n, i in enumerate(items) if n not in pairs],
            "extra": [short(r.get("text", "")) for n, r in enumerate(recs)
                      if n not in pairs.values()],
        }),
        "addressees": Feature((len(pairs) - len(wrong)) / len(pairs) if pairs else None,
                              {"matched": len(pairs), "wrong": wrong}),
    }


# --- dates ----------------------------------------------------------------------------------

_GREGORIAN_MONTHS = {
    1: "jan january enero janvier", 2: "feb february febrero fevrier",
    3: "mar march marzo mars", 4: "apr april abril avril", 5: "may mayo mai",
    6: "jun june junio juin", 7: "jul july julio juillet", 8: "aug august agosto aout",
    9: "sep sept september septiembre setiembre septembre", 10: "oct october octubre octobre",
    11: "nov november noviembre novembre", 12: "dec december diciembre decembre",
}
_SOLAR_MONTHS = {
    1: "hamal farvardin حمل فروردین", 2: "sawr sowr saur ordibehesht ثور اردیبهشت",
    3: "jawza jauza khordad جوزا خرداد", 4: "saratan tir سرطان تیر",
    5: "asad mordad amordad اسد مرداد امرداد", 6: "sonbola sunbula sunbulah shahrivar سنبله شهریور",
    7: "mizan mehr میزان مهر", 8: "aqrab akrab aban عقرب آبان",
    9: "qaws qaus azar قوس آذر", 10: "jadi dey dei جدی دی",
    11: "dalw dalv bahman دلو بهمن", 12: "hut hoot esfand حوت اسفند",
}


def plain(text: str | None) -> str:
    """Case folded, without diacritics, digits of any script as ASCII."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch
                   for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.casefold().split())


def _month_table(names: dict[int, str]) -> dict[str, int]:
    return {plain(name): month for month, text in names.items() for name in text.split()}


GREGORIAN = _month_table(_GREGORIAN_MONTHS)
SOLAR = _month_table(_SOLAR_MONTHS)
Period = tuple[dt.date, dt.date]


def period(text: str | None) -> Period | None:
    """The days a written date names: a year, a month or a day, Gregorian or Solar Hijri
    (a Solar Hijri month name, or a year before 1600). None without a year."""
    written = plain(text)
    iso = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", written)
    if iso and int(iso.group(1)) >= 1600:
        year, month, day = (int(g) if g else None for g in iso.groups())
        return _gregorian(year or 0, month, day)
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", written)
    if not years:
        return None
    year = int(years[0])
    tokens = _WORD.findall(written)
    solar = next((SOLAR[t] for t in tokens if t in SOLAR), None)
    month = next((GREGORIAN[t] for t in tokens if t in GREGORIAN), None)
    days = [int(d) for d in re.findall(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er)?(?!\d)", written)]
    if solar is not None or year < 1600:
        return _solar(year, solar, days[0] if days and solar else None)
    return _gregorian(year, month, days[0] if days and month else None)


def _gregorian(year: int, month: int | None, day: int | None) -> Period | None:
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        start = dt.date(year, month, 1)
        end = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        if day is not None and day <= end.day:
            return dt.date(year, month, day), dt.date(year, month, day)
        return start, end
    except ValueError:
        return None


def _solar(year: int, month: int | None, day: int | None) -> Period | None:
    import jdatetime

    def gregorian(y: int, m: int, d: int) -> dt.date:
        converted: dt.date = jdatetime.date(y, m, d).togregorian()
        return converted

    try:
        if month is None:
            return gregorian(year, 1, 1), gregorian(year + 1, 1, 1) - dt.timedelta(days=1)
        following = gregorian(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if day is not None:
            try:
                one = gregorian(year, month, day)
                return one, one
            except ValueError:
                pass
        return gregorian(year, month, 1), following
    except ValueError:
        return None


def date_right(written: str, truth: str) -> bool:
    got, want = period(written), period(truth)
    return got is not None and want is not None and want[0] <= got[0] and got[1] <= want[1]


# --- indicators -----------------------------------------------------------------------------

_REFERENCE_TEXT = re.compile(
    r"https?://|www\.|\bdoi\b|\bretrieved\b|\baccessed\b|\bconsult[ée]\b|\bconsultado\b|"
    r"\bdisponible en\b|\bavailable (?:at|from|online)\b|^(?:source|sources|fuente|fuentes)\s*:",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\bcopyright\b|\(c\)\s*\d{4}|all rights reserved|"
                        r"tous droits réservés|todos los derechos reservados", re.IGNORECASE)
_CODE_WORDS = frozenset(("no", "nº", "n°", "n", "núm", "num", "nr", "nro", "isbn", "issn", "doc",
                         "ref", "#"))
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}/\d{2}|\d{4}/\d{4}")
_PARENTHESES = re.compile(r"\(([^()]*)\)")


def _date_at(candidate: dict[str, Any]) -> int:
    """Where the candidate's date (the first in its sentence) stands in its text."""
    text, date = candidate.get("text", ""), candidate.get("date", "")
    at = text.casefold().find(date.casefold()) if date else -1
    if at < 0:
        number = re.search(r"\d{4}", plain(text))
        at = number.start() if number else 0
    return at


def _in_citation(text: str, at: int) -> bool:
    for group in _PARENTHESES.finditer(text):
        if not group.start() < at < group.end():
            continue
        inside = re.sub(r"\bet al\b\.?|\bp+\.\s*\d+|\d{4}[a-z]?|[,;:&]", " ", group.group(1))
        names = [w for w in re.findall(r"[^\W\d_][\w'.-]*", inside)
                 if plain(w).strip(".") not in GREGORIAN | SOLAR]
        return bool(names) and names[0][0].isupper() and len(inside.split()) <= 8
    return False


def _in_code(text: str, at: int, date: str) -> bool:
    """Whether the date's year is part of a code or a numbered document: the word holding it
    has a slash, an underscore or letters glued to digits, or follows "No.", "Nº", "ISBN"."""
    year = re.search(r"\d{4}", plain(text[at:at + len(date)]))
    if year is None:
        return False
    where = at + year.start()
    start = text.rfind(" ", 0, where) + 1
    end = text.find(" ", where)
    token = text[start:end if end >= 0 else len(text)].strip(",.;:()[]\"'")
    before = text[:start].split()[-1:] or [""]
    if plain(before[0]).strip(".:") in _CODE_WORDS:
        return True
    if _NUMERIC_DATE.fullmatch(token) or re.fullmatch(r"\d{4}-\d{2,4}", token):
        return False
    glued = re.search(r"[^\W\d_]\d|\d[^\W\d_]", token) and not re.fullmatch(r"\d{4}s", token)
    return "/" in token or "_" in token or bool(glued)


def _is_count(text: str, at: int, date: str) -> bool:
    written = date.strip()
    if re.fullmatch(r"\d+", written):
        value, latin = int(plain(written)), written.isascii()
        plausible = 1800 <= value <= 2100 or (not latin and 1300 <= value <= 1480)
        if not plausible:
            return True
    after = text[at + len(written):at + len(written) + 2].strip()
    before = text[max(0, at - 2):at].strip()
    return after.startswith(("%", "‰")) or before.endswith(("$", "€", "£", "¥"))


def _is_fragment(text: str, date: str) -> bool:
    rest = text.replace(date, " ", 1) if date else text
    return len(re.findall(r"[^\W\d_]{2,}", rest)) < 3


def reference_spans(truth: dict[str, Any], found: dict[str, Any]) -> list[tuple[int, int]]:
    """Stretches of the canonical text that are reference lists: ReviewDesk's references
    sections, and the blocks from the truth's first reference sample to its last."""
    spans: list[tuple[int, int]] = []
    blocks = [block for section in found.get("sections", []) for block in section["blocks"]]
    for section in found.get("sections", []):
        if section.get("kind") == "references" and section["blocks"]:
            spans.append((section["blocks"][0]["start"], section["blocks"][-1]["end"]))
    samples = [str(s) for s in (truth.get("references") or {}).get("samples") or []]
    if samples:
        first = next((b for b in blocks if _begins(samples[0], b["text"])), None)
        last = next((b for b in reversed(blocks) if _begins(samples[-1], b["text"])), first)
        if first is not None and last is not None and last["end"] >= first["start"]:
            spans.append((first["start"], last["end"]))
    return spans


def why_false(candidate: dict[str, Any], spans: Iterable[tuple[int, int]],
              entries: Sequence[str]) -> str | None:
    """The rule by which a candidate is clearly not a dated event, or None."""
    text, date = candidate.get("text", ""), candidate.get("date", "")
    start = candidate.get("start", -1)
    in_list = any(a <= start < b for a, b in spans) or (len(words(text)) >= 3 and any(
        norm(text) in norm(entry) for entry in entries))
    at = _date_at(candidate)
    rules: list[tuple[str, Callable[[], bool]]] = [
        ("copyright", lambda: bool(_COPYRIGHT.search(text))),
        ("reference", lambda: in_list or bool(_REFERENCE_TEXT.search(text))),
        ("citation", lambda: _in_citation(text, at)),
        ("catalogue", lambda: _in_code(text, at, date)),
        ("count", lambda: _is_count(text, at, date)),
        ("fragment", lambda: _is_fragment(text, date)),
    ]
    return next((name for name, rule in rules if rule()), None)


def _recall(listed: list[dict[str, Any]], candidates: list[dict[str, Any]],
            owners: list[list[int]]) -> Feature:
    found, wrong_date, missed = [], [], []
    for indicator, mine in zip(listed, owners, strict=True):
        quote, date = indicator.get("quote", ""), str(indicator.get("date", ""))
        if any(date_right(candidates[i].get("date", ""), date) for i in mine):
            found.append(short(quote))
        elif mine:
            wrong_date.append({"quote": short(quote), "truth": date,
                               "found": [candidates[i].get("date") for i in mine]})
        else:
            missed.append({"quote": short(quote), "date": date})
    return Feature(len(found) / len(listed) if listed else None,
                   {"truth": len(listed), "found": len(found), "wrong_date": wrong_date,
                    "missed": missed})


def score_indicators(truth: dict[str, Any], found: dict[str, Any]) -> dict[str, Feature]:
    candidates = found.get("indicator_candidates", [])
    indicators = truth.get("indicators")
    listed: list[dict[str, Any]] = indicators if isinstance(indicators, list) else []
    # The candidates that are each truth indicator's sentence (whatever their date).
    owners = [[i for i, c in enumerate(candidates)
               if same_text(norm(ind.get("quote")), norm(c.get("text")))] for ind in listed]
    recall = _recall(listed, candidates, owners) if isinstance(indicators, list) \
        else Feature(None)
    return {"ind_recall": recall,
            "ind_precision": _precision(truth, found, {i for mine in owners for i in mine})}


def _precision(truth: dict[str, Any], found: dict[str, Any], true: set[int]) -> Feature:
    candidates = found.get("indicator_candidates", [])
    if not candidates:
        return Feature(None, {"candidates": 0})
    spans = reference_spans(truth, found)
    entries = [entry.get("text", "") for entry in found.get("references", [])]
    reasons: dict[str, list[str]] = {}
    for index, candidate in enumerate(candidates):
        reason = None if index in true else why_false(candidate, spans, entries)
        if reason:
            reasons.setdefault(reason, []).append(
                f"{candidate.get('date')}: {short(candidate.get('text', ''), 60)}")
    false = sum(len(items) for items in reasons.values())
    return Feature(1 - false / len(candidates), {
        "candidates": len(candidates), "matching_truth": len(true), "false": false,
        "strict_precision": round(len(true) / len(candidates), 4),
        "false_by_rule": {rule: len(items) for rule, items in sorted(reasons.items())},
        "false_examples": {rule: items[:5] for rule, items in sorted(reasons.items())},
    })


# --- calendar pairs -------------------------------------------------------------------------

def _truth_pair(item: Any) -> dict[str, Any]:
    if isinstance(item, str):
        return {"text": item}
    if isinstance(item, list | tuple) and len(item) == 2:
        return {"gregorian": str(item[0]), "solar_hijri": str(item[1])}
    return dict(item) if isinstance(item, dict) else {"text": str(item)}


def _either_contains(a: str | None, b: str | None) -> bool:
    a, b = plain(a), plain(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _pair_matches(want: dict[str, Any], check: dict[str, Any]) -> bool:
    if "consistent" in want and bool(want["consistent"]) != bool(check.get("consistent")):
        return False
    if want.get("gregorian") or want.get("solar_hijri"):
        return (_either_contains(want.get("gregorian"), check.get("gregorian"))
                and _either_contains(want.get("solar_hijri"), check.get("solar_hijri")))
    text = plain(want.get("text"))
    gregorian, solar = plain(check.get("gregorian")), plain(check.get("solar_hijri"))
    return _either_contains(text, check.get("text")) or (
        bool(gregorian) and bool(solar) and gregorian in text and solar in text)


def score_date_pairs(truth: dict[str, Any], found: dict[str, Any]) -> Feature:
    if not isinstance(truth.get("date_pairs"), list):
        return Feature(None)
    wanted = [_truth_pair(item) for item in truth["date_pairs"]]
    checks = found.get("date_checks", [])
    used: set[int] = set()
    missed = []
    for want in wanted:
        hit = next((i for i, c in enumerate(checks) if i not in used and _pair_matches(want, c)),
                   None)
        if hit is None:
            missed.append(want)
        else:
            used.add(hit)
    return Feature(f1(len(used), len(checks), len(wanted)), {
        "truth": len(wanted), "found": len(checks), "missed": missed,
        "extra": [c.get("text") for i, c in enumerate(checks) if i not in used]})


# --- one brief, a folder --------------------------------------------------------------------

def score_brief(truth: dict[str, Any], found: dict[str, Any]) -> dict[str, Feature]:
    sections, kinds = score_sections(truth, found)
    return {"title": score_title(truth, found), "sections": sections, "kinds": kinds,
            **score_references(truth, found), **score_recommendations(truth, found),
            **score_indicators(truth, found), "date_pairs": score_date_pairs(truth, found)}


def one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def evaluate(brief: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Import one brief into a new database and score it; never raises."""
    row: dict[str, Any] = {"file": brief.name, "format": truth.get("format") or
                           brief.suffix.lstrip("."), "language": truth.get("language"),
                           "seconds": None, "error": None}
    try:
        with tempfile.TemporaryDirectory(prefix="reviewdesk-accuracy-") as folder:
            found, row["seconds"] = read_brief(brief, Path(folder))
    except Exception as error:  # a brief that cannot be read scores 0, whatever the cause
        row["error"] = one_line(error)
        features = {key: Feature(0.0, {"error": row["error"]}) for key in FEATURES}
    else:
        try:
            features = score_brief(truth, found)
        except Exception as error:  # an odd truth file, or a bug here: shown, not scored
            row["scoring_error"] = one_line(error)
            features = {key: Feature(None) for key in FEATURES}
    row["scores"] = {key: None if f.score is None else round(f.score, 4)
                     for key, f in features.items()}
    row["details"] = {key: f.details for key, f in features.items()}
    return row


def truth_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob(f"*{TRUTH_SUFFIX}") if path.is_file())


def load_truth(path: Path) -> tuple[Path, dict[str, Any]]:
    """The brief a truth file describes (beside it, named as the truth without the suffix)
    and the truth; raises ValueError when either is missing or unreadable."""
    brief = path.with_name(path.name[:-len(TRUTH_SUFFIX)])
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read {path.name}: {one_line(error)}") from error
    if not isinstance(truth, dict):
        raise ValueError(f"{path.name} is not a JSON object")
    if not brief.is_file():
        raise ValueError(f"{path.name} describes {brief.name}, which is not beside it")
    return brief, truth


def short_names(rows: list[dict[str, Any]]) -> None:
    """A short name per brief: its file name up to '__', with the language where two share
    it."""
    prefixes = [row["file"].split("__")[0] if "__" in row["file"] else Path(row["file"]).stem
                for row in rows]
    for row, prefix in zip(rows, prefixes, strict=True):
        name = prefix[:14]
        if prefixes.count(prefix) > 1:
            name = f"{prefix[:11]}·{row.get('language') or '?'}"
        row["short"] = name
    seen: dict[str, int] = {}
    for row in rows:
        seen[row["short"]] = seen.get(row["short"], 0) + 1
        if seen[row["short"]] > 1:
            row["short"] += str(seen[row["short"]])


def means(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    result = {}
    for key in FEATURES:
        values = [row["scores"][key] for row in rows if row["scores"].get(key) is not None]
        result[key] = {"mean": round(sum(values) / len(values), 4) if values else None,
                       "briefs": len(values)}
    return result


def candidates_pooled(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """All briefs' indicator candidates together: how many, how many clearly false (by rule),
    how many match a truth indicator."""
    details = [row["details"]["ind_precision"] for row in rows
               if row["details"].get("ind_precision", {}).get("candidates")]
    total = sum(d["candidates"] for d in details)
    false = sum(d["false"] for d in details)
    true = sum(d["matching_truth"] for d in details)
    rules: dict[str, int] = {}
    for d in details:
        for rule, n in d["false_by_rule"].items():
            rules[rule] = rules.get(rule, 0) + n
    return {"candidates": total, "false": false, "matching_truth": true,
            "false_share": round(false / total, 4) if total else None,
            "false_by_rule": dict(sorted(rules.items()))}


def run(folder: Path, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    unreadable: list[str] = []
    for path in truth_files(folder):
        try:
            brief, truth = load_truth(path)
        except ValueError as error:
            unreadable.append(str(error))
            continue
        if progress is not None:
            progress(brief.name)
        rows.append(evaluate(brief, truth))
    short_names(rows)
    return {"folder": str(folder), "briefs": rows, "means": means(rows),
            "candidates": candidates_pooled(rows), "unreadable_truth": unreadable,
            "features": FEATURES}


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def print_table(report: dict[str, Any]) -> None:
    labels = list(FEATURES.values())
    width = max(len(label) for label in labels)
    print(f"{'brief':<15}{'fmt':<5}{'import':>7}  " + " ".join(f"{x:>{width}}" for x in labels))
    for row in report["briefs"]:
        seconds = "-" if row["seconds"] is None else f"{row['seconds']:.2f}s"
        cells = " ".join(f"{_cell(row['scores'][key]):>{width}}" for key in FEATURES)
        print(f"{row['short']:<15}{row['format']:<5}{seconds:>7}  {cells}")
    cells = " ".join(f"{_cell(report['means'][key]['mean']):>{width}}" for key in FEATURES)
    print(f"{'mean':<27}  {cells}")
    pooled = report["candidates"]
    if pooled["candidates"]:
        rules = ", ".join(f"{rule} {n}" for rule, n in pooled["false_by_rule"].items())
        print(f"\nindicator candidates: {pooled['candidates']}, clearly false "
              f"{pooled['false']} ({pooled['false_share']:.0%}: {rules or 'none'}), matching "
              f"a truth indicator {pooled['matching_truth']}")
    for row in report["briefs"]:
        if row["error"]:
            print(f"{row['short']}: not imported: {row['error']}")
        if row.get("scoring_error"):
            print(f"{row['short']}: NOT SCORED (left out of the means): {row['scoring_error']}")
    for problem in report["unreadable_truth"]:
        print(f"left out: {problem}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, metavar="DIR",
                        help="briefs with <file>.truth.json beside them "
                             "(default: ../shared/corpus/briefs beside the checkout)")
    parser.add_argument("--json", type=Path, default=HERE / "accuracy.json",
                        help="where to write the report (default: benchmarks/accuracy.json)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"accuracy: no folder {args.folder}", file=sys.stderr)
        return 1
    if not truth_files(args.folder):
        print(f"accuracy: no *{TRUTH_SUFFIX} files in {args.folder}", file=sys.stderr)
        return 1
    report = run(args.folder, lambda name: print(f"  {name} …", file=sys.stderr, flush=True))
    print_table(report)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nJSON report: {args.json}")
    return 1 if any(row.get("scoring_error") for row in report["briefs"]) else 0


if __name__ == "__main__":
    sys.exit(main())
