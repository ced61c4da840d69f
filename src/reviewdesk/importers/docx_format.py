"""How a Word paragraph looks: bold, size, capitals, colour, underline and centring as Word
shows them, from its runs, their character styles, its paragraph style and the defaults."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from reviewdesk.domain.script import mostly_rtl
from reviewdesk.importers.docx_styles import VAL, W, int_val, is_on

_R, _T, _PPR, _RPR = f"{W}r", f"{W}t", f"{W}pPr", f"{W}rPr"
_HYPERLINK = f"{W}hyperlink"
# Ink that is no colour: automatic, black, the theme's text colour.
_PLAIN_INK = frozenset({"", "auto", "000000", "text1", "dark1", "tx1"})
_LINK_STYLES = frozenset({"hyperlink", "followedhyperlink"})
_THEME_HUES = frozenset({"text2", "dark2", "tx2"})
_HUE = 48  # how far apart the red, green and blue of a colour are, at least (grey: none)
# Inline wrappers whose runs are the paragraph's own text (deletions are not).
_INLINE = frozenset(f"{W}{name}" for name in (
    "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple",
    "bdo", "dir"))
_RUN_SPACE = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": " ", f"{W}cr": " "}
_BOLD_SHARE = 0.9
_DEFAULT_SIZE = 20  # half-points: Word's 10 pt when nothing says otherwise
_SCRIPT_SAMPLE = 200  # characters that tell a paragraph's script


@dataclass(frozen=True, slots=True)
class RunFormat:
    """The character properties one level (run, style, defaults) sets; None: not set here."""

    bold: bool | None = None
    bold_cs: bool | None = None
    size: int | None = None  # half-points
    size_cs: int | None = None
    caps: bool | None = None
    color: str | None = None  # "" for plain ink
    underline: bool | None = None

    def under(self, parent: RunFormat) -> RunFormat:
        """These properties where set, the parent's elsewhere."""
        return RunFormat(
            bold=self.bold if self.bold is not None else parent.bold,
            bold_cs=self.bold_cs if self.bold_cs is not None else parent.bold_cs,
            size=self.size if self.size is not None else parent.size,
            size_cs=self.size_cs if self.size_cs is not None else parent.size_cs,
            caps=self.caps if self.caps is not None else parent.caps,
            color=self.color if self.color is not None else parent.color,
            underline=self.underline if self.underline is not None else parent.underline)


def run_format(rpr: etree._Element | None) -> RunFormat:
    if rpr is None:
        return RunFormat()
    caps = [is_on(el) for el in (rpr.find(f"{W}caps"), rpr.find(f"{W}smallCaps"))
            if el is not None]
    underline = rpr.find(f"{W}u")
    return RunFormat(bold=_toggle(rpr, "b"), bold_cs=_toggle(rpr, "bCs"),
                     size=int_val(rpr.find(f"{W}sz")), size_cs=int_val(rpr.find(f"{W}szCs")),
                     caps=any(caps) if caps else None, color=_color(rpr.find(f"{W}color")),
                     underline=None if underline is None
                     else underline.get(VAL, "single") != "none")


def _color(element: etree._Element | None) -> str | None:
    """The ink when it is a colour (a theme accent, a hue), "" for black, grey or auto:
    grey sets text back (a running line, a credit), a colour sets it forward."""
    if element is None:
        return None
    ink = (element.get(f"{W}themeColor") or element.get(VAL) or "").lower()
    if ink in _PLAIN_INK:
        return ""
    if ink.startswith("accent") or ink in _THEME_HUES:
        return ink
    try:
        channels = [int(ink[i:i + 2], 16) for i in (0, 2, 4)] if len(ink) == 6 else []
    except ValueError:
        return ""
    return ink if channels and max(channels) - min(channels) >= _HUE else ""


def _toggle(rpr: etree._Element, name: str) -> bool | None:
    element = rpr.find(f"{W}{name}")
    return is_on(element) if element is not None else None


@dataclass(frozen=True, slots=True)
class Look:
    """What a reader sees of a paragraph: its text (tabs kept) and how it stands out."""

    text: str
    bold: bool  # nearly every letter bold
    size: float  # points, of most of its letters
    caps: bool  # every cased letter shown as a capital
    centered: bool
    color: str = ""  # the ink of nearly all its text, "" for plain (links do not count)
    underline: bool = False  # nearly all of it underlined, links aside


class Formats:
    """Run properties of paragraph and character styles along basedOn, and the defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[tuple[str, str], etree._Element] = {}
        self._resolved: dict[tuple[str, str], tuple[RunFormat, str | None]] = {}
        self.defaults = RunFormat()
        self.default_jc: str | None = None
        self.default_style: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            self.defaults = run_format(defaults.find(f"{W}rPrDefault/{_RPR}"))
            self.default_jc = _jc(defaults.find(f"{W}pPrDefault/{_PPR}"))
        for style in root.iterchildren(f"{W}style"):
            kind = style.get(f"{W}type", "paragraph")
            self._raw[(kind, style.get(f"{W}styleId", ""))] = style
            if kind == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                self.default_style = style.get(f"{W}styleId", "")

    def style(self, kind: str, style_id: str | None) -> tuple[RunFormat, str | None]:
        """A paragraph or character style's run properties and justification, basedOn
        applied (walked, with a guard against loops)."""
        if style_id is None:
            return RunFormat(), None
        chain: list[tuple[str, etree._Element]] = []
        current: str | None = style_id
        inherited: tuple[RunFormat, str | None] = (RunFormat(), None)
        while current is not None and len(chain) < 64:
            if (kind, current) in self._resolved:
                inherited = self._resolved[(kind, current)]
                break
            element = self._raw.get((kind, current))
            if element is None or any(ident == current for ident, _ in chain):
                break
            chain.append((current, element))
            based = element.find(f"{W}basedOn")
            current = based.get(VAL) if based is not None else None
        for ident, element in reversed(chain):
            own = run_format(element.find(_RPR)).under(inherited[0])
            inherited = (own, _jc(element.find(_PPR)) or inherited[1])
            self._resolved[(kind, ident)] = inherited
        return inherited

    def look(self, paragraph: etree._Element) -> Look:
        ppr = paragraph.find(_PPR)
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = style.get(VAL) if style is not None else self.default_style
        base, style_jc = self.style("paragraph", style_id)
        base = base.under(self.defaults)
        jc = _jc(ppr) or style_jc or self.default_jc
        texts = [(run, text) for run in runs(paragraph) if (text := _run_text(run))]
        whole = "".join(text for _, text in texts)
        tally = _Tally(mostly_rtl(whole[:_SCRIPT_SAMPLE]))
        for run, text in texts:
            tally.add(text, self._effective(run, base), _is_link(run))
        return Look(whole, tally.bold(), tally.size(), tally.caps(), jc == "center",
                    tally.color(), tally.underlined())

    def _effective(self, run: etree._Element, base: RunFormat) -> RunFormat:
        rpr = run.find(_RPR)
        own = run_format(rpr)
        style = rpr.find(f"{W}rStyle") if rpr is not None else None
        if style is not None:
            own = own.under(self.style("character", style.get(VAL))[0])
        return own.under(base)


class _Tally:
    """A paragraph's runs weighed by their length (white space aside): how much is bold, at
    which size, and whether any letter is shown in lower case. Only C-level string methods
    touch the text, which keeps a million-character brief fast."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl  # the paragraph's script: complex-script bold and size apply
        self.weight = 0
        self.bold_weight = 0
        self.sizes: Counter[float] = Counter()
        self.upper = False  # a letter is shown as a capital
        self.lower = False  # a letter is shown in lower case
        self.inks: Counter[str] = Counter()
        self.underline_weight = 0

    def add(self, text: str, fmt: RunFormat, link: bool = False) -> None:
        weight = len(text) - text.count(" ") - text.count("\t")
        if weight <= 0:
            return
        # A link's blue and underline are the link's, not the paragraph's.
        self.inks["" if link else fmt.color or ""] += weight
        self.underline_weight += weight if fmt.underline and not link else 0
        bold = fmt.bold_cs if self.rtl and fmt.bold_cs is not None else fmt.bold
        size = fmt.size_cs if self.rtl and fmt.size_cs is not None else fmt.size
        self.weight += weight
        self.bold_weight += weight if bold else 0
        self.sizes[(size or _DEFAULT_SIZE) / 2] += weight
        has_upper, has_lower = text.lower() != text, text.upper() != text
        self.upper = self.upper or has_upper or bool(fmt.caps and has_lower)
        self.lower = self.lower or (has_lower and not fmt.caps)

    def bold(self) -> bool:
        return self.weight > 0 and self.bold_weight >= _BOLD_SHARE * self.weight

    def size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else _DEFAULT_SIZE / 2

    def caps(self) -> bool:
        return self.upper and not self.lower

    def color(self) -> str:
        ink, weight = self.inks.most_common(1)[0] if self.inks else ("", 0)
        return ink if weight >= _BOLD_SHARE * self.weight else ""

    def underlined(self) -> bool:
        return self.weight > 0 and self.underline_weight >= _BOLD_SHARE * self.weight


def _jc(ppr: etree._Element | None) -> str | None:
    element = ppr.find(f"{W}jc") if ppr is not None else None
    return element.get(VAL) if element is not None else None


def _is_link(run: etree._Element) -> bool:
    parent = run.getparent()
    if parent is not None and parent.tag == _HYPERLINK:
        return True
    style = run.find(f"{_RPR}/{W}rStyle")
    return style is not None and (style.get(VAL) or "").lower() in _LINK_STYLES


def paragraph_text(paragraph: etree._Element) -> str:
    """The paragraph's visible text, tabs kept, as Formats.look gives it, without its look."""
    return "".join(_run_text(run) for run in runs(paragraph))


def runs(element: etree._Element) -> Iterator[etree._Element]:
    """The paragraph's runs, through hyperlinks, insertions and content controls."""
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag in _INLINE:
            yield from runs(child)


def _run_text(run: etree._Element) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _RUN_SPACE:
            parts.append(_RUN_SPACE[child.tag])
    return "".join(parts)
