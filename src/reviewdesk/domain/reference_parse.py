"""One reference entry read into its parts: author, date, title, container and link, for
APA, Harvard, Chicago, MLA, IEEE and numbered entries in any of the supported scripts."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reviewdesk.domain.dates import find_dates, gregorian_month
from reviewdesk.domain.reference_shapes import LEADING_MARK
from reviewdesk.domain.reference_text import (
    ascii_digits,
    find_links,
    find_years,
    gregorian_year,
    no_date_mark,
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date given as far as the entry gives it: a year, a month of it, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def period(self) -> tuple[date, date]:
        """The first and last day the date covers: the whole year, the whole month or the day."""
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is not None:
            day = date(self.year, self.month, self.day)
            return day, day
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date(self.year, self.month, 1), following - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """A reference entry cut into its parts; a part the entry does not give is ""."""

    raw: str
    author: str = ""
    date: PartialDate | None = None
    date_text: str = ""
    title: str = ""
    container: str = ""
    url: str = ""
    body: str = ""  # the entry without its number and its links


_PLACEHOLDER = re.compile(
    r"[\s.,;:]*\[?\s*(?:link|available here|available online|click here|here|online|enlace|"
    r"lien|ссылка|لینک|رابط)\s*\]?"
    r"[\s.]*$", re.IGNORECASE)
_LINK_LEAD = re.compile(
    r"[\s,;:.]*(?:\[online\]\.?\s*)?(?:available\s+(?:at|from|online)?|retrieved\s+from|"
    r"disponible\s+(?:en|sur)|url|режим доступа|from)?\s*:?\s*$", re.IGNORECASE)
_APA = re.compile(r"^(?P<author>.+?)\.?\s*\((?P<date>[^()]{1,40})\)\.?\s*(?P<rest>.*)$")
_QUOTED = re.compile(r"[‘'“\"«](?P<title>[^‘'“\"”’»]{3,}?)[,.]?[’'”\"»](?=[\s,.:;]|$)")
_APA_DATE = re.compile(r"(?P<year>\d{4})[a-z]?(?:,\s*(?P<month>[^\W\d_]+)\.?"
                       r"(?:\s+(?P<day>\d{1,2}))?)?")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2}[.?!])\s+|(?<=[)”\"»][.?!])\s+")
# An access date is the entry's date only when it gives no other.
_ACCESS_BEFORE = re.compile(
    r"(?:accessed|retrieved|viewed|consulted|consulté le|consultado el|consultado|"
    r"recuperado el|дата обращения|تاريخ الاطلاع|تاریخ دسترسی)\s*(?:on\s+)?:?\s*$",
    re.IGNORECASE)


_ACCESS_REACH = 40  # characters before a date searched for "accessed" and the like


def parse_reference(text: str) -> ParsedReference:
    """Author, date, title, container and URL of an APA-like, Chicago-like or numbered entry."""
    body, url = take_url(LEADING_MARK.sub("", text.strip(), count=1))
    apa = _APA.match(body)
    if apa is not None and _is_date(apa["date"]):
        parsed = _parse_apa(text, apa, url)
    elif (quoted := _QUOTED.search(body)) is not None:
        parsed = _parse_quoted(text, body, quoted, url)
    else:
        parsed = _parse_loose(text, body, url)
    return replace(parsed, body=body)


def take_url(body: str) -> tuple[str, str]:
    """The first URL or DOI, and the entry without its links (and without the words that
    announce them); a bare "Link" placeholder is no URL."""
    links = find_links(body)
    for link in reversed(links):
        before = _LINK_LEAD.sub("", body[:link.start])
        body = before + " " + body[link.end:].lstrip(" .,;")
    body = _PLACEHOLDER.sub("", body.strip()).strip()
    return body.rstrip(" ,;:"), links[0].url if links else ""


def _is_date(text: str) -> bool:
    return bool(re.search(r"\d{4}", text)) or bool(no_date_mark(text))


def _parse_apa(raw: str, match: re.Match[str], url: str) -> ParsedReference:
    date_text = match["date"].strip()
    parts = _SENTENCE_END.split(match["rest"].strip(), maxsplit=1)
    title = parts[0].rstrip(".") if parts else ""
    container = parts[1].strip().rstrip(".") if len(parts) > 1 else ""
    return ParsedReference(raw=raw, author=match["author"].strip().rstrip(",."),
                           date=parse_date(date_text, raw), date_text=date_text, title=title,
                           container=container, url=url)


def _parse_quoted(raw: str, body: str, quoted: re.Match[str], url: str) -> ParsedReference:
    author = body[:quoted.start()].strip().rstrip(",.:")
    after = body[quoted.end():].strip(" ,.")
    # A year inside the quoted title is not the entry's date; one after it or before it is.
    date_text = entry_date_text(after, raw) or entry_date_text(author, raw)
    start = after.find(date_text) if date_text else -1
    container = after[:start].strip(" ,.") if start > 0 else after
    return ParsedReference(raw=raw, author=author, date=parse_date(date_text, raw),
                           date_text=date_text, title=quoted["title"].strip(),
                           container=container, url=url)


_CAPITAL = "A-ZА-ЯЁЎҲҶҚҒӮӢ"
_INITIALS = rf"[{_CAPITAL}]\.(?:\s?[{_CAPITAL}]\.){{0,2}}"
# "Иванов И. И. Title", "Okafor N., Lindqvist B. Title", "Smith, J. A. Title": surnames
# with their initials after them (GOST, Vancouver).
_NAME_INITIALS = re.compile(
    rf"^(?P<author>[{_CAPITAL}][^\W\d_][\w'’-]*,?\s+{_INITIALS}"
    rf"(?:,?\s+(?:и|and|&|y|et)?\s*[{_CAPITAL}][^\W\d_][\w'’-]*,?\s+{_INITIALS})*)"
    rf"\s+(?=[^\W\d_]{{2}})")


def _parse_loose(raw: str, body: str, url: str) -> ParsedReference:
    """"Author. Title. Container." by its full stops, or "Author, Title, Container, 2021"
    by its first comma when the entry has no full stop inside."""
    date_text = entry_date_text(body, raw)
    named = _NAME_INITIALS.match(body)
    if named is not None:
        return _parse_after_names(raw, body, named, date_text, url)
    parts = _SENTENCE_END.split(body, maxsplit=2)
    if len(parts) == 1 and (comma := body.find(", ")) > 0 and \
            len(body[:comma].split()) <= _AUTHOR_WORDS:
        parts = [body[:comma], *body[comma + 2:].split(", ", 1)]
    return ParsedReference(raw=raw, author=parts[0].rstrip(".") if len(parts) > 1 else "",
                           date=parse_date(date_text, raw), date_text=date_text,
                           title=parts[1].rstrip(".") if len(parts) > 1 else parts[0],
                           container=parts[2].rstrip(".") if len(parts) > 2 else "", url=url)


_AUTHOR_WORDS = 8


def _parse_after_names(raw: str, body: str, named: re.Match[str], date_text: str,
                       url: str) -> ParsedReference:
    """The title after names with initials runs to " // " (GOST's mark before the
    journal) or to the first full stop; the container follows."""
    rest = body[named.end():]
    title, mark, container = rest.partition(" // ")
    if not mark:
        parts = _SENTENCE_END.split(rest, maxsplit=1)
        title, container = parts[0], parts[1] if len(parts) > 1 else ""
    container = _SENTENCE_END.split(container, maxsplit=1)[0]
    return ParsedReference(raw=raw, author=named["author"].rstrip(","),
                           date=parse_date(date_text, raw), date_text=date_text,
                           title=title.strip().rstrip("."), container=container.strip(" .—"),
                           url=url)


def entry_date_text(text: str, context: str = "") -> str:
    """The date an entry gives in `text` (links already taken out): "n.d." when it says it
    has none; else a date before an access date, a full date before a year alone, and the
    last of them (a year in a title comes before the year of publication); else ""."""
    mark = no_date_mark(text)
    if mark:
        return mark
    # A span of years ("2015-2030") is no more exact than a year alone.
    candidates = [(m.start, m.text, m.period[0].year == m.period[1].year)
                  for m in find_dates(text)
                  if m.period[0].year != m.period[1].year or m.period[0].month != 1
                  or m.period[1].month != 12]
    taken = [(s, s + len(t)) for s, t, _ in candidates]
    candidates += [(y.start, y.written, False) for y in find_years(text, context)
                   if not any(a <= y.start < b for a, b in taken)]
    if not candidates:
        return ""
    return max(candidates, key=lambda c: (
        not _ACCESS_BEFORE.search(text[max(0, c[0] - _ACCESS_REACH):c[0]]), c[2], c[0]))[1]


def parse_date(text: str, context: str = "") -> PartialDate | None:
    """"2024, October 24", "12 March 2024", "2024", "۱۴۰۰" -> a PartialDate (a Hijri year as
    the Gregorian year it mostly falls in, `context` telling the calendar); "n.d." -> None."""
    text = ascii_digits(text.strip())
    if not text or no_date_mark(text):
        return None
    apa = _APA_DATE.match(text)
    if apa is not None and (apa["month"] is None or gregorian_month(apa["month"])):
        year = gregorian_year(int(apa["year"]), context or text)
        if year is None:
            return None
        month = gregorian_month(apa["month"]) if apa["month"] and year == int(apa["year"]) \
            else None
        day = int(apa["day"]) if apa["day"] and month else None
        return _checked(year, month, day)
    return _from_mentions(text, context)


def _from_mentions(text: str, context: str) -> PartialDate | None:
    for mention in find_dates(text):
        first, last = mention.period
        if first == last:
            return PartialDate(first.year, first.month, first.day)
        if (first.year, first.month) == (last.year, last.month):
            return PartialDate(first.year, first.month)
        return PartialDate(first.year)
    years = find_years(text, context)
    return PartialDate(years[0].gregorian) if years else None


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        value = PartialDate(year, month, day)
        value.period  # noqa: B018 -- raises for 31 February
    except ValueError:
        return PartialDate(year, month) if month else PartialDate(year)
    return value
