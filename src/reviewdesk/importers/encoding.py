"""A text file's bytes as text: a byte-order mark or UTF-8 as written, else a legacy encoding
charset-normalizer is sure of, else one sentence that says why not. Never mojibake."""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache

from reviewdesk.errors import InputError
from reviewdesk.importers.alphabets import one_alphabet

UTF8 = "utf-8"

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class _Legacy:
    codec: str   # Python's (and charset-normalizer's) name
    label: str   # the name a reader knows it by, which Python's codecs know too
    script: str  # readings in one script differ by a few letters, in two by everything


# The legacy encodings text files are still found in, the most common of each script first.
# Readings that give the same text are named by the first of them here ("windows-1252",
# not "windows-1250", for German), and a tie between readings that differ in a few letters
# of one script goes to the first (see _choose).
_LEGACY: tuple[_Legacy, ...] = (
    _Legacy("cp1252", "windows-1252", "Latin"),
    _Legacy("cp1250", "windows-1250", "Latin"),
    _Legacy("cp1254", "windows-1254", "Latin"),
    _Legacy("cp1257", "windows-1257", "Latin"),
    _Legacy("cp1258", "windows-1258", "Latin"),
    _Legacy("iso8859_15", "iso-8859-15", "Latin"),
    _Legacy("iso8859_2", "iso-8859-2", "Latin"),
    _Legacy("iso8859_9", "iso-8859-9", "Latin"),
    _Legacy("cp1251", "windows-1251", "Cyrillic"),
    _Legacy("koi8_r", "koi8-r", "Cyrillic"),
    _Legacy("koi8_u", "koi8-u", "Cyrillic"),
    _Legacy("cp866", "ibm866", "Cyrillic"),
    _Legacy("iso8859_5", "iso-8859-5", "Cyrillic"),
    _Legacy("cp1256", "windows-1256", "Arabic"),
    _Legacy("iso8859_6", "iso-8859-6", "Arabic"),
    _Legacy("cp1253", "windows-1253", "Greek"),
    _Legacy("iso8859_7", "iso-8859-7", "Greek"),
    _Legacy("cp1255", "windows-1255", "Hebrew"),
    _Legacy("iso8859_8", "iso-8859-8", "Hebrew"),
    _Legacy("cp874", "cp874", "Thai"),
    _Legacy("shift_jis", "shift_jis", "Japanese"),
    _Legacy("cp932", "cp932", "Japanese"),
    _Legacy("euc_jp", "euc-jp", "Japanese"),
    _Legacy("gb18030", "gb18030", "Chinese"),
    _Legacy("big5", "big5", "Chinese (traditional)"),
    _Legacy("euc_kr", "euc-kr", "Korean"),
    _Legacy("cp949", "cp949", "Korean"),
)
_BY_CODEC = {legacy.codec: legacy for legacy in _LEGACY}
_RANK = {legacy.codec: rank for rank, legacy in enumerate(_LEGACY)}

# Readings whose scores (charset-normalizer's mess and language coherence, 0..1) are this
# close are a tie: nothing in the text tells them apart.
_MARGIN = 0.05
# A reading messier than this is no reading (charset-normalizer's own limit, which our
# _oddities can push a reading over).
_MAX_MESS = 0.2
# _oddities looks at this many characters of a text at most, in this many parts.
_SAMPLE_CHARS = 1_000_000
_SAMPLE_PARTS = 20
# Control characters (not tab, newline, carriage return or form feed), C1 controls, the
# replacement character and private-use characters: no real text holds them.
_GARBAGE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
# The same controls as bytes: in every encoding above they are the same bytes.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ASCII = bytes(range(0x80))
# surrogateescape's stand-ins for bytes that are not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_BREAKS = re.compile("\r\n|\r|\n")
# Characters that are UTF-8 of three bytes or more, and those of two with a first byte of
# 0xC2 or 0xC3, as surrogateescape decodes them.
_UTF8_LONG = re.compile("[\u0800-\ud7ff\ue000-\U0010ffff]")
_UTF8_LATIN = re.compile("[\u0080-\u00ff\u0800-\ud7ff\ue000-\U0010ffff]")
# The encodings whose text makes no long UTF-8 by chance: not ibm866 (Russian "ров" is
# valid UTF-8 there), cp874 (Thai) or the East Asian ones, which make plenty.
_NO_LONG_UTF8 = frozenset(legacy.codec for legacy in _LEGACY
                          if legacy.script in ("Latin", "Cyrillic", "Arabic", "Greek", "Hebrew")
                          and legacy.codec != "cp866")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text (line breaks as written) and the encoding it was read in."""

    text: str
    encoding: str  # "utf-8", "utf-16", "utf-32", or a legacy label such as "windows-1251"


def label(codec: str) -> str:
    """The name a reader knows a Python codec by: "windows-1251" for "cp1251"."""
    known = _BY_CODEC.get(codec.lower().replace("-", "_"))
    return known.label if known else codec.lower().replace("_", "-")


def decode(data: bytes, name: str, what: str = "a text file") -> DecodedText:
    """The bytes as text; an InputError names `name` (and calls it `what`) when they are not.

    A byte-order mark decides; else UTF-8; else a legacy encoding, see decode_unmarked."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _decode_marked(data, codec, name, what)
    if b"\x00" in data:
        raise InputError(f"cannot import {name}: it is not {what}")
    return decode_unmarked(data, name, what)


def decode_unmarked(data: bytes, name: str, what: str = "a text file") -> DecodedText:
    """Bytes without a byte-order mark as text: UTF-8 when they are; refused when they are
    UTF-8 but for a few stray bytes; else the legacy encoding charset-normalizer reads
    them in, when it has no equal rival; else refused."""
    try:
        return DecodedText(data.decode(UTF8), UTF8)
    except UnicodeDecodeError:
        pass
    _refuse_broken_utf8(data, name)
    if _CONTROL_BYTES.search(data):
        raise InputError(f"cannot import {name}: it is not {what}")
    return _decode_legacy(data, name)


def _decode_marked(data: bytes, codec: str, name: str, what: str) -> DecodedText:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        if codec == "utf-8-sig":
            _refuse_broken_utf8(data, name)
        raise InputError(f"cannot import {name}: it is not {what}") from None
    return DecodedText(text, UTF8 if codec == "utf-8-sig" else codec)


# --- UTF-8 with stray bytes -----------------------------------------------------------------


def _refuse_broken_utf8(data: bytes, name: str) -> None:
    """Refuse bytes that are UTF-8 but for a few bytes in another encoding (a word pasted
    from an old file): read whole in a legacy encoding they would be mojibake ("cafÃ©"),
    and which encoding the stray bytes are in cannot be told from so few.

    They count as UTF-8 when the characters that are valid UTF-8 beyond ASCII are at least
    as many as the bytes that are not. Text wholly in a legacy encoding makes such
    characters only by chance: under half as many as its bad bytes for Thai, Chinese and
    Japanese, a few percent for the alphabetic scripts (measured on sample text)."""
    text = data.decode(UTF8, "surrogateescape")
    bad = len(data) - len(text.encode(UTF8, "ignore"))  # the escapes encode to nothing
    beyond_ascii = len(data.translate(None, _ASCII))
    valid = len(text) - (len(data) - beyond_ascii) - bad
    if valid and valid >= bad:
        _refuse_as_broken_utf8(text, name)


def _refuse_utf8_in_alphabetic(data: bytes, reading: _Reading, name: str) -> None:
    """Refuse bytes read in a one-byte encoding that hold UTF-8 its text does not make by
    chance: a character of three bytes or more (read as a letter and two symbols in a row,
    "â€™" for "’"), or, for a Latin script, one of U+0080 to U+00FF ("Ã©" for "é"). A
    UTF-8 file with more stray bytes than UTF-8 characters ("café" and two cp1252 quotes)
    gets here."""
    if reading.legacy.codec not in _NO_LONG_UTF8:
        return
    text = data.decode(UTF8, "surrogateescape")
    found = _UTF8_LATIN if reading.legacy.script == "Latin" else _UTF8_LONG
    if found.search(text):
        _refuse_as_broken_utf8(text, name)


def _refuse_as_broken_utf8(text: str, name: str) -> None:
    """The sentence for UTF-8 `text` (decoded with surrogateescape) with stray bytes."""
    first = _NOT_UTF8.search(text)
    assert first is not None
    line = len(_BREAKS.findall(text, 0, first.start())) + 1
    byte = ord(first.group()) - 0xDC00
    raise InputError(f"cannot import {name}: it is UTF-8 text but for a byte on line {line} "
                     f"(0x{byte:02X}) that is not; correct that character and save the file "
                     "as UTF-8")


# --- Legacy encodings -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    text: str
    legacy: _Legacy
    mess: float       # charset-normalizer's chaos, with _oddities added
    coherence: float  # how well the letters fit a language, 0..1


def _decode_legacy(data: bytes, name: str) -> DecodedText:
    readings = _readings(data)
    if not readings:
        raise InputError(f"cannot import {name}: it is not UTF-8, nor text in an encoding "
                         "ReviewDesk recognises; save it as UTF-8 and import it again")
    chosen = _choose(readings)
    if isinstance(chosen, tuple):
        first, second = chosen
        raise InputError(f"cannot import {name}: it is not UTF-8, and it reads as "
                         f"{first.legacy.label} or as {second.legacy.label} with nothing to "
                         "tell which is right; save it as UTF-8 and import it again")
    _refuse_utf8_in_alphabetic(data, chosen, name)
    return DecodedText(chosen.text, chosen.legacy.label)


def _readings(data: bytes) -> list[_Reading]:
    """charset-normalizer's readings of the bytes in the encodings above, less those that
    hold characters no text does or are too messy. Each is named by the most common
    encoding that gives the same text."""
    # Imported here: it takes a fifth of a second, and most files are UTF-8.
    from charset_normalizer import from_bytes

    found: list[_Reading] = []
    matches = from_bytes(data, cp_isolation=[legacy.codec for legacy in _LEGACY],
                         preemptive_behaviour=False, enable_fallback=False)
    for match in matches:
        same = [codec for codec in (match.encoding, *match.could_be_from_charset)
                if codec in _BY_CODEC]
        if not same:
            continue
        text = str(match)
        if _GARBAGE.search(text):
            continue
        legacy = _BY_CODEC[min(same, key=_RANK.__getitem__)]
        mess = match.chaos + _oddities(text)
        if mess <= _MAX_MESS:
            found.append(_Reading(text, legacy, mess, match.coherence))
    return found


def _choose(readings: list[_Reading]) -> _Reading | tuple[_Reading, _Reading]:
    """The reading to trust, or two that tie.

    The readings about as clean as the cleanest (mess within _MARGIN) compete on
    coherence; those within _MARGIN of the most coherent tie. If they give one text,
    that is it. Readings in different scripts are a tie nothing settles. Readings that
    differ in a few Latin letters are told apart by the alphabets: the one text whose
    accented letters are all one language's ("Předseda", not "Pøedseda"). Failing that
    ("naïve" or "naďve"), the most common encoding is taken, as ReviewDesk always did
    for windows-1252 (and the import report names it)."""
    cleanest = min(reading.mess for reading in readings)
    clean = [reading for reading in readings if reading.mess - cleanest <= _MARGIN]
    coherent = max(reading.coherence for reading in clean)
    tied = sorted((reading for reading in clean if coherent - reading.coherence <= _MARGIN),
                  key=lambda reading: _RANK[reading.legacy.codec])
    if len({reading.legacy.script for reading in tied}) > 1:
        other = next(reading for reading in tied
                     if reading.legacy.script != tied[0].legacy.script)
        return tied[0], other
    if tied[0].legacy.script == "Latin":
        fitting = [reading for reading in tied if one_alphabet(reading.text)]
        if len({reading.text for reading in fitting}) == 1 and _differs(fitting[0], tied[0]):
            return fitting[0]
    return tied[0]  # one text, or one script's letters in the most common encoding


def _differs(reading: _Reading, other: _Reading) -> bool:
    """Whether `reading` has two letters or more that `other` has not: one letter ("naďve"
    for "naïve") is too little to go by a language's alphabet."""
    return len(set(reading.text) - set(other.text)) >= 2


def _oddities(text: str) -> float:
    """The share of characters beyond ASCII that are symbols, digits or ordinal signs inside
    words ("rybo³ówstwa", Polish read as windows-1252), letters or marks of another script
    inside a Latin word ("cafщ", French read as windows-1251) or combining marks on no
    letter: what a wrong reading leaves and real text rarely has."""
    text = _sample(text)
    beyond_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not beyond_ascii:
        return 0.0
    return sum(len(pattern.findall(text)) for pattern in _odd_patterns()) / beyond_ascii


def _sample(text: str) -> str:
    """A long text's evenly spaced parts, _SAMPLE_CHARS in all: a share of odd characters
    needs no more, and finding them in ten million takes seconds."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    step = len(text) // _SAMPLE_PARTS
    size = _SAMPLE_CHARS // _SAMPLE_PARTS
    return "\n".join(text[start:start + size] for start in range(0, len(text), step))


@cache
def _odd_patterns() -> tuple[re.Pattern[str], ...]:
    symbols: list[str] = []
    marks: list[str] = []
    for code in range(0x80, 0x10000):
        char = chr(code)
        category = unicodedata.category(char)
        if category in ("Nd", "No", "So", "Sm", "Sc", "Sk") or char in "¿¡§¶ºª":
            symbols.append(char)
        elif category in ("Mn", "Mc"):
            marks.append(char)
    symbol, mark = _ranges(symbols), _ranges(marks)
    # A mark of another script (a Thai tone mark) on a Latin letter is as odd as a letter.
    script_mark = _ranges([char for char in marks if not "\u0300" <= char <= "\u036f"])
    # \w takes "³" and "¼" for letters (they are numeric): they are symbols here.
    letter = rf"[^\W\d_{symbol}]"
    latin = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"
    foreign = rf"[^\W\d_{symbol}A-Za-z\u00b5\u00c0-\u024f\u1e00-\u1eff]"
    # Each starts with the odd character itself (and looks behind from there), which lets
    # the search skip the plain text between such characters quickly.
    return (re.compile(f"[{symbol}](?<={letter}.)(?={letter})"),
            re.compile(f"{foreign}(?<={latin}.)|{foreign}(?={latin})"),
            re.compile(f"[{script_mark}](?<={latin}.)"),
            re.compile(f"[{mark}](?<![{mark}].)(?<!{letter}.)"))


def _ranges(chars: list[str]) -> str:
    """The characters as the inside of a regular-expression class, in ranges."""
    ranges: list[str] = []
    start = previous = ord(chars[0])
    for code in [*map(ord, chars[1:]), sys.maxunicode + 2]:
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) if start == previous
                          else f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
        previous = code
    return "".join(ranges)
